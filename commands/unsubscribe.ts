import {
  ApplicationCommandOptionType,
  ChannelType,
  type ChatInputCommandInteraction,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { requireManageGuild, requireTopic, respondWithTopics } from '../src/discord/commandKit.js';
import type { CommandDeps } from '../src/discord/types.js';
import { UserError } from '../src/errors.js';

export const data = {
  name: 'unsubscribe',
  description: 'Stop posting a topic to a channel (Manage Server)',
  default_member_permissions: String(PermissionFlagsBits.ManageGuild),
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'topic',
      description: 'The topic to stop',
      required: true,
      autocomplete: true,
      max_length: 100,
    },
    {
      type: ApplicationCommandOptionType.Channel,
      name: 'channel',
      description: 'The channel (default: this channel)',
      channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export async function execute(interaction: ChatInputCommandInteraction, deps: CommandDeps): Promise<void> {
  requireManageGuild(interaction);
  const topic = requireTopic(interaction.options.getString('topic', true));
  const channelId = interaction.options.getChannel('channel')?.id ?? interaction.channelId;
  const removed = deps.subscriptions.remove(interaction.guildId, channelId, topic.slug);
  if (!removed) {
    throw new UserError(
      `<#${channelId}> is not subscribed to **${topic.name}**. \`/subscriptions\` lists this server’s subscriptions.`,
    );
  }
  await interaction.reply({
    content: `Unsubscribed: <#${channelId}> will no longer get **${topic.name}** stories.`,
    flags: MessageFlags.Ephemeral,
    allowedMentions: { parse: [] },
  });
}

export const autocomplete = respondWithTopics;
