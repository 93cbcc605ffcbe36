import {
  ApplicationCommandOptionType,
  type ChatInputCommandInteraction,
  MessageFlags,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { toPost } from '../src/core/post.js';
import { parseSince, respondWithTopics } from '../src/discord/commandKit.js';
import { escapeText, storiesMessage } from '../src/discord/format.js';
import type { CommandDeps } from '../src/discord/types.js';
import { findNews } from '../src/jobs/news.js';

export const data = {
  name: 'news',
  description: 'Latest crypto policy news, by topic (e.g. china, eu, stablecoins) or search words',
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'topic',
      description: 'A jurisdiction or theme (china, 中国, pboc, eu, stablecoins…) or words to search for',
      autocomplete: true,
      max_length: 100,
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'since',
      description: 'How far back: 24h, 7d, 2w (default: no limit)',
      max_length: 10,
    },
    {
      type: ApplicationCommandOptionType.Integer,
      name: 'count',
      description: 'How many stories (1–10, default 5)',
      min_value: 1,
      max_value: 10,
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export async function execute(interaction: ChatInputCommandInteraction, deps: CommandDeps): Promise<void> {
  const subject = interaction.options.getString('topic') ?? undefined;
  const sinceText = interaction.options.getString('since');
  const since = parseSince(sinceText, deps.clock());
  const count = interaction.options.getInteger('count') ?? 5;
  // SQLite answers in milliseconds, well within the 3-second deadline: no need to defer.
  const { stories, topic, text } = findNews(deps.stories, { subject, since, limit: count });
  if (stories.length === 0) {
    const about = topic
      ? ` about **${topic.name}**`
      : text
        ? ` matching “${escapeText(text.slice(0, 80))}”`
        : '';
    const window = sinceText ? ` in the last ${sinceText}` : '';
    await interaction.reply({
      content: `No policy stories${about}${window} yet. Try a longer \`since\`, another topic (\`/topics\` lists them), or check back after the next poll.`,
      flags: MessageFlags.Ephemeral,
      allowedMentions: { parse: [] },
    });
    return;
  }
  const heading = topic
    ? `Latest policy news: ${topic.name}`
    : text
      ? `Policy news matching “${escapeText(text.slice(0, 80))}”`
      : 'Latest policy news';
  const body = storiesMessage(stories.map(toPost), `**${heading}**`);
  await interaction.reply({
    content: body.content ?? '',
    embeds: body.embeds ?? [],
    allowedMentions: { parse: [] },
  });
}

export const autocomplete = respondWithTopics;
