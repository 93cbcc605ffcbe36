import { describe, expect, it } from 'vitest';
import { parseFeedDate } from '../../src/core/dates.js';

describe('parseFeedDate', () => {
  it.each([
    ['RFC 822 with GMT', 'Mon, 02 Jan 2006 15:04:05 GMT', '2006-01-02T15:04:05.000Z'],
    ['RFC 822 with a numeric zone', 'Tue, 10 Jun 2003 04:00:00 -0400', '2003-06-10T08:00:00.000Z'],
    ['RFC 822 with a US zone abbreviation', 'Thu, 20 Nov 2025 10:00:00 EST', '2025-11-20T15:00:00.000Z'],
    ['ISO 8601 with offset', '2025-11-20T10:00:00+08:00', '2025-11-20T02:00:00.000Z'],
    ['ISO 8601 with fractions', '2019-03-01T00:00:00.123Z', '2019-03-01T00:00:00.123Z'],
    ['ISO date and time with a space, no zone (UTC)', '2025-11-20 10:00', '2025-11-20T10:00:00.000Z'],
    ['Portuguese day and month names', 'Seg, 24 Set 2018 19:14:00 -0300', '2018-09-24T22:14:00.000Z'],
    ['two-digit year and a time without colon', '03 Apr 02 1500 GMT', '2002-04-03T15:00:00.000Z'],
    ['FCA-style long form with a dash', 'Thursday, November 20, 2025 - 10:00', '2025-11-20T10:00:00.000Z'],
    ['day-first numeric dates', '20/11/2025 10:00', '2025-11-20T10:00:00.000Z'],
    ['ordinal days', '15th July 2025', '2025-07-15T00:00:00.000Z'],
    ['12-hour clock', 'November 20, 2025 at 3:45 PM', '2025-11-20T15:45:00.000Z'],
    ['CJK dates', '2025年11月20日 10:30', '2025-11-20T10:30:00.000Z'],
    ['March not taken for a Spanish day name', 'Tue, 04 Mar 2025 09:00:00 GMT', '2025-03-04T09:00:00.000Z'],
  ])('parses %s', (_name, input, expected) => {
    const ms = parseFeedDate(input);
    expect(ms).not.toBeNull();
    expect(new Date(ms as number).toISOString()).toBe(expected);
  });

  it.each([
    ['empty', ''],
    ['garbage', 'not a date'],
    ['31 February', '2025-02-31'],
    ['far past', '1870-01-01'],
    ['far future', '2999-01-01'],
    ['non-strings', 42],
  ])('returns null for %s', (_name, input) => {
    expect(parseFeedDate(input)).toBeNull();
  });
});
