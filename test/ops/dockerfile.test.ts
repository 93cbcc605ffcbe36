/**
 * There is no Docker engine in CI, so the image is never built there. These checks keep the
 * Dockerfile and compose.yaml in step with the code they name, so that a rename or a new native
 * dependency fails here rather than in someone's `docker build`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const dockerfile = read('Dockerfile');
const compose = read('compose.yaml');

/** `dist/src/x.js` → `src/x.ts`: what the build compiles into that file. */
const sourceOf = (distPath: string) => distPath.replace(/^(\/app\/)?dist\//, '').replace(/\.js$/, '.ts');

describe('Dockerfile and compose.yaml', () => {
  it('start the file that npm start runs, with the same heap limits, compiled from a source that exists', () => {
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)?.[1] ?? '[]') as string[];
    expect(cmd.join(' ')).toBe(JSON.parse(read('package.json')).scripts.start);
    expect(cmd[0]).toBe('node');
    // The memory budget (docs/operations.md, "Memory"): a capped old space and a small young one.
    expect(cmd.slice(1, -1)).toEqual([
      expect.stringMatching(/^--max-old-space-size=\d+$/),
      expect.stringMatching(/^--max-semi-space-size=\d+$/),
    ]);
    expect(cmd.at(-1)).toBe('dist/src/main.js');
    // Fewer glibc malloc arenas (threads: the parse worker, libuv): less resident memory.
    expect(dockerfile).toMatch(/^\s+MALLOC_ARENA_MAX=2$/m);
    expect(existsSync(join(ROOT, sourceOf(cmd.at(-1) ?? '')))).toBe(true);
  });

  it('run the same health check script, which exists', () => {
    const inImage = /HEALTHCHECK[^\n]*\\\n\s*CMD \["node", "([^"]+)"\]/.exec(dockerfile)?.[1];
    expect(inImage).toBe('/app/dist/src/ops/healthcheck.js');
    expect(compose).toContain(`test: ["CMD", "node", "${inImage}"]`);
    expect(existsSync(join(ROOT, sourceOf(inImage ?? '')))).toBe(true);
  });

  it('rebuild every production package that has an install script (npm ci runs with --ignore-scripts)', () => {
    const lock = JSON.parse(read('package-lock.json')) as {
      packages: Record<string, { hasInstallScript?: boolean; dev?: boolean }>;
    };
    const native = Object.entries(lock.packages)
      .filter(([path, p]) => path !== '' && p.hasInstallScript && !p.dev)
      .map(([path]) => path.replace(/^.*node_modules\//, ''));
    expect(native).toContain('better-sqlite3');
    const rebuilt = /npm rebuild ([^\\\n&]+)/.exec(dockerfile)?.[1]?.trim().split(/\s+/) ?? [];
    expect(rebuilt.sort()).toEqual([...new Set(native)].sort());
  });

  it('keep the database on the volume, also when .env sets a relative POLICYWIRE_DB', () => {
    expect(dockerfile).toMatch(/POLICYWIRE_DB=\/data\/policywire\.db/);
    expect(dockerfile).toMatch(/^VOLUME \/data$/m);
    expect(compose).toMatch(/- policywire-data:\/data\n/);
    expect(compose).toMatch(/environment:\n(?:\s+#[^\n]*\n)*\s+POLICYWIRE_DB: \/data\/policywire\.db\n/);
  });

  it('listen on every interface in the container, also when .env sets HEALTH_HOST=127.0.0.1', () => {
    expect(dockerfile).toMatch(/HEALTH_HOST=0\.0\.0\.0/);
    expect(read('.env.example')).toMatch(/^HEALTH_HOST=127\.0\.0\.1$/m);
    expect(compose).toMatch(/environment:\n(?:\s+(?:#[^\n]*|\w+: \S+)\n)*\s+HEALTH_HOST: 0\.0\.0\.0\n/);
  });

  it('copy what the runtime reads: package.json (package root), feeds, bin, dist', () => {
    for (const path of ['package.json', 'feeds', 'bin', 'dist', 'node_modules']) {
      expect(dockerfile).toMatch(new RegExp(`^COPY --from=\\w+ /app/${path} \\./${path}$`, 'm'));
    }
    expect(dockerfile).toMatch(/^USER node$/m);
  });

  it('keep secrets, databases and local builds out of the build context', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    for (const entry of ['.env*', 'node_modules', 'dist', 'data', '.git', '*.db*', '**/*.db*'])
      expect(ignored).toContain(entry);
    // Every .env variant stays out; the example (no secrets) may go in.
    expect(ignored.indexOf('!.env.example')).toBeGreaterThan(ignored.indexOf('.env*'));
  });
});
