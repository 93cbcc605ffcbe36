import {
  type ChatInputCommandInteraction,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { resolveTopic } from '../src/core/topics/index.js';
import { requireManageGuild } from '../src/discord/commandKit.js';
import { clip, escapeText } from '../src/discord/format.js';
import type { CommandDeps } from '../src/discord/types.js';

export const data = {
  name: 'subscriptions',
  description: 'This server’s topic subscriptions, and any that are paused and why (Manage Server)',
  default_member_permissions: String(PermissionFlagsBits.ManageGuild),
  contexts: [InteractionContextType.Guild],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export async function execute(interaction: ChatInputCommandInteraction, deps: CommandDeps): Promise<void> {
  requireManageGuild(interaction);
  const subs = deps.subscriptions.forGuild(interaction.guildId);
  if (subs.length === 0) {
    await interaction.reply({
      content:
        'No subscriptions yet. Add one with `/subscribe topic:china` (in the channel that should get the stories).',
      flags: MessageFlags.Ephemeral,
    });
    return;
  }
  const lines = subs.map((s) => {
    const name = resolveTopic(s.topic)?.name ?? s.topic;
    const mode = s.mode === 'digest' ? `daily digest at ${s.digestTime} ${s.timezone}` : 'instant';
    const paused = s.pausedReason
      ? `\n  ⏸ **paused**: ${escapeText(s.pausedReason)}. Fix the channel’s permissions, then run \`/subscribe\` again to resume.`
      : '';
    return `• <#${s.channelId}> — **${name}** (\`${s.topic}\`), ${mode}${paused}`;
  });
  const header = `**${subs.length} of ${deps.subscriptionLimit} subscriptions**`;
  await interaction.reply({
    content: clip(`${header}\n${lines.join('\n')}`, 2000),
    flags: MessageFlags.Ephemeral,
    allowedMentions: { parse: [] },
  });
}
