/**
 * Is this item the same story as one already stored? Storage finds candidates from the last 72 hours
 * by band key (`fingerprint().bands`); `isSameStory` then decides. A wrong merge hides a story from
 * readers, a missed merge only shows it twice — so every rule here errs towards "different".
 */
import { extractiveSummary } from '../summary/extractiveSummary.js';
import { bandKeys } from './minhash.js';

export { FINGERPRINT_VERSION } from './minhash.js';

import {
  eventProcess,
  isCommonName,
  REVERSAL_EVENTS,
  storyTokens,
  type TokenClass,
  tokenClass,
} from './tokens.js';

/** Everything similarity needs, computed once per item; plain arrays so it can be stored as JSON. */
export interface StoryFingerprint {
  /** Normalised tokens of title and lede, sorted. */
  tokens: string[];
  /** The subset that came from the title. */
  title: string[];
  /** Tokens that name something (companies, people, regulators, assets) or are numbers. */
  names: string[];
  /** The headline's first token — its subject, usually ("Hong Kong approves …"). */
  subject: string | null;
  /** LSH band keys (`<band>:<hash>`): near-duplicate title+ledes share at least one. */
  bands: string[];
}

/** Similarity at or above which two stories are the same, unless a veto applies. */
export const SAME_STORY_THRESHOLD = 0.3;

/** How much of the body is the lede for clustering: the first sentence or two. */
const LEDE_CHARS = 320;

const WEIGHTS: Record<TokenClass, number> = { key: 3, number: 2, place: 1.5, word: 1, generic: 0.3 };
/** Words of the headline say what the story is about; the lede adds detail. */
const TITLE_BOOST = 2;

/**
 * Computes a story's fingerprint from its title and (plain-text) body. Only the lede is read, with
 * boilerplate removed by the extractive summariser — different outlets agree on the first sentence
 * far more than on the rest.
 */
export function fingerprint(title: string, body: string): StoryFingerprint {
  return fingerprintFromLede(title, extractiveSummary({ title, body }, LEDE_CHARS));
}

/**
 * The fingerprint of a story whose lede is already known — the extractive summary, which the
 * ingest pipeline makes anyway (at most 300 characters, within LEDE_CHARS). Summarising it again
 * would cost a second pass and lose a lede the summariser cut with "…" (read as an excerpt).
 */
export function fingerprintFromLede(title: string, lede: string): StoryFingerprint {
  const { classes, title: titleTokens } = storyTokens(title, lede === title ? '' : lede);
  const tokens = [...classes.keys()].sort();
  const names = tokens.filter((token) => {
    const cls = classes.get(token);
    return cls === 'key' || cls === 'number';
  });
  const [subject = null] = titleTokens;
  return { tokens, title: [...titleTokens].sort(), names, subject, bands: bandKeys(classes, titleTokens) };
}

/** What similarity needs to know of one token of one fingerprint. */
interface TokenInfo {
  /** Weight from the word lists (class). */
  weight: number;
  /** Weight when either story names it (numbers 2, names 3). */
  nameWeight: number;
  /** This fingerprint lists it among its names. */
  name: boolean;
  /** It is in this fingerprint's title. */
  title: boolean;
  /** Counts as shared evidence: neither a number nor a generic policy word. */
  evidence: boolean;
}

/** A fingerprint's tokens as sets and per-token facts: built once per fingerprint object. */
interface View {
  tokens: Set<string>;
  names: Set<string>;
  info: Map<string, TokenInfo>;
}
const views = new WeakMap<StoryFingerprint, View>();
function view(fp: StoryFingerprint): View {
  let v = views.get(fp);
  if (!v) {
    const names = new Set(fp.names);
    const title = new Set(fp.title);
    const info = new Map<string, TokenInfo>();
    for (const token of fp.tokens) {
      const cls = tokenClass(token);
      const code = token.charCodeAt(0);
      info.set(token, {
        weight: WEIGHTS[cls],
        nameWeight: code >= 48 && code <= 57 ? WEIGHTS.number : WEIGHTS.key,
        name: names.has(token),
        title: title.has(token),
        evidence: cls !== 'number' && cls !== 'generic',
      });
    }
    v = { tokens: new Set(fp.tokens), names, info };
    views.set(fp, v);
  }
  return v;
}

/** A token's weight in the comparison of two stories (`other` is its info in the other one, if any). */
function weightOf(mine: TokenInfo, other: TokenInfo | undefined): number {
  const base = mine.name || other?.name ? mine.nameWeight : mine.weight;
  return mine.title || other?.title ? base * TITLE_BOOST : base;
}

/**
 * Weighted Jaccard similarity of two fingerprints' tokens, 0..1: names and numbers weigh most,
 * words every policy story has weigh least, headline words more than lede words.
 */
export function similarity(a: StoryFingerprint, b: StoryFingerprint): number {
  const va = view(a);
  const vb = view(b);
  let shared = 0;
  let union = 0;
  for (const [token, mine] of va.info) {
    const other = vb.info.get(token);
    const weight = weightOf(mine, other);
    union += weight;
    if (other) shared += weight;
  }
  for (const [token, mine] of vb.info) if (!va.info.has(token)) union += weightOf(mine, undefined);
  return union === 0 ? 0 : shared / union;
}

/**
 * Two near-empty stories ("A story", "B story") are identical by Jaccard; a merge needs at least
 * this many shared words that are neither generic policy words nor numbers (shared numbers say
 * nothing about the topic: "Feed 1 item 2" is not "Feed 2 item 1").
 */
const MIN_SHARED_TOKENS = 3;

function sharedEvidence(a: StoryFingerprint, b: StoryFingerprint): number {
  const inB = view(b).tokens;
  let shared = 0;
  for (const [token, info] of view(a).info) if (info.evidence && inB.has(token)) shared++;
  return shared;
}

/** Headline names of `a` (not numbers) that `b` does not mention anywhere in title or lede. */
function unmatchedHeadlineNames(a: StoryFingerprint, b: StoryFingerprint): string[] {
  const names = view(a).names;
  const inB = view(b).tokens;
  return a.title.filter((token) => names.has(token) && !isNumber(token) && !inB.has(token));
}

function isNumber(token: string): boolean {
  return /^[\d.]+$/u.test(token);
}

/**
 * Headline amounts agree when one is the other rounded: "$3.5 million" and "£3,503,546". Only a
 * round amount (a multiple of 1,000, as "$3.5 million" and "$4.3bn" become) can be a rounding;
 * other numbers (counts, years, bill and notice numbers, rates) must be equal: "notice 33" is not
 * "notice 34", "March 2026" is not "March 2027", "S. 2281" is not "S. 2303".
 */
const NUMBER_TOLERANCE = 0.03;

function close(x: number, y: number): boolean {
  if (x === y) return true;
  if (x % 1000 !== 0 && y % 1000 !== 0) return false;
  return Math.abs(x - y) <= NUMBER_TOLERANCE * Math.max(x, y);
}

/**
 * When both headlines give numbers, each must appear (roughly) somewhere in the other story:
 * "$4.3 billion" vs "$2 billion" disagree, and so do "SEC seeks $2bn" vs "judge orders $125m"
 * even though the second story mentions the $2bn.
 */
function headlineNumbersDisagree(a: StoryFingerprint, b: StoryFingerprint): boolean {
  const headlineA = a.title.filter(isNumber).map(Number);
  const headlineB = b.title.filter(isNumber).map(Number);
  if (headlineA.length === 0 || headlineB.length === 0) return false;
  const allA = a.tokens.filter(isNumber).map(Number);
  const allB = b.tokens.filter(isNumber).map(Number);
  return (
    headlineA.some((x) => !allB.some((y) => close(x, y))) ||
    headlineB.some((y) => !allA.some((x) => close(x, y)))
  );
}

/**
 * Why two similar-looking stories are nevertheless different, or `undefined`:
 * - each headline names something the other story never mentions ("SEC sues Binance" vs "SEC sues
 *   Coinbase", "spot bitcoin ETFs" vs "spot ether ETFs"), or one names two such firms or people;
 * - both headlines give numbers and one of them is missing from the other story ("$4.3 billion" vs
 *   "$2 billion");
 * - both headlines open with a place and the places differ ("Hong Kong approves …" vs "Singapore
 *   approves …") — places are otherwise weak evidence, as outlets often leave them out;
 * - one headline reports a reversal the other never mentions ("SEC drops Coinbase lawsuit");
 * - the headlines report different stages of one process that the other never mentions ("House
 *   passes" vs "Trump signs", "convicted" vs "sentenced").
 */
export function vetoReason(a: StoryFingerprint, b: StoryFingerprint): string | undefined {
  const onlyA = unmatchedHeadlineNames(a, b);
  const onlyB = unmatchedHeadlineNames(b, a);
  if (onlyA.length > 0 && onlyB.length > 0) return `different names: ${onlyA.join(',')} / ${onlyB.join(',')}`;
  // One outlet's headline may add a name or list regulators the other left out; two or more
  // specific names (firms, people) the other never mentions make it another story.
  const specificA = onlyA.filter((token) => !isCommonName(token));
  const specificB = onlyB.filter((token) => !isCommonName(token));
  if (specificA.length >= 2 || specificB.length >= 2) {
    return `unmatched names: ${[...specificA, ...specificB].join(',')}`;
  }
  if (headlineNumbersDisagree(a, b)) return 'different amounts';
  if (
    a.subject !== null &&
    b.subject !== null &&
    a.subject !== b.subject &&
    tokenClass(a.subject) === 'place' &&
    tokenClass(b.subject) === 'place'
  ) {
    return `different jurisdictions: ${a.subject} / ${b.subject}`;
  }
  const tokensA = view(a).tokens;
  const tokensB = view(b).tokens;
  const eventsOnlyA = a.title.filter((token) => eventProcess(token) !== undefined && !tokensB.has(token));
  const eventsOnlyB = b.title.filter((token) => eventProcess(token) !== undefined && !tokensA.has(token));
  const reversal = [...eventsOnlyA, ...eventsOnlyB].find((event) => REVERSAL_EVENTS.has(event));
  if (reversal !== undefined) return `reversal: ${reversal}`;
  for (const eventA of eventsOnlyA) {
    const stage = eventsOnlyB.find((eventB) => eventProcess(eventB) === eventProcess(eventA));
    if (stage !== undefined) return `different stages: ${eventA} / ${stage}`;
  }
  return undefined;
}

/**
 * True when two items report the same story: at least three shared topical words, similar enough,
 * and no veto. Pass `fp` when the
 * fingerprint is already known (stored) to save recomputing it.
 */
export function isSameStory(
  a: { title: string; body: string; fp?: StoryFingerprint | undefined },
  b: { title: string; body: string; fp?: StoryFingerprint | undefined },
): boolean {
  const fpA = a.fp ?? fingerprint(a.title, a.body);
  const fpB = b.fp ?? fingerprint(b.title, b.body);
  return (
    sharedEvidence(fpA, fpB) >= MIN_SHARED_TOKENS &&
    similarity(fpA, fpB) >= SAME_STORY_THRESHOLD &&
    vetoReason(fpA, fpB) === undefined
  );
}
