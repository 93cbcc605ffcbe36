import {
  type ChatInputCommandInteraction,
  MessageFlags,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { TOPICS } from '../src/core/topics/index.js';
import { clip } from '../src/discord/format.js';
import type { CommandDeps } from '../src/discord/types.js';

export const data = {
  name: 'topics',
  description: 'The jurisdictions and themes you can follow, with how many stories each has',
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export async function execute(interaction: ChatInputCommandInteraction, deps: CommandDeps): Promise<void> {
  const counts = deps.stories.topicCounts(true);
  const section = (kind: 'jurisdiction' | 'theme') =>
    TOPICS.filter((t) => t.kind === kind)
      .map((t) => `\`${t.slug}\` ${t.name} (${counts.get(t.slug) ?? 0})`)
      .join(' · ');
  const content = clip(
    `**Jurisdictions**\n${section('jurisdiction')}\n\n**Themes**\n${section('theme')}\n\nUse a slug or a name with \`/news\` and \`/subscribe\` — aliases work too (\`pboc\`, \`中国\`, \`MiCA\`, \`SEC\`).`,
    2000,
  );
  await interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
}
