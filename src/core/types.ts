/**
 * Platform-neutral domain types. Nothing here knows about HTTP, SQLite or Discord.
 */

export type FeedKind = 'media' | 'regulator';

/** One entry of the feeds file, validated. */
export interface FeedDefinition {
  /** Stable identifier chosen by the operator (`sec-press`). Lowercase letters, digits and dashes. */
  id: string;
  name: string;
  url: string;
  kind: FeedKind;
  /** Jurisdiction slugs that apply to every item of this feed by default (regulator feeds). */
  jurisdictions: string[];
  /** BCP 47 language tag of the feed's text, when known. */
  language?: string | undefined;
}

/** An item as it came out of a feed, cleaned: plain text only, canonical absolute URL. */
export interface NormalizedItem {
  /** Stable per-feed key: guid, else canonical link, else a hash of title and date. */
  key: string;
  /** Canonical absolute http(s) URL, or null when the item has none we can trust. */
  url: string | null;
  title: string;
  /** Plain text: HTML stripped, entities decoded, whitespace collapsed. */
  body: string;
  author: string | null;
  categories: string[];
  /** Epoch milliseconds; first-seen time when the feed gave none, never in the future. */
  publishedAt: number;
  /** True when the feed gave no usable date and `publishedAt` is the first-seen time. */
  undated: boolean;
}

/** What the intelligence layer says about a story. */
export interface Classification {
  /** Jurisdiction and theme slugs, jurisdictions first. */
  topics: string[];
  /** True for crypto / digital-asset policy news. */
  policy: boolean;
  /** Higher is more relevant; 0 means no policy signal at all. */
  relevance: number;
}

/** The input the classifier and summariser read. */
export interface StoryText {
  title: string;
  body: string;
  categories: string[];
  feed: Pick<FeedDefinition, 'kind' | 'jurisdictions' | 'language'>;
}

/** A story ready to be shown anywhere (Discord, console, CLI). */
export interface Post {
  storyId: number;
  title: string;
  url: string | null;
  summary: string;
  /** Names of the feeds that carried the story, first one first. */
  sources: string[];
  publishedAt: number;
  topics: string[];
  policy: boolean;
}
