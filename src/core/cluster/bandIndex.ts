/**
 * The recent stories' LSH band keys, in memory: which stories share a band key with a new item.
 *
 * One slot per distinct key in an open-addressing table of typed arrays; a key that only one story
 * has (most of them) lives in its slot, a key several stories share keeps them in one array sorted
 * by publication time, so "the newest stories within the window" is a walk back from the end
 * however common the key is. A week of a busy instance's stories (tens of thousands, 16 keys each)
 * costs a few MB. Entries older than the retention are dropped when the table is rebuilt, which
 * happens as it grows and at least once a day of stories. The index holds no fingerprints: storage
 * reads those of the few best candidates.
 */

import { fnv1a } from './minhash.js';

/** minhash's FNV-1a of a band key; 0 is reserved for "empty", so it maps to 1. */
export function bandHash(key: string): number {
  return fnv1a(key) || 1;
}

/** murmur3's finaliser, to spread FNV's low bits over the table. */
function slotOf(hash: number, mask: number): number {
  let h = hash;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return (h >>> 0) & mask;
}

export interface BandCandidatesOptions {
  /** Only stories published within [from, to]. */
  from: number;
  to: number;
  /** Per band key, only this many of the newest stories count. */
  perBand: number;
  /** At most this many stories are returned. */
  limit: number;
}

const MIN_CAPACITY = 1024;
const DAY = 86_400_000;
/** `ids[slot]` of a key whose stories are in `shared`. */
const SHARED = -1;

export class BandIndex {
  private keys = new Uint32Array(MIN_CAPACITY);
  private ids = new Int32Array(MIN_CAPACITY);
  private times = new Float64Array(MIN_CAPACITY);
  /** Keys several stories have, by slot: [time, id, time, id, …] in ascending time. */
  private shared = new Map<number, number[]>();
  private distinct = 0;
  private entries = 0;
  private oldest = Number.POSITIVE_INFINITY;
  private lastCutoff = Number.NEGATIVE_INFINITY;
  /** The highest story id added: storage reads newer stories (another process's) from there. */
  maxStoryId = 0;
  /** Publication time of that story: if the id now holds another story, the index is stale. */
  maxStoryPublishedAt = 0;

  /** @param retentionMs entries older than (the `now` of `expire`) minus this are dropped. */
  constructor(private readonly retentionMs: number) {}

  /** Number of (key, story) entries. */
  get size(): number {
    return this.entries;
  }

  /** Adds a story's band keys (hashed with `bandHash`). */
  add(storyId: number, publishedAt: number, hashes: readonly number[]): void {
    if ((this.distinct + hashes.length) * 2 > this.keys.length) this.rebuild(this.lastCutoff, hashes.length);
    for (const hash of hashes) this.put(hash, storyId, publishedAt);
    if (publishedAt < this.oldest) this.oldest = publishedAt;
    if (storyId > this.maxStoryId) {
      this.maxStoryId = storyId;
      this.maxStoryPublishedAt = publishedAt;
    }
  }

  /** Forgets entries published before `now - retention`; rebuilds at most once a day of time. */
  expire(now: number): void {
    const cutoff = now - this.retentionMs;
    if (this.oldest >= cutoff || cutoff - this.lastCutoff < DAY) return;
    this.rebuild(cutoff, 0);
  }

  /**
   * Stories sharing the most band keys with `hashes`, most shared first (newer first on ties):
   * per key, only the `perBand` newest stories within [from, to] count.
   */
  candidates(hashes: readonly number[], options: BandCandidatesOptions): number[] {
    const tally = this.tally;
    tally.reset();
    for (const hash of new Set(hashes)) {
      const slot = this.find(hash);
      if (slot < 0) continue;
      const id = this.ids[slot] as number;
      if (id !== SHARED) {
        const at = this.times[slot] as number;
        if (at >= options.from && at <= options.to) tally.count(id);
        continue;
      }
      const list = this.shared.get(slot) as number[];
      let taken = 0;
      for (let i = list.length - 2; i >= 0 && taken < options.perBand; i -= 2) {
        const at = list[i] as number;
        if (at > options.to) continue;
        if (at < options.from) break;
        tally.count(list[i + 1] as number);
        taken++;
      }
    }
    return tally.top(options.limit);
  }

  private readonly tally = new Tally();

  /** The slot holding `hash`, or -1. */
  private find(hash: number): number {
    const mask = this.keys.length - 1;
    for (let slot = slotOf(hash, mask); this.keys[slot] !== 0; slot = (slot + 1) & mask)
      if (this.keys[slot] === hash) return slot;
    return -1;
  }

  private put(hash: number, storyId: number, publishedAt: number): void {
    const mask = this.keys.length - 1;
    let slot = slotOf(hash, mask);
    while (this.keys[slot] !== 0 && this.keys[slot] !== hash) slot = (slot + 1) & mask;
    if (this.keys[slot] === 0) {
      this.keys[slot] = hash;
      this.ids[slot] = storyId;
      this.times[slot] = publishedAt;
      this.distinct++;
      this.entries++;
      return;
    }
    let list = this.shared.get(slot);
    if (!list) {
      const first = this.ids[slot] as number;
      if (first === storyId) return;
      list = [this.times[slot] as number, first];
      this.shared.set(slot, list);
      this.ids[slot] = SHARED;
    }
    // Sorted by time (then id): stories mostly arrive in time order, so this is usually an append.
    let at = list.length;
    while (
      at > 0 &&
      ((list[at - 2] as number) > publishedAt ||
        (list[at - 2] === publishedAt && (list[at - 1] as number) > storyId))
    )
      at -= 2;
    if (at > 0 && list[at - 2] === publishedAt && list[at - 1] === storyId) return;
    if (at === list.length) list.push(publishedAt, storyId);
    else list.splice(at, 0, publishedAt, storyId);
    this.entries++;
  }

  /** Copies the live entries (published at or after `cutoff`) into a table sized for them and `room` more. */
  private rebuild(cutoff: number, room: number): void {
    const { keys, ids, times, shared } = this;
    let live = 0;
    for (let slot = 0; slot < keys.length; slot++) if (keys[slot] !== 0) live++;
    let capacity = MIN_CAPACITY;
    while (capacity < (live + room) * 4) capacity *= 2;
    this.keys = new Uint32Array(capacity);
    this.ids = new Int32Array(capacity);
    this.times = new Float64Array(capacity);
    this.shared = new Map();
    this.distinct = 0;
    this.entries = 0;
    this.oldest = Number.POSITIVE_INFINITY;
    const keep = (hash: number, id: number, at: number) => {
      if (at < cutoff) return;
      this.put(hash, id, at);
      if (at < this.oldest) this.oldest = at;
    };
    for (let slot = 0; slot < keys.length; slot++) {
      const hash = keys[slot] as number;
      if (hash === 0) continue;
      const list = ids[slot] === SHARED ? (shared.get(slot) as number[]) : undefined;
      if (!list) keep(hash, ids[slot] as number, times[slot] as number);
      else for (let i = 0; i < list.length; i += 2) keep(hash, list[i + 1] as number, list[i] as number);
    }
    if (cutoff > this.lastCutoff) this.lastCutoff = cutoff;
  }
}

/** Counts story ids (a few hundred per lookup) without allocating: a reusable open-addressing table. */
class Tally {
  private ids = new Int32Array(1024);
  private counts = new Uint16Array(1024);
  private touched: number[] = [];

  reset(): void {
    for (const slot of this.touched) this.counts[slot] = 0;
    this.touched.length = 0;
  }

  count(id: number): void {
    if (this.touched.length * 2 >= this.ids.length) this.grow();
    const mask = this.ids.length - 1;
    let slot = (Math.imul(id, 0x9e3779b1) >>> 12) & mask;
    while (this.counts[slot] !== 0 && this.ids[slot] !== id) slot = (slot + 1) & mask;
    if (this.counts[slot] === 0) {
      this.ids[slot] = id;
      this.touched.push(slot);
    }
    this.counts[slot] = (this.counts[slot] as number) + 1;
  }

  /** The `limit` ids counted most often, most first, higher id first on ties. */
  top(limit: number): number[] {
    const best: Array<[id: number, count: number]> = [];
    for (const slot of this.touched) {
      const id = this.ids[slot] as number;
      const count = this.counts[slot] as number;
      if (best.length === limit) {
        const last = best[limit - 1] as [number, number];
        if (count < last[1] || (count === last[1] && id < last[0])) continue;
        best.pop();
      }
      let at = best.length;
      while (at > 0) {
        const [otherId, otherCount] = best[at - 1] as [number, number];
        if (otherCount > count || (otherCount === count && otherId > id)) break;
        at--;
      }
      best.splice(at, 0, [id, count]);
    }
    return best.map(([id]) => id);
  }

  private grow(): void {
    const entries = this.touched.map(
      (slot) => [this.ids[slot] as number, this.counts[slot] as number] as const,
    );
    this.ids = new Int32Array(this.ids.length * 2);
    this.counts = new Uint16Array(this.ids.length);
    this.touched = [];
    const mask = this.ids.length - 1;
    for (const [id, count] of entries) {
      let slot = (Math.imul(id, 0x9e3779b1) >>> 12) & mask;
      while (this.counts[slot] !== 0) slot = (slot + 1) & mask;
      this.ids[slot] = id;
      this.counts[slot] = count;
      this.touched.push(slot);
    }
  }
}
