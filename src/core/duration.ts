/** Durations as users type them: `90m`, `24h`, `7d`, `2w`. */

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };
/** The longest look-back accepted: a year. */
export const MAX_DURATION_MS = 366 * 86_400_000;

/** Parses a duration; returns milliseconds, or undefined when the text is not one (or is out of range). */
export function parseDuration(text: string): number | undefined {
  const m = /^\s*(\d{1,4})\s*([mhdw])\s*$/i.exec(text);
  if (!m) return undefined;
  const ms = Number(m[1]) * (UNITS[(m[2] ?? '').toLowerCase()] ?? 0);
  return ms > 0 && ms <= MAX_DURATION_MS ? ms : undefined;
}
