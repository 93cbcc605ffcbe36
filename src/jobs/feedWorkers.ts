/**
 * Feed workers: parsing and enrichment in worker threads (ADR 10). The main thread keeps fetching,
 * storing and serving Discord while a worker turns documents into items, so a large feed never
 * stalls slash commands, and parsing overlaps with storing (+10-20 % ingest on two cores, where
 * storing is the larger half; docs/benchmarks.md).
 *
 * Each worker takes one request at a time (others wait here, in order), so when a request kills its
 * worker — a document that exhausts the worker's heap limit, or one that takes longer than the
 * timeout — only that feed fails; a new worker takes the next request.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type ResourceLimits, Worker } from 'node:worker_threads';
import type { FeedDefinition, NormalizedItem } from '../core/types.js';
import type { ParseOptions, ParseOutcome } from '../feeds/parseFeed.js';
import type { Logger } from '../log.js';
import type { PreparedItem } from '../storage/storyStore.js';
import type { FeedProcessor } from './feedProcessor.js';

export type WorkerRequest =
  | { id: number; kind: 'parse'; body: Uint8Array; options: ParseOptions }
  | { id: number; kind: 'enrich'; items: readonly NormalizedItem[]; feed: FeedDefinition };

/** What enrichment adds to an item: the worker sends back only this, not the item it was sent. */
export type Enrichment = Omit<PreparedItem, 'item'>;

export type WorkerReply =
  | { id: number; ok: true; result: ParseOutcome | Enrichment[] }
  | { id: number; ok: false; error: string }
  /** Sent once, when the worker has loaded its modules: the time limit starts from there. */
  | { ready: true };

/** A worker answering none of this within this time is stopped: the feed fails, the next one goes on. */
export const DEFAULT_WORKER_TIMEOUT_MS = 60_000;
/**
 * Heap of one worker. One request at a time, each document at most FETCH_MAX_BYTES (5 MB by
 * default) with at most 1,000 items: parsing a 5 MB document needs ~20 MB (16 MB failed, 24 MB
 * sufficed), so the limit is 48 MB or 6 MB per MB of the largest document, whichever is more.
 */
export const DEFAULT_WORKER_LIMITS: ResourceLimits = {
  maxOldGenerationSizeMb: 48,
  maxYoungGenerationSizeMb: 4,
};

/** The heap limits of a worker that must parse documents of up to `maxDocumentBytes`. */
export function workerLimitsFor(maxDocumentBytes: number): ResourceLimits {
  return {
    ...DEFAULT_WORKER_LIMITS,
    maxOldGenerationSizeMb: Math.max(
      DEFAULT_WORKER_LIMITS.maxOldGenerationSizeMb ?? 48,
      Math.ceil((6 * maxDocumentBytes) / 1_048_576),
    ),
  };
}

/** The compiled worker script next to this file, or undefined when running from TypeScript sources. */
export function defaultWorkerScript(): URL | undefined {
  const url = new URL('./feedWorker.js', import.meta.url);
  return existsSync(fileURLToPath(url)) ? url : undefined;
}

/** The workers cannot start at all (a broken install): no document is at fault. */
export class FeedWorkerStartError extends Error {
  override readonly name = 'FeedWorkerStartError';
}

export interface FeedWorkersOptions {
  /** Number of worker threads (at least 1), started on first use. */
  size: number;
  script: URL;
  /** Time for one request (default 60 s). */
  timeoutMs?: number;
  /** Time for a new worker to load its modules (default 60 s). */
  startTimeoutMs?: number;
  resourceLimits?: ResourceLimits;
  log: Logger;
}

export interface FeedWorkers extends FeedProcessor {
  /** Stops the workers; requests still waiting are rejected. */
  close(): Promise<void>;
}

interface Task {
  request: WorkerRequest;
  transfer: ArrayBuffer[];
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  /** The worker said it is ready (modules loaded); requests are only sent to ready workers. */
  ready: boolean;
  task?: Task;
  timer?: NodeJS.Timeout;
  /** Why the task failed, when the worker is being stopped because of it. */
  failure?: Error;
}

export function createFeedWorkers(options: FeedWorkersOptions): FeedWorkers {
  const timeoutMs = options.timeoutMs ?? DEFAULT_WORKER_TIMEOUT_MS;
  const startTimeoutMs = options.startTimeoutMs ?? DEFAULT_WORKER_TIMEOUT_MS;
  const size = Math.max(1, options.size);
  const slots = new Set<Slot>();
  const queue: Task[] = [];
  let nextId = 1;
  let closed = false;

  function spawn(): Slot {
    const worker = new Worker(options.script, {
      resourceLimits: options.resourceLimits ?? DEFAULT_WORKER_LIMITS,
    });
    const slot: Slot = { worker, ready: false };
    slots.add(slot);
    // Ref'd while starting: a request is waiting for it. A worker that never says it is ready
    // (hung while loading) is stopped like one that takes too long with a document.
    const startTimer = setTimeout(() => {
      slot.failure ??= new FeedWorkerStartError(
        `the feed worker did not start within ${startTimeoutMs / 1000} s`,
      );
      void worker.terminate();
    }, startTimeoutMs);
    worker.on('message', (reply: WorkerReply) => {
      if ('ready' in reply) {
        clearTimeout(startTimer);
        slot.ready = true;
        worker.unref();
        pump();
        return;
      }
      const task = slot.task;
      if (!task || task.request.id !== reply.id) return;
      finish(slot);
      if (reply.ok) task.resolve(reply.result);
      else task.reject(new Error(reply.error));
      pump();
    });
    worker.on('error', (error) => {
      // Uncaught in the worker, or ERR_WORKER_OUT_OF_MEMORY: the worker is ending.
      slot.failure ??= new Error(
        (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `the feed worker ran out of memory (limit ${(options.resourceLimits ?? DEFAULT_WORKER_LIMITS).maxOldGenerationSizeMb} MB)`
          : `the feed worker failed: ${error.message}`,
      );
    });
    worker.on('exit', (code) => {
      clearTimeout(startTimer);
      slots.delete(slot);
      const task = slot.task;
      finish(slot);
      if (!slot.ready && !closed) {
        // It never started (a broken install): fail what waits instead of restarting it forever.
        const error = new FeedWorkerStartError(
          slot.failure?.message ?? `the feed worker could not start (exit code ${code})`,
        );
        options.log.error({ error: error.message }, 'feed worker could not start');
        for (const waiting of queue.splice(0)) waiting.reject(error);
        return;
      }
      if (task) {
        task.reject(slot.failure ?? new Error(`the feed worker stopped (exit code ${code})`));
        if (!closed)
          options.log.warn(
            { error: (slot.failure ?? new Error(String(code))).message },
            'feed worker replaced',
          );
      }
      pump();
    });
    return slot;
  }

  function finish(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.task = undefined;
    // An idle worker does not keep the process alive; a busy one does (the caller awaits it).
    slot.worker.unref();
  }

  function pump(): void {
    while (!closed && queue.length > 0) {
      const slot = [...slots].find((s) => s.ready && !s.task && !s.failure);
      if (!slot) {
        // Start another worker if the ones starting cannot take every waiting request.
        const starting = [...slots].filter((s) => !s.ready && !s.failure).length;
        if (slots.size < size && starting < queue.length) spawn();
        return;
      }
      const task = queue.shift() as Task;
      const busy = slot;
      busy.task = task;
      busy.worker.ref();
      busy.timer = setTimeout(() => {
        busy.failure = new Error(`the feed worker took longer than ${timeoutMs / 1000} s`);
        void busy.worker.terminate();
      }, timeoutMs);
      busy.worker.postMessage(task.request, task.transfer);
    }
  }

  function submit<T>(request: WorkerRequest, transfer: ArrayBuffer[] = []): Promise<T> {
    if (closed) return Promise.reject(new Error('the feed workers are closed'));
    return new Promise<T>((resolve, reject) => {
      const task = { request, transfer, resolve: resolve as (value: unknown) => void, reject };
      // Enrichment first: it is what the main thread waits for to store, while a parse only makes
      // more work. Within a kind, first come first served.
      if (request.kind === 'enrich') {
        const firstParse = queue.findIndex((t) => t.request.kind === 'parse');
        queue.splice(firstParse === -1 ? queue.length : firstParse, 0, task);
      } else queue.push(task);
      pump();
    });
  }

  return {
    parse(body, parseOptions) {
      // A copy of exactly these bytes, moved to the worker (a Buffer may be a slice of a shared pool).
      const copy = Uint8Array.prototype.slice.call(body);
      return submit<ParseOutcome>({ id: nextId++, kind: 'parse', body: copy, options: parseOptions }, [
        copy.buffer as ArrayBuffer,
      ]);
    },
    async enrich(items, feed) {
      if (items.length === 0) return [];
      const added = await submit<Enrichment[]>({ id: nextId++, kind: 'enrich', items, feed });
      return items.map((item, i) => ({ item, ...(added[i] as Enrichment) }));
    },
    async close() {
      closed = true;
      for (const task of queue.splice(0)) task.reject(new Error('the feed workers are closed'));
      await Promise.all([...slots].map((slot) => slot.worker.terminate()));
    },
  };
}
