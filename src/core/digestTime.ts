/**
 * Digest scheduling in the subscriber's time zone, with Intl only.
 */

/** True when `zone` is an IANA time zone this runtime knows. */
export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Parses "HH:MM" (24 h); returns the normalised form or undefined. */
export function parseClockTime(text: string): string | undefined {
  const m = /^\s*([01]?\d|2[0-3])[:.h]?([0-5]\d)\s*$/.exec(text);
  return m ? `${(m[1] ?? '').padStart(2, '0')}:${m[2]}` : undefined;
}

/** One formatter per zone: building one costs ~10× formatting with it, and this runs per digest subscription per delivery pass. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** The local date (YYYY-MM-DD) and time (HH:MM) of `ms` in `zone`. */
export function localDateTime(ms: number, zone: string): { date: string; time: string } {
  const parts = formatterFor(zone).formatToParts(ms);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}

/**
 * The digest period that is due at `now` for a subscription with `digestTime` in `zone`, or
 * undefined when today's time has not come yet (or came before the subscription existed).
 * The period is "YYYY-MM-DD HH:MM": one digest per channel per period.
 */
export function dueDigestPeriod(
  now: number,
  digestTime: string,
  zone: string,
  createdAt: number,
): string | undefined {
  const local = localDateTime(now, zone);
  if (local.time < digestTime) return undefined;
  const created = localDateTime(createdAt, zone);
  if (created.date === local.date && created.time > digestTime) return undefined;
  return `${local.date} ${digestTime}`;
}
