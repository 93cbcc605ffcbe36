import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root: where package.json, feeds/ and the compiled dist/ live. Works from src/ (tests) and dist/src/ (built). */
export const PACKAGE_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));

function findRoot(start: string): string {
  let dir = start;
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    dir = resolve(dir, '..');
  }
  return resolve(start, '..');
}

/** The bundled default feed list. */
export const DEFAULT_FEEDS_FILE = join(PACKAGE_ROOT, 'feeds', 'default.json');
