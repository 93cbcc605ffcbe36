import {
  ApplicationCommandOptionType,
  ChannelType,
  type ChatInputCommandInteraction,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { isValidTimeZone, parseClockTime } from '../src/core/digestTime.js';
import {
  requireBotCanPost,
  requireManageGuild,
  requireTopic,
  respondWithTopics,
} from '../src/discord/commandKit.js';
import type { CommandDeps } from '../src/discord/types.js';
import { UserError } from '../src/errors.js';

export const data = {
  name: 'subscribe',
  description: 'Post new policy stories about a topic to a channel (Manage Server)',
  default_member_permissions: String(PermissionFlagsBits.ManageGuild),
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'topic',
      description: 'A jurisdiction or theme: china, eu, us, stablecoins, tax…',
      required: true,
      autocomplete: true,
      max_length: 100,
    },
    {
      type: ApplicationCommandOptionType.Channel,
      name: 'channel',
      description: 'Where to post (default: this channel)',
      channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'mode',
      description: 'instant: each story as it arrives (default); digest: one message a day',
      choices: [
        { name: 'instant', value: 'instant' },
        { name: 'digest', value: 'digest' },
      ],
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'time',
      description: 'Digest time, 24-hour HH:MM (default 09:00)',
      max_length: 5,
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'timezone',
      description: 'Digest time zone, e.g. Europe/London, Asia/Hong_Kong (default UTC)',
      max_length: 64,
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export async function execute(interaction: ChatInputCommandInteraction, deps: CommandDeps): Promise<void> {
  requireManageGuild(interaction);
  if (!interaction.inCachedGuild())
    throw new UserError('I can’t see this server yet; try again in a minute.');
  const topic = requireTopic(interaction.options.getString('topic', true));
  const option = interaction.options.getChannel('channel');
  const channel = option ? interaction.guild.channels.cache.get(option.id) : interaction.channel;
  if (!channel?.isTextBased() || channel.isThread() || channel.isVoiceBased()) {
    throw new UserError('Pick a text or announcement channel of this server.');
  }
  requireBotCanPost(channel, interaction);
  const mode = (interaction.options.getString('mode') ?? 'instant') as 'instant' | 'digest';
  let digestTime: string | null = null;
  let timezone: string | null = null;
  if (mode === 'digest') {
    const timeText = interaction.options.getString('time') ?? '09:00';
    digestTime = parseClockTime(timeText) ?? null;
    if (!digestTime)
      throw new UserError(
        `“${timeText.slice(0, 10)}” is not a time: use 24-hour HH:MM, like \`09:00\` or \`18:30\`.`,
      );
    timezone = interaction.options.getString('timezone') ?? 'UTC';
    if (!isValidTimeZone(timezone))
      throw new UserError(
        `“${timezone.slice(0, 64)}” is not a time zone I know: use a name like \`Europe/London\`, \`America/New_York\` or \`Asia/Singapore\`.`,
      );
  } else if (interaction.options.getString('time') || interaction.options.getString('timezone')) {
    throw new UserError('`time` and `timezone` only apply to `mode: digest`.');
  }
  const current = deps.subscriptions.forGuild(interaction.guildId);
  const existing = current.find((s) => s.channelId === channel.id && s.topic === topic.slug);
  if (!existing && current.length >= deps.subscriptionLimit) {
    throw new UserError(
      `This server already has ${deps.subscriptionLimit} subscriptions, the most it can have. Remove one with \`/unsubscribe\` first (\`/subscriptions\` lists them).`,
    );
  }
  deps.subscriptions.upsert(
    {
      guildId: interaction.guildId,
      channelId: channel.id,
      topic: topic.slug,
      mode,
      digestTime,
      timezone,
      createdBy: interaction.user.id,
    },
    deps.clock(),
  );
  deps.resumeChannel(channel.id);
  const how = mode === 'digest' ? `in a daily digest at ${digestTime} (${timezone})` : 'as they arrive';
  const verb = existing ? 'Updated' : 'Subscribed';
  await interaction.reply({
    content: `${verb}: new policy stories about **${topic.name}** (\`${topic.slug}\`) will be posted in <#${channel.id}> ${how}. Older stories are not posted; use \`/news ${topic.slug}\` to catch up.`,
    flags: MessageFlags.Ephemeral,
    allowedMentions: { parse: [] },
  });
}

export const autocomplete = respondWithTopics;
