/**
 * The `Summariser` seam: the pipeline asks for a story's summary and does not know whether it comes
 * from the offline extractive summariser or a language model.
 */
import { extractiveSummary } from '../core/summary/extractiveSummary.js';

/** What a summariser is asked to summarise. */
export interface SummaryRequest {
  /** The story the summary belongs to; the key of the summary cache. */
  storyId: number;
  title: string;
  /** Plain text (HTML stripped, whitespace collapsed). */
  body: string;
  /** BCP 47 tag of the text, when the feed declares one. */
  language?: string | undefined;
}

/** Produces a short summary of a story. Implementations never reject: they degrade instead. */
export interface Summariser {
  /** For logs and diagnostics (`extractive`, `openai:<model>`). */
  readonly name: string;
  summarise(req: SummaryRequest): Promise<string>;
}

/** Remembers model summaries per story, so each story costs at most one model call. */
export interface SummaryCache {
  get(storyId: number): string | undefined;
  set(storyId: number, summary: string): void;
}

/** Counts model calls per UTC day (`YYYY-MM-DD`) to enforce the daily budget. */
export interface LlmUsageStore {
  usedOn(day: string): number;
  increment(day: string): void;
}

/** The offline summariser: the lede of the body without boilerplate. Pure and fast. */
export function createExtractiveSummariser(): Summariser {
  return {
    name: 'extractive',
    summarise: (req) =>
      Promise.resolve(extractiveSummary({ title: req.title, body: req.body, language: req.language })),
  };
}

/** An in-process `SummaryCache`, for tests and the console mode. */
export function createMemorySummaryCache(): SummaryCache {
  const summaries = new Map<number, string>();
  return {
    get: (storyId) => summaries.get(storyId),
    set: (storyId, summary) => {
      summaries.set(storyId, summary);
    },
  };
}

/** An in-process `LlmUsageStore`, for tests and the console mode. */
export function createMemoryUsageStore(): LlmUsageStore {
  const calls = new Map<string, number>();
  return {
    usedOn: (day) => calls.get(day) ?? 0,
    increment: (day) => {
      calls.set(day, (calls.get(day) ?? 0) + 1);
    },
  };
}
