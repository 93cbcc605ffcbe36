import { randomBytes } from 'node:crypto';

/** Discord's epoch (2015-01-01T00:00:00.000Z) in ms since the Unix epoch. */
export const DISCORD_EPOCH = 1_420_070_400_000n;

let lastTimestamp = 0n;
let increment = 0n;

/**
 * A Discord-shaped snowflake (17–19 digits) for `now`. Unique within the process: @discordjs/rest
 * only treats 17–19 digit ids as major parameters, so ids must look real for rate-limit buckets to
 * be keyed the way they are against Discord.
 */
export function nextSnowflake(now: number = Date.now()): string {
  const timestamp = BigInt(now) - DISCORD_EPOCH;
  if (timestamp === lastTimestamp) {
    increment = (increment + 1n) & 0xfffn;
  } else {
    lastTimestamp = timestamp;
    increment = 0n;
  }
  // Worker id 1, process id 0: enough to keep the ids realistic.
  return ((timestamp << 22n) | (1n << 17n) | increment).toString();
}

/** The creation time (ms since the Unix epoch) encoded in a snowflake. */
export function snowflakeTime(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}

/** A URL-safe random token (base64url), like the interaction tokens Discord hands out. */
export function urlSafeToken(bytes = 48): string {
  return randomBytes(bytes).toString('base64url');
}

/** A random lowercase hex string, e.g. for gateway session ids and rate-limit bucket hashes. */
export function randomHex(bytes = 16): string {
  return randomBytes(bytes).toString('hex');
}
