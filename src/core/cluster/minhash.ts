/**
 * MinHash locality-sensitive hashing: turns a story's tokens into a few short band keys so that
 * storage finds near-duplicate stories with an index lookup instead of comparing every pair.
 * Keys are stored, so they must stay stable across releases (see FINGERPRINT_VERSION).
 */
import { isCommonName, type TokenClass } from './tokens.js';

/** Bump when tokenisation or hashing changes: stored band keys of older stories no longer match. */
export const FINGERPRINT_VERSION = 1;

/** Bands of two MinHash rows over the salient tokens: precise, each needs two tokens to agree. */
const PAIR_BANDS = 12;
/** Bands of one MinHash row over specific names (firms, people): one shared name is enough. */
const NAME_BANDS = 4;

/** FNV-1a over UTF-16 code units, 32 bits. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** murmur3's finaliser: a cheap, well-mixing permutation of 32-bit values. */
function fmix32(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Fixed per-row seeds. Changing them changes every stored key. */
const SEEDS = Array.from({ length: PAIR_BANDS * 2 + NAME_BANDS }, (_, i) =>
  fmix32(0x9e3779b9 + Math.imul(i + 1, 0x632be5ab)),
);

/** MinHash values of `tokens` under the seeds `first … first + count - 1`. */
function minima(hashes: readonly number[], first: number, count: number): Uint32Array {
  const out = new Uint32Array(count).fill(0xffffffff);
  for (const hash of hashes) {
    for (let row = 0; row < count; row++) {
      const value = fmix32(hash ^ (SEEDS[first + row] ?? 0));
      if (value < (out[row] ?? 0)) out[row] = value;
    }
  }
  return out;
}

function key(band: number, ...values: number[]): string {
  let combined = fmix32(band + 1);
  for (const value of values) combined = fmix32(Math.imul(combined, 0x01000193) ^ value);
  return `${band.toString(16)}:${combined.toString(36)}`;
}

/**
 * Band keys of a story (at most 16, each like `3:1x9k2a`): 12 bands of two MinHash rows over the
 * salient tokens (names, numbers, places, headline words) and 4 bands of one row over the specific
 * names (firms, people — not regulators, places or major assets). Two rewordings of one story
 * nearly always share a band; unrelated stories rarely do, unless they name the same firm or person.
 */
export function bandKeys(classes: ReadonlyMap<string, TokenClass>, title: ReadonlySet<string>): string[] {
  const salient: number[] = [];
  const specific: number[] = [];
  const everything: number[] = [];
  for (const [token, cls] of classes) {
    const hash = fnv1a(token);
    everything.push(hash);
    if (cls === 'key' || cls === 'number' || cls === 'place' || (title.has(token) && cls !== 'generic')) {
      salient.push(hash);
    }
    if (cls === 'key' && !isCommonName(token)) specific.push(hash);
  }
  // A story with nothing salient (generic words only) still gets keys, from all its tokens.
  const pairSource = salient.length > 0 ? salient : everything;
  const keys: string[] = [];
  if (pairSource.length > 0) {
    const rows = minima(pairSource, 0, PAIR_BANDS * 2);
    for (let band = 0; band < PAIR_BANDS; band++)
      keys.push(key(band, rows[band * 2] ?? 0, rows[band * 2 + 1] ?? 0));
  }
  if (specific.length > 0) {
    const rows = minima(specific, PAIR_BANDS * 2, NAME_BANDS);
    for (let band = 0; band < NAME_BANDS; band++) keys.push(key(PAIR_BANDS + band, rows[band] ?? 0));
  }
  return keys;
}
