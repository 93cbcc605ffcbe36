import {
  type ChatInputCommandInteraction,
  MessageFlags,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';

export const data = {
  name: 'help',
  description: 'What policywire does and how to use it',
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export const HELP_TEXT = [
  '**policywire** posts crypto *policy* news — regulation, enforcement, central banks, tax, sanctions, legislation — from regulators and crypto media, each story once.',
  '',
  '`/news [topic] [since] [count]` — latest policy stories, e.g. `/news topic:china since:7d`. The topic can be a jurisdiction or theme, an alias (`pboc`, `中国`, `MiCA`), or search words.',
  '`/topics` — every jurisdiction and theme you can follow.',
  '`/sources` — the feeds read, and their health.',
  '',
  'Server managers (Manage Server):',
  '`/subscribe topic [channel] [mode] [time] [timezone]` — post new stories about a topic to a channel, instantly or as a daily digest.',
  '`/unsubscribe topic [channel]` — stop.',
  '`/subscriptions` — this server’s subscriptions, including paused ones and why.',
].join('\n');

export async function execute(interaction: ChatInputCommandInteraction): Promise<void> {
  await interaction.reply({
    content: HELP_TEXT,
    flags: MessageFlags.Ephemeral,
    allowedMentions: { parse: [] },
  });
}
