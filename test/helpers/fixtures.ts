import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

/** Reads a fixture file under test/fixtures. */
export function fixture(path: string): Buffer {
  return readFileSync(join(FIXTURES, path));
}
