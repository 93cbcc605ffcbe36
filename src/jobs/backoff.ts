/**
 * When to poll a failing feed again: exponential backoff with jitter, never slower than a cap, so
 * a feed that fails for a day is still tried several times a day and shows as failing meanwhile.
 */

export const BACKOFF_BASE_MS = 5 * 60_000;
export const BACKOFF_CAP_MS = 6 * 60 * 60_000;

/**
 * Exponential backoff with ±20 % jitter (so things that failed together do not retry together):
 * `baseMs` after the first failure (`step` 0), doubling up to `capMs`, never shorter than what
 * the other side asked for (`atLeastMs`, e.g. Retry-After). Shared by feeds and deliveries.
 */
export function backoffDelay(
  step: number,
  baseMs: number,
  capMs: number,
  atLeastMs: number | null | undefined,
  random: () => number = Math.random,
): number {
  const delay = Math.min(capMs, baseMs * 2 ** Math.min(Math.max(0, step), 20));
  return Math.round(Math.max(delay * (0.8 + 0.4 * random()), atLeastMs ?? 0));
}

/**
 * Returns the time of the next attempt after `failures` consecutive failures (1 = the first).
 * A server's Retry-After (bounded by the fetcher) is honoured when it asks for longer.
 */
export function nextPollAfterFailure(
  now: number,
  failures: number,
  retryAfterMs: number | null,
  random: () => number = Math.random,
): number {
  return now + backoffDelay(failures - 1, BACKOFF_BASE_MS, BACKOFF_CAP_MS, retryAfterMs, random);
}
