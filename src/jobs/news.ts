/**
 * The news query shared by `/news` and `policywire news`: a topic slug or alias, else free text.
 */
import { resolveTopic, type Topic } from '../core/topics/index.js';
import type { StoryStore, StoryView } from '../storage/storyStore.js';

export interface NewsRequest {
  /** A topic slug or alias, or words to search for; empty for the latest news. */
  subject?: string | undefined;
  since?: number | undefined;
  limit: number;
  /** Include stories that are not policy news. */
  all?: boolean;
}

export interface NewsResult {
  stories: StoryView[];
  topic?: Topic;
  text?: string;
}

/** Runs a news query. Throws SearchQueryError (a UserError) when the search text cannot be used. */
export function findNews(stories: StoryStore, request: NewsRequest): NewsResult {
  const subject = request.subject?.trim() || undefined;
  const topic = subject ? resolveTopic(subject) : undefined;
  const found = stories.news({
    limit: request.limit,
    policyOnly: !request.all,
    ...(request.since !== undefined ? { since: request.since } : {}),
    ...(topic ? { topic: topic.slug } : subject ? { text: subject } : {}),
  });
  return { stories: found, ...(topic ? { topic } : {}), ...(!topic && subject ? { text: subject } : {}) };
}
