/**
 * The container health check: `node dist/src/ops/healthcheck.js` exits 0 when `/livez` on
 * 127.0.0.1:HEALTH_PORT answers 200 within the time limit, 1 otherwise. With HEALTH_PORT unset
 * the endpoint is off, so there is nothing to ask and it exits 0 (the container then counts as
 * healthy while its process runs, which is all Docker would know anyway).
 *
 * It uses Node itself: the slim image has no curl or wget.
 */
import { pathToFileURL } from 'node:url';
import { loadConfig, loadDotEnv } from '../config.js';

export interface HealthcheckResult {
  code: 0 | 1;
  message: string;
}

/**
 * Probes `/livez` as the container health check does. `env` is read for HEALTH_PORT only; the
 * host is 127.0.0.1 because the check runs inside the same container (network namespace) as the
 * server, which by default listens on every interface.
 */
export async function runHealthcheck(env: NodeJS.ProcessEnv, timeoutMs = 3_000): Promise<HealthcheckResult> {
  const raw = env.HEALTH_PORT?.trim();
  if (!raw) return { code: 0, message: 'HEALTH_PORT not set: health endpoint disabled, nothing to check' };
  const port = /^\d{1,5}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(port >= 1 && port <= 65_535))
    return { code: 1, message: `HEALTH_PORT is not a port number (got ${JSON.stringify(raw)})` };
  const url = `http://127.0.0.1:${port}/livez`;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
    await response.body?.cancel();
    return response.status === 200
      ? { code: 0, message: `${url}: 200` }
      : { code: 1, message: `${url}: ${response.status}` };
  } catch (error) {
    return { code: 1, message: `${url}: ${(error as Error).message}` };
  }
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  let result: HealthcheckResult;
  try {
    // The same settings sources as the bot: the environment, then a .env in the working directory.
    loadDotEnv();
    const port = loadConfig().healthPort;
    result = await runHealthcheck({ HEALTH_PORT: port === undefined ? undefined : String(port) });
  } catch (error) {
    result = { code: 1, message: (error as Error).message };
  }
  // Docker keeps the last lines of a check's output in `docker inspect`.
  process.stdout.write(`${result.message}\n`);
  process.exitCode = result.code;
}
