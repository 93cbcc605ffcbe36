/**
 * SQLite-backed pieces of the LLM summariser: the per-story cache (a story whose summary came from
 * the model keeps it: one call per story, across restarts) and the per-day call counter.
 */
import type { LlmUsageStore, SummaryCache } from '../summary/summariser.js';
import type { Db } from './database.js';
import type { StoryStore } from './storyStore.js';

export function createSqliteSummaryCache(db: Db, stories: StoryStore, source = 'llm'): SummaryCache {
  const get = db.prepare<[number, string], { summary: string }>(
    'SELECT summary FROM stories WHERE id = ? AND summary_source = ?',
  );
  return {
    get: (storyId) => get.get(storyId, source)?.summary,
    set: (storyId, summary) => stories.updateSummary(storyId, summary, source),
  };
}

export function createSqliteUsageStore(db: Db): LlmUsageStore {
  const used = db.prepare<[string], { calls: number }>('SELECT calls FROM llm_usage WHERE day = ?');
  const increment = db.prepare(
    'INSERT INTO llm_usage (day, calls) VALUES (?, 1) ON CONFLICT (day) DO UPDATE SET calls = calls + 1',
  );
  return {
    usedOn: (day) => used.get(day)?.calls ?? 0,
    increment: (day) => void increment.run(day),
  };
}
