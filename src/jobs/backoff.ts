/**
 * When to poll a failing feed again: exponential backoff with jitter, never slower than a cap, so
 * a feed that fails for a day is still tried several times a day and shows as failing meanwhile.
 */

export const BACKOFF_BASE_MS = 5 * 60_000;
export const BACKOFF_CAP_MS = 6 * 60 * 60_000;

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
  const exponent = Math.min(Math.max(0, failures - 1), 20);
  const delay = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** exponent);
  // ±20 % jitter so feeds that failed together do not retry together.
  const jittered = delay * (0.8 + 0.4 * random());
  return now + Math.round(Math.max(jittered, retryAfterMs ?? 0));
}
