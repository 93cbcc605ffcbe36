import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');
export const MAIN = join(ROOT, 'dist', 'src', 'main.js');
/** The node flags `npm start` puts before MAIN (the heap limits), so a test can start it the same way. */
export const START_FLAGS: string[] = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.start as string
)
  .split(/\s+/)
  .filter((word) => word.startsWith('--'));

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The environment for a spawned policywire: no settings leak in from the developer's shell. */
export function cleanEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn' };
  return { ...base, ...env };
}

/** Runs the built CLI to completion. */
export function runCli(
  args: string[],
  env: Record<string, string | undefined> = {},
  options: { cwd?: string; timeoutMs?: number } = {},
): Promise<RunResult> {
  return collect(
    spawn(process.execPath, [CLI, ...args], { env: cleanEnv(env), cwd: options.cwd ?? ROOT }),
    options.timeoutMs ?? 20_000,
  );
}

/** Collects a child's output until it exits (killed after `timeoutMs`). */
export function collect(child: ChildProcess, timeoutMs = 20_000): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}
