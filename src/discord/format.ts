/**
 * Posts to Discord messages: one pure function per message kind. Feed text is hostile: markdown
 * is escaped, links are only http(s), every limit Discord enforces is respected, and no message
 * can ping anyone (`allowed_mentions: { parse: [] }`).
 */
import {
  type APIAllowedMentions,
  type APIEmbed,
  escapeMarkdown,
  type RESTPostAPIChannelMessageJSONBody,
} from 'discord.js';
import type { Post } from '../core/types.js';

/** Discord's limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const LIMITS = {
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  total: 6000,
  embeds: 10,
  content: 2000,
} as const;

/** On every message: mention syntax in feed text must never ping a user, a role, or @everyone. */
export const NO_MENTIONS: APIAllowedMentions = { parse: [] };

const EMBED_COLOUR = 0x2b6cb0;
const SUMMARY_CHARS = 350;

/** Escapes markdown and neutralises mention and link syntax in feed text. */
export function escapeText(text: string): string {
  return escapeMarkdown(text, {
    codeBlock: true,
    inlineCode: true,
    bold: true,
    italic: true,
    underline: true,
    strikethrough: true,
    spoiler: true,
    codeBlockContent: true,
    inlineCodeContent: true,
    heading: true,
    bulletedList: true,
    numberedList: true,
    maskedLink: true,
  })
    .replace(/@(everyone|here)/g, '@\u200b$1')
    .replace(/<(@[!&]?|#)(\d+)>/g, '<$1\u200b$2>');
}

/** Cuts text to `max` characters, ending with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  // Never end on a lone backslash (it would escape the ellipsis) or half a surrogate pair.
  cut = cut.replace(/\\+$/, '').replace(/[\ud800-\udbff]$/, '');
  return `${cut}…`;
}

function safeUrl(url: string | null): string | undefined {
  if (!url || url.length > 2048) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** Total characters of an embed as Discord counts them toward the 6000 limit. */
export function embedLength(embed: APIEmbed): number {
  let n =
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0);
  for (const f of embed.fields ?? []) n += f.name.length + f.value.length;
  return n;
}

/** One story as an embed: linked title, summary, sources, date, topics. `budget` caps its total length. */
export function storyEmbed(post: Post, budget: number = LIMITS.total): APIEmbed {
  const title = clip(escapeText(post.title) || 'Untitled', LIMITS.title);
  const sources = clip(post.sources.map(escapeText).join(' · ') || 'unknown', 300);
  const topics = post.topics.length > 0 ? clip(post.topics.map((t) => `#${t}`).join(' '), 200) : '';
  const fixed =
    title.length + sources.length + 'Sources'.length + (topics ? topics.length + 'Topics'.length : 0);
  const summaryBudget = Math.max(0, Math.min(SUMMARY_CHARS, budget - fixed));
  const summary =
    post.summary && post.summary !== post.title ? clip(escapeText(post.summary), summaryBudget) : '';
  const embed: APIEmbed = {
    title,
    color: EMBED_COLOUR,
    timestamp: new Date(post.publishedAt).toISOString(),
    fields: [{ name: post.sources.length > 1 ? 'Sources' : 'Source', value: sources, inline: true }],
  };
  const url = safeUrl(post.url);
  if (url) embed.url = url;
  if (summary) embed.description = summary;
  if (topics) embed.fields?.push({ name: 'Topics', value: topics, inline: true });
  return embed;
}

/** The message for one new story. */
export function storyMessage(post: Post): RESTPostAPIChannelMessageJSONBody {
  return { embeds: [storyEmbed(post)], allowed_mentions: NO_MENTIONS };
}

/** A list of stories as one message of up to 10 embeds within Discord's 6000-character total. */
export function storiesMessage(posts: readonly Post[], content?: string): RESTPostAPIChannelMessageJSONBody {
  const chosen = posts.slice(0, LIMITS.embeds);
  const budget = Math.floor((LIMITS.total - 50) / Math.max(1, chosen.length));
  const embeds = chosen.map((p) => storyEmbed(p, budget));
  // Budgets are per embed; shrink descriptions further if rounding ever leaves us over.
  while (embeds.reduce((n, e) => n + embedLength(e), 0) > LIMITS.total) {
    const longest = embeds.reduce((a, b) =>
      (a.description?.length ?? 0) >= (b.description?.length ?? 0) ? a : b,
    );
    if (!longest.description) break;
    longest.description = clip(longest.description, Math.floor(longest.description.length * 0.8));
  }
  const body: RESTPostAPIChannelMessageJSONBody = { embeds, allowed_mentions: NO_MENTIONS };
  if (content) body.content = clip(content, LIMITS.content);
  return body;
}

/** The daily digest: a heading and up to 10 stories. */
export function digestMessage(posts: readonly Post[], title: string): RESTPostAPIChannelMessageJSONBody {
  return storiesMessage(posts, `**${escapeText(title)}**`);
}
