/**
 * Feeds as the database knows them: definition (synced from the feeds file) plus polling state.
 */
import type { FeedDefinition, FeedKind } from '../core/types.js';
import type { Db } from './database.js';

export type FeedStatus = 'ok' | 'failing' | 'inactive' | 'never-fetched';

export interface FeedState extends FeedDefinition {
  active: boolean;
  etag: string | null;
  lastModified: string | null;
  lastFetchedAt: number | null;
  lastSuccessAt: number | null;
  lastError: string | null;
  consecutiveFailures: number;
  failingSince: number | null;
  nextPollAt: number;
  baselineDone: boolean;
  status: FeedStatus;
}

export interface FeedWithCount extends FeedState {
  itemCount: number;
}

export interface SyncReport {
  added: string[];
  updated: string[];
  deactivated: string[];
  reactivated: string[];
}

export interface FeedStore {
  /** Makes the database match the feeds file: adds, updates, deactivates (never deletes) feeds. */
  sync(definitions: readonly FeedDefinition[], now: number): SyncReport;
  get(id: string): FeedState | undefined;
  /** Active feeds whose next poll is due at `now`. */
  due(now: number): FeedState[];
  list(): FeedWithCount[];
  recordSuccess(
    id: string,
    update: { now: number; etag: string | null; lastModified: string | null; nextPollAt: number },
  ): void;
  recordNotModified(
    id: string,
    update: { now: number; etag: string | null; lastModified: string | null; nextPollAt: number },
  ): void;
  recordFailure(id: string, update: { now: number; error: string; nextPollAt: number }): void;
}

interface FeedRow {
  id: string;
  name: string;
  url: string;
  kind: string;
  jurisdictions: string;
  language: string | null;
  active: number;
  etag: string | null;
  last_modified: string | null;
  last_fetched_at: number | null;
  last_success_at: number | null;
  last_error: string | null;
  consecutive_failures: number;
  failing_since: number | null;
  next_poll_at: number;
  baseline_done: number;
  item_count?: number;
}

function statusOf(row: FeedRow): FeedStatus {
  if (!row.active) return 'inactive';
  if (row.last_fetched_at === null) return 'never-fetched';
  return row.consecutive_failures > 0 ? 'failing' : 'ok';
}

function toFeedState(row: FeedRow): FeedState {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    kind: row.kind as FeedKind,
    jurisdictions: JSON.parse(row.jurisdictions) as string[],
    language: row.language ?? undefined,
    active: row.active === 1,
    etag: row.etag,
    lastModified: row.last_modified,
    lastFetchedAt: row.last_fetched_at,
    lastSuccessAt: row.last_success_at,
    lastError: row.last_error,
    consecutiveFailures: row.consecutive_failures,
    failingSince: row.failing_since,
    nextPollAt: row.next_poll_at,
    baselineDone: row.baseline_done === 1,
    status: statusOf(row),
  };
}

export function createSqliteFeedStore(db: Db): FeedStore {
  const selectAll = db.prepare<[], FeedRow>('SELECT * FROM feeds ORDER BY id');
  const selectOne = db.prepare<[string], FeedRow>('SELECT * FROM feeds WHERE id = ?');
  const selectDue = db.prepare<[number], FeedRow>(
    'SELECT * FROM feeds WHERE active = 1 AND next_poll_at <= ? ORDER BY next_poll_at, id',
  );
  const selectWithCounts = db.prepare<[], FeedRow>(
    'SELECT f.*, (SELECT count(*) FROM items i WHERE i.feed_id = f.id) AS item_count FROM feeds f ORDER BY f.active DESC, f.id',
  );
  const insert = db.prepare(
    `INSERT INTO feeds (id, name, url, kind, jurisdictions, language, active, created_at, updated_at)
     VALUES (@id, @name, @url, @kind, @jurisdictions, @language, 1, @now, @now)`,
  );
  // A changed URL is a new source: its validators and its baseline belong to the old one.
  const update = db.prepare(
    `UPDATE feeds SET name = @name, kind = @kind, jurisdictions = @jurisdictions, language = @language, active = 1, updated_at = @now,
       url = @url,
       etag = CASE WHEN url = @url THEN etag END,
       last_modified = CASE WHEN url = @url THEN last_modified END,
       baseline_done = CASE WHEN url = @url THEN baseline_done ELSE 0 END,
       next_poll_at = CASE WHEN url = @url AND active = 1 THEN next_poll_at ELSE 0 END
     WHERE id = @id`,
  );
  const deactivate = db.prepare('UPDATE feeds SET active = 0, updated_at = ? WHERE id = ?');
  const success = db.prepare(
    `UPDATE feeds SET etag = @etag, last_modified = @lastModified, last_fetched_at = @now, last_success_at = @now,
       last_status = 'ok', last_error = NULL, consecutive_failures = 0, failing_since = NULL, next_poll_at = @nextPollAt, baseline_done = 1
     WHERE id = @id`,
  );
  const notModified = db.prepare(
    `UPDATE feeds SET etag = @etag, last_modified = @lastModified, last_fetched_at = @now, last_success_at = @now,
       last_status = 'not-modified', last_error = NULL, consecutive_failures = 0, failing_since = NULL, next_poll_at = @nextPollAt
     WHERE id = @id`,
  );
  const failure = db.prepare(
    `UPDATE feeds SET last_fetched_at = @now, last_status = 'failing', last_error = @error,
       consecutive_failures = consecutive_failures + 1, failing_since = coalesce(failing_since, @now), next_poll_at = @nextPollAt
     WHERE id = @id`,
  );

  const sync = db.transaction((definitions: readonly FeedDefinition[], now: number): SyncReport => {
    const report: SyncReport = { added: [], updated: [], deactivated: [], reactivated: [] };
    const existing = new Map(selectAll.all().map((row) => [row.id, row]));
    for (const def of definitions) {
      const params = {
        id: def.id,
        name: def.name,
        url: def.url,
        kind: def.kind,
        jurisdictions: JSON.stringify(def.jurisdictions),
        language: def.language ?? null,
        now,
      };
      const row = existing.get(def.id);
      existing.delete(def.id);
      if (!row) {
        insert.run(params);
        report.added.push(def.id);
      } else if (
        row.name !== params.name ||
        row.url !== params.url ||
        row.kind !== params.kind ||
        row.jurisdictions !== params.jurisdictions ||
        row.language !== params.language ||
        row.active !== 1
      ) {
        if (row.active !== 1) report.reactivated.push(def.id);
        else report.updated.push(def.id);
        update.run(params);
      }
    }
    for (const row of existing.values()) {
      if (row.active === 1) {
        deactivate.run(now, row.id);
        report.deactivated.push(row.id);
      }
    }
    return report;
  });

  return {
    sync: (definitions, now) => sync.immediate(definitions, now),
    get: (id) => {
      const row = selectOne.get(id);
      return row ? toFeedState(row) : undefined;
    },
    due: (now) => selectDue.all(now).map(toFeedState),
    list: () =>
      selectWithCounts.all().map((row) => ({ ...toFeedState(row), itemCount: row.item_count ?? 0 })),
    recordSuccess: (id, u) => void success.run({ id, ...u }),
    recordNotModified: (id, u) => void notModified.run({ id, ...u }),
    recordFailure: (id, u) => void failure.run({ id, ...u }),
  };
}
