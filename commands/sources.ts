import {
  type ChatInputCommandInteraction,
  MessageFlags,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { clip, escapeText } from '../src/discord/format.js';
import type { CommandDeps } from '../src/discord/types.js';

export const data = {
  name: 'sources',
  description: 'The feeds policywire reads, and their health',
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

const ICON: Record<string, string> = { ok: '🟢', failing: '🔴', 'never-fetched': '⚪', inactive: '⚫' };

export async function execute(interaction: ChatInputCommandInteraction, deps: CommandDeps): Promise<void> {
  const feeds = deps.feeds.list().filter((f) => f.active);
  const failing = feeds.filter((f) => f.status === 'failing');
  const lines = feeds.map((f) => {
    const when = f.lastFetchedAt ? `<t:${Math.floor(f.lastFetchedAt / 1000)}:R>` : 'not fetched yet';
    const error = f.status === 'failing' && f.lastError ? ` — ${escapeText(f.lastError.slice(0, 80))}` : '';
    return `${ICON[f.status] ?? ''} **${escapeText(f.name)}** (${f.kind}) ${f.itemCount} items, ${when}${error}`;
  });
  const header = `**${feeds.length} feeds**: ${feeds.length - failing.length} healthy, ${failing.length} failing`;
  await interaction.reply({
    content: clip(`${header}\n${lines.join('\n')}`, 2000),
    flags: MessageFlags.Ephemeral,
    allowedMentions: { parse: [] },
  });
}
