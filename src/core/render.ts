/**
 * Plain-text rendering of a Post, shared by console mode and the CLI. Discord has its own
 * renderer (src/discord) that escapes markdown; this one strips control characters only.
 */
import type { Post } from './types.js';

/** An ISO 8601 timestamp in UTC without milliseconds: 2025-11-20T10:00:00Z. */
export function isoMinute(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Renders a post as a few lines of text for a terminal. */
export function renderPostText(post: Post): string {
  const lines = [`▶ ${post.title}`];
  if (post.summary && post.summary !== post.title) lines.push(`  ${post.summary}`);
  const meta = [isoMinute(post.publishedAt), post.sources.join(', ')];
  if (post.topics.length > 0) meta.push(post.topics.map((t) => `#${t}`).join(' '));
  lines.push(`  ${meta.filter(Boolean).join(' · ')}`);
  if (post.url) lines.push(`  ${post.url}`);
  return lines.join('\n');
}
