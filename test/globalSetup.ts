/**
 * Tests that spawn the CLI or `npm start` run the compiled dist/. `npm test` builds first; when
 * vitest is run on its own, build here if dist/ is missing or older than the sources.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

export default function setup(): void {
  const built = join(root, 'dist', 'src', 'cli', 'main.js');
  const sources = Math.max(
    newest(join(root, 'src')),
    existsSync(join(root, 'commands')) ? newest(join(root, 'commands')) : 0,
  );
  if (existsSync(built) && statSync(built).mtimeMs >= sources && newest(join(root, 'dist')) >= sources)
    return;
  try {
    execFileSync(
      process.execPath,
      [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')],
      { stdio: 'inherit', cwd: root },
    );
  } catch {
    // A build error must not hide the unit tests' results; the tests that spawn dist/ fail on their own.
    console.warn('globalSetup: the build failed; tests that run the compiled CLI will fail');
  }
}
