/**
 * Opening the database: WAL, foreign keys, a busy timeout, and the migrations run before anything
 * else touches it.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { UserError } from '../errors.js';
import { MIGRATIONS } from './migrations.js';

export type Db = Database.Database;

/** The database file cannot be opened or migrated. */
export class DatabaseError extends UserError {
  override readonly name = 'DatabaseError';
}

/**
 * Opens (creating it and its directory if needed) and migrates the database at `path`
 * (`:memory:` for tests).
 */
export function openDatabase(path: string, options: { readonly?: boolean } = {}): Db {
  let db: Db;
  try {
    if (path !== ':memory:' && !options.readonly) mkdirSync(dirname(path), { recursive: true });
    db = new Database(path, {
      readonly: options.readonly ?? false,
      fileMustExist: options.readonly ?? false,
    });
  } catch (error) {
    throw new DatabaseError(`database ${path}: cannot be opened (${(error as Error).message})`);
  }
  try {
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    if (!options.readonly) migrate(db);
    else checkVersion(db);
  } catch (error) {
    db.close();
    if (error instanceof DatabaseError) throw error;
    throw new DatabaseError(`database ${path}: unusable (${(error as Error).message})`);
  }
  return db;
}

/** Applies every migration newer than the database's `user_version`, each in its own transaction. */
export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new DatabaseError(
      `schema version ${current} is newer than this program knows (${MIGRATIONS.length}); upgrade policywire`,
    );
  }
  for (let version = current + 1; version <= MIGRATIONS.length; version++) {
    const migration = MIGRATIONS[version - 1];
    if (!migration) break;
    db.transaction(() => {
      migration(db);
      db.pragma(`user_version = ${version}`);
    }).immediate();
  }
}

function checkVersion(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current !== MIGRATIONS.length)
    throw new DatabaseError(
      `schema version ${current}, expected ${MIGRATIONS.length}: run policywire once without --readonly`,
    );
}

/**
 * Returns a function that prepares each distinct SQL text once and reuses the statement:
 * statements with variable-length IN lists are prepared per arity, not per call.
 */
export function statementCache(
  db: Db,
): <P extends unknown[] | object = unknown[], R = unknown>(sql: string) => Database.Statement<P, R> {
  const cache = new Map<string, Database.Statement>();
  return <P extends unknown[] | object = unknown[], R = unknown>(sql: string) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement as unknown as Database.Statement<P, R>;
  };
}

/** What `policywire doctor` reports about a database file: SQLite's quick check and the schema version. */
export function inspectDatabase(db: Db): { integrity: string; schemaVersion: number; latestVersion: number } {
  return {
    integrity: String(db.pragma('quick_check', { simple: true })),
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    latestVersion: MIGRATIONS.length,
  };
}
