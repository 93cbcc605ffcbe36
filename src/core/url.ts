/**
 * URL canonicalisation: one story, one URL, whatever tracking a feed adds.
 */

/** Query parameters that only track the reader; removed from canonical URLs. */
const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'msclkid',
  'mc_cid',
  'mc_eid',
  'igshid',
  'yclid',
]);

/** Longest URL we keep; anything longer is not a link a feed should carry. */
export const MAX_URL_LENGTH = 2048;

/**
 * Returns the canonical absolute form of `raw` resolved against `base`, or null when it is not a
 * usable http(s) link. `javascript:`, `data:` and every other scheme are refused, so no such link is
 * ever stored. `utm_*` and the click identifiers in TRACKING_PARAMS and the fragment are removed.
 */
export function canonicalUrl(raw: string | null | undefined, base?: string | null): string | null {
  if (typeof raw !== 'string') return null;
  // Control characters and whitespace inside links come from sloppy feeds; URL() strips tabs and
  // newlines itself, but a leading/trailing space or NBSP is common in CDATA links.
  const trimmed = raw.replace(/^[\s\u00a0]+|[\s\u00a0]+$/g, '');
  if (trimmed === '' || trimmed.length > MAX_URL_LENGTH) return null;
  let url: URL;
  try {
    url = base ? new URL(trimmed, base) : new URL(trimmed);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.hostname === '') return null;
  url.hash = '';
  url.username = '';
  url.password = '';
  if (url.search !== '') {
    const kept = new URLSearchParams();
    let changed = false;
    for (const [name, value] of url.searchParams) {
      const lower = name.toLowerCase();
      if (lower.startsWith('utm_') || TRACKING_PARAMS.has(lower)) {
        changed = true;
        continue;
      }
      kept.append(name, value);
    }
    if (changed) {
      const query = kept.toString();
      url.search = query === '' ? '' : `?${query}`;
    }
  }
  const out = url.toString();
  return out.length > MAX_URL_LENGTH ? null : out;
}

/** True when `raw` is an absolute http(s) URL (used to validate feed URLs in the feeds file). */
export function isHttpUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
