/**
 * The policy classifier: which jurisdictions and themes a story is about, whether it is crypto
 * policy news, and how strongly. Pure and synchronous; the term index is compiled once, on first use.
 * docs/tagging.md explains the rules and their reasons.
 */

import type { Classification, StoryText } from '../types.js';
import { compileMatcher, type Hit, type Matcher, normalizeText, type TermSource } from './matcher.js';
import { TOPIC_DEFINITIONS } from './taxonomy.js';
import {
  AMBIGUOUS_TERMS,
  type AmbiguousTerm,
  BOILERPLATE_MARKERS,
  CASE_SENSITIVE_WORDS,
  CRYPTO_TERMS,
  MARKET_TERMS,
  NEUTRAL_ACTORS,
  OTHER_PLACES,
  PHRASES,
  POLICY_TERMS,
  SPEECH_MARKERS,
  type VocabularyEntry,
} from './vocabulary.js';

/** Weights and thresholds of the decision, in one place so docs and tuning refer to the same numbers. */
export const CLASSIFIER_WEIGHTS = {
  /** A term in the title counts this many times its body weight (policy, crypto and market scores). */
  titleFactor: 2,
  /** Added to the policy score of every item from a regulator feed: the source itself is official. */
  regulatorSource: 2,
  /** Added when the headline starts with an authority ("SEC charges…", "FBI attributes…"): it reports that authority's act. */
  headlineSubject: 1,
  /** Minimum policy score for `policy: true` (besides any crypto evidence and policy > market). */
  policyThreshold: 2,
  /** Relevance multiplier when nothing says crypto: official, but not crypto policy. */
  nonCryptoRelevance: 0.25,
  /** Jurisdiction evidence: a title mention, an authority in the body, a place in the body, a category. */
  jurisdictionTitle: 3,
  jurisdictionActor: 2,
  jurisdictionPlace: 1,
  jurisdictionCategory: 1,
  /** Evidence a jurisdiction needs unless it is the story's strongest (see dropPassingMentions). */
  jurisdictionMinimum: 2,
} as const;

/** Body text is cut at the first boilerplate marker found after this share of its length. */
const BOILERPLATE_MIN_SHARE = 0.2;
/** Characters of the body read with the title as the item's lead (speech attribution). */
const LEAD_LENGTH = 300;
/** Latin letters needed before an upper-case-only title is treated as shouting, not as acronyms. */
const SHOUTING_MIN_LETTERS = 8;
const SHOUTING_RE = new RegExp(`(?:\\p{Lu}[^\\p{Lu}]*){${SHOUTING_MIN_LETTERS}}`, 'u');

/**
 * The country a feed's language is at home in: what "domestic" (国内, 국내) refers to. First match
 * wins; traditional-script Chinese without a region could be Hong Kong or Taiwan, so it has none.
 */
const LANGUAGE_HOME: readonly [prefix: string, slug: string | undefined][] = [
  ['ja', 'japan'],
  ['ko', 'south-korea'],
  ['zh-tw', 'taiwan'],
  ['zh-hant-tw', 'taiwan'],
  ['zh-hk', 'hong-kong'],
  ['zh-hant-hk', 'hong-kong'],
  ['zh-hant', undefined],
  ['zh', 'china'],
];

function languageHome(language: string | undefined): string | undefined {
  const l = language?.toLowerCase() ?? '';
  return LANGUAGE_HOME.find(([prefix]) => l === prefix || l.startsWith(`${prefix}-`))?.[1];
}

/** "the Basel Committee's standard", "the OECD's framework": a body cited as the source of a rule. */
const CITED_STANDARD =
  /^'s?\s+(?:[\p{L}-]+\s+){0,4}?(?:standards?|framework|recommendations?|guidance|rules|principles)\b/iu;

const JURISDICTION_SLUGS: ReadonlySet<string> = new Set(
  TOPIC_DEFINITIONS.filter((t) => t.kind === 'jurisdiction').map((t) => t.slug),
);
const TOPIC_ORDER: ReadonlyMap<string, number> = new Map(TOPIC_DEFINITIONS.map((t, i) => [t.slug, i]));

function* vocabularySources(entry: VocabularyEntry): Generator<TermSource> {
  for (const text of entry.terms) {
    yield {
      text,
      ...(entry.topics ? { topics: entry.topics } : {}),
      ...(entry.actor ? { actor: entry.actor } : {}),
      ...(entry.crypto ? { crypto: entry.crypto } : {}),
      ...(entry.policy ? { policy: entry.policy } : {}),
      ...(entry.market ? { market: entry.market } : {}),
      ...(entry.family ? { family: entry.family } : {}),
      ...(entry.flag ? { flag: entry.flag } : {}),
    };
  }
}

/** Every term the classifier looks for, from the taxonomy and the vocabulary. */
function* termSources(): Generator<TermSource> {
  const ambiguousByTerm = new Map<string, AmbiguousTerm>();
  for (const group of AMBIGUOUS_TERMS) for (const t of group.terms) ambiguousByTerm.set(t, group);

  for (const def of TOPIC_DEFINITIONS) {
    if (def.kind === 'jurisdiction') {
      for (const text of [...(def.places ?? []), ...(def.triggers ?? [])]) {
        yield { text, topics: [def.slug], place: def.slug };
      }
      for (const text of def.actors ?? []) {
        const ambiguous = ambiguousByTerm.get(text);
        yield ambiguous
          ? { text, ambiguous, actor: true, policy: 1 }
          : { text, topics: [def.slug], actorOf: def.slug, actor: true, policy: 1 };
      }
    } else {
      for (const text of [...(def.aliases ?? []), ...(def.triggers ?? [])]) {
        yield { text, topics: [def.slug], crypto: def.signal?.crypto ?? 0, policy: def.signal?.policy ?? 0 };
      }
    }
  }
  for (const group of AMBIGUOUS_TERMS) {
    for (const text of group.terms) yield { text, ambiguous: group, actor: true, policy: 1 };
  }
  for (const entry of [CRYPTO_TERMS, NEUTRAL_ACTORS, ...POLICY_TERMS, ...MARKET_TERMS, ...PHRASES]) {
    yield* vocabularySources(entry);
  }
  for (const place of OTHER_PLACES) for (const text of place.names) yield { text, place: place.id };
}

let compiled: Matcher | undefined;

/** The compiled term index, built on first use and shared by every call. */
export function topicMatcher(): Matcher {
  compiled ??= compileMatcher(termSources(), CASE_SENSITIVE_WORDS);
  return compiled;
}

type Part = 'title' | 'body' | 'categories';

interface PartHits {
  part: Part;
  text: string;
  hits: Hit[];
}

/** Drops trailing boilerplate (author bio, disclaimer, "The post ... appeared first on"). */
function cutTrailingBoilerplate(body: string): string {
  const from = Math.floor(body.length * BOILERPLATE_MIN_SHARE);
  const rest = body.slice(from);
  const m = BOILERPLATE_MARKERS.exec(rest);
  return m ? body.slice(0, from + m.index) : body;
}

/** An all-capitals headline: its "US" is as likely "us" as the country. */
function isShouting(title: string): boolean {
  return !/\p{Ll}/u.test(title) && SHOUTING_RE.test(title);
}

/** The place an adjacent term names, if it can qualify an institution. */
function qualifierOf(hit: Hit): string | undefined {
  return hit.term.place ?? hit.term.actorOf;
}

const QUALIFIER_BEFORE = /^(?:'s?)?\s*(?:的)?\s*\(?\s*$/u;
const QUALIFIER_AFTER = /^\s*(?:\(|,|of(?: the)?|in(?: the)?|de|do|da|dos|del|de la)?\s*$/iu;

interface AmbiguousUse {
  group: AmbiguousTerm;
  part: Part;
  /** Place key that qualifies this occurrence, if any. */
  qualifiedBy: string | undefined;
}

/** Finds the place written right before or after an ambiguous institution ("Nigeria's SEC", "SEC of Pakistan"). */
function qualification(ph: PartHits, i: number): string | undefined {
  const hit = ph.hits[i];
  if (!hit) return undefined;
  const prev = ph.hits[i - 1];
  if (prev) {
    const q = qualifierOf(prev);
    if (q && QUALIFIER_BEFORE.test(ph.text.slice(prev.end, hit.start))) return q;
  }
  const next = ph.hits[i + 1];
  if (next) {
    const q = qualifierOf(next);
    if (q && QUALIFIER_AFTER.test(ph.text.slice(hit.end, next.start))) return q;
  }
  return undefined;
}

/**
 * Decides which jurisdiction each occurrence of an ambiguous institution counts for: the place
 * that qualifies it ("Nigeria's SEC"), else its default unless the text or the feed says otherwise
 * (see AmbiguousTerm). Returns one entry per occurrence that counts.
 */
function resolveAmbiguous(
  uses: AmbiguousUse[],
  placesMentioned: ReadonlySet<string>,
  unambiguousJurisdictions: ReadonlySet<string>,
  flags: ReadonlySet<string>,
  feed: StoryText['feed'],
): { slug: string; part: Part }[] {
  const out: { slug: string; part: Part }[] = [];
  const byGroup = new Map<AmbiguousTerm, AmbiguousUse[]>();
  for (const u of uses) byGroup.set(u.group, [...(byGroup.get(u.group) ?? []), u]);
  for (const [group, list] of byGroup) {
    if (group.vetoFlags?.some((f) => flags.has(f))) continue;
    const foreign = list.some((u) => u.qualifiedBy !== undefined && u.qualifiedBy !== group.defaultTopic);
    const defaultElsewhere =
      unambiguousJurisdictions.has(group.defaultTopic) ||
      list.some((u) => u.qualifiedBy === group.defaultTopic);
    const aboutAHome = group.homes.some((h) => placesMentioned.has(h));
    const homeFeed =
      feed.kind === 'regulator' &&
      !feed.jurisdictions.includes(group.defaultTopic) &&
      feed.jurisdictions.some((j) => group.homes.includes(j));
    for (const u of list) {
      if (u.qualifiedBy !== undefined) {
        // "U.S. SEC" is the default's authority, "Nigeria's SEC" Nigeria's (nobody's, for places outside the taxonomy).
        if (JURISDICTION_SLUGS.has(u.qualifiedBy)) out.push({ slug: u.qualifiedBy, part: u.part });
      } else if (!foreign && !homeFeed && (defaultElsewhere || !aboutAHome)) {
        out.push({ slug: group.defaultTopic, part: u.part });
      }
    }
  }
  return out;
}

function partFactor(part: Part): number {
  return part === 'title' ? CLASSIFIER_WEIGHTS.titleFactor : 1;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function addScore(scores: Map<string, number>, slug: string, by: number): void {
  scores.set(slug, (scores.get(slug) ?? 0) + by);
}

/** Everything the classifier worked out about one story; `classify` returns the summary of it. */
interface Analysis {
  parts: PartHits[];
  termFactor: Map<Hit['term'], number>;
  jurisdictionScores: Map<string, number>;
  themeScores: Map<string, number>;
  crypto: number;
  policyScore: number;
  market: number;
  classification: Classification;
}

function analyse(text: StoryText): Analysis {
  const matcher = topicMatcher();
  const title = normalizeText(text.title);
  const parts: PartHits[] = [
    { part: 'title', text: title, hits: matcher.scan(title) },
    { part: 'body', text: normalizeText(cutTrailingBoilerplate(text.body)), hits: [] },
    { part: 'categories', text: normalizeText(text.categories.join(' | ')), hits: [] },
  ];
  for (const ph of parts) if (ph.part !== 'title') ph.hits = matcher.scan(ph.text);
  const titleHits = parts[0];
  if (titleHits && isShouting(title)) titleHits.hits = titleHits.hits.filter((h) => !h.term.caseSensitive);

  // Distinct terms with the strongest part they appear in: a term says the same thing however often it repeats.
  const termFactor = new Map<Hit['term'], number>();
  const flags = new Set<string>();
  const placesMentioned = new Set<string>();
  const jurisdictionScores = new Map<string, number>();
  const themeScores = new Map<string, number>();
  const ambiguousUses: AmbiguousUse[] = [];

  for (const ph of parts) {
    ph.hits.forEach((hit, i) => {
      const term = hit.term;
      termFactor.set(term, Math.max(termFactor.get(term) ?? 0, partFactor(ph.part)));
      for (const f of term.flags) flags.add(f);
      const q = qualifierOf(hit);
      if (q) placesMentioned.add(q);
      for (const slug of term.topics) {
        if (!JURISDICTION_SLUGS.has(slug)) addScore(themeScores, slug, partFactor(ph.part));
        else if (slug !== 'international' || !CITED_STANDARD.test(ph.text.slice(hit.end, hit.end + 80))) {
          // An international body cited as the source of a standard is a reference, not the story's subject.
          addScore(jurisdictionScores, slug, jurisdictionWeight(ph.part, term.actor));
        }
      }
      if (term.ambiguous) {
        ambiguousUses.push({ group: term.ambiguous, part: ph.part, qualifiedBy: qualification(ph, i) });
      }
    });
  }

  const home = languageHome(text.feed.language);
  if (home && flags.has('domestic')) addScore(jurisdictionScores, home, CLASSIFIER_WEIGHTS.jurisdictionPlace);
  const unambiguous = new Set(jurisdictionScores.keys());
  for (const { slug, part } of resolveAmbiguous(
    ambiguousUses,
    placesMentioned,
    unambiguous,
    flags,
    text.feed,
  )) {
    addScore(jurisdictionScores, slug, jurisdictionWeight(part, true));
  }
  dropPassingMentions(jurisdictionScores);

  let crypto = 0;
  let policyScore = 0;
  let market = 0;
  const families = new Map<string, number>();
  for (const [term, factor] of termFactor) {
    crypto += term.crypto * factor;
    policyScore += term.policy * factor;
    if (term.family)
      families.set(term.family, Math.max(families.get(term.family) ?? 0, term.market * factor));
    else market += term.market * factor;
  }
  for (const v of families.values()) market += v;
  if (text.feed.kind === 'regulator') policyScore += CLASSIFIER_WEIGHTS.regulatorSource;
  if (titleHits && startsWithAuthority(titleHits)) policyScore += CLASSIFIER_WEIGHTS.headlineSubject;
  const policy = crypto > 0 && policyScore >= CLASSIFIER_WEIGHTS.policyThreshold && policyScore > market;

  applyFeedDefaults(jurisdictionScores, text, parts);
  if (jurisdictionScores.size === 0 && policy && (home === 'japan' || home === 'south-korea')) {
    // Domestic policy news in Japanese or Korean often names no country ("the FSA", "the government").
    // Not for Chinese: it is written for mainland China, Hong Kong and Taiwan alike.
    jurisdictionScores.set(home, CLASSIFIER_WEIGHTS.jurisdictionPlace);
  }

  const relevance = round2(crypto > 0 ? policyScore : policyScore * CLASSIFIER_WEIGHTS.nonCryptoRelevance);
  return {
    parts,
    termFactor,
    jurisdictionScores,
    themeScores,
    crypto,
    policyScore,
    market,
    classification: { topics: [...ranked(jurisdictionScores), ...ranked(themeScores)], policy, relevance },
  };
}

/** The headline opens with an authority, possibly after "The" or a place ("SEC charges…", "Japan's FSA asks…"). */
function startsWithAuthority(title: PartHits): boolean {
  const [first, second] = title.hits;
  if (!first || !/^(?:the\s+)?$/iu.test(title.text.slice(0, first.start))) return false;
  if (first.term.actor) return true;
  return (
    first.term.place !== undefined &&
    second?.term.actor === true &&
    /^(?:'s)?\s*$/u.test(title.text.slice(first.end, second.start))
  );
}

/**
 * A jurisdiction the text only mentions in passing ("unlike North Korea", "a Singapore-based
 * trader") is not what the story is about. It needs a title mention, an authority, or two
 * mentions, unless nothing in the story says more about any other jurisdiction.
 */
function dropPassingMentions(scores: Map<string, number>): void {
  const max = Math.max(0, ...scores.values());
  for (const [slug, score] of scores) {
    if (score < CLASSIFIER_WEIGHTS.jurisdictionMinimum && score < max) scores.delete(slug);
  }
}

/**
 * Classifies one story: jurisdiction and theme slugs (jurisdictions first, strongest first), whether
 * it is crypto policy news, and a relevance score (0 = no policy signal at all).
 *
 * @example
 * classify({ title: "China's President Wants The Country To Be A Global Blockchain Leader", body, categories: [],
 *   feed: { kind: 'media', jurisdictions: [] } }) // → { topics: ['china'], policy: true, relevance: … }
 */
export function classify(text: StoryText): Classification {
  return analyse(text).classification;
}

/** Why `classify` decided what it did: every term found, and the scores. For `npm run eval -- --explain`. */
export interface Explanation {
  classification: Classification;
  hits: { part: Part; at: number; text: string; term: string; topics: string[]; ambiguous?: string }[];
  scores: {
    crypto: number;
    policy: number;
    market: number;
    jurisdictions: Record<string, number>;
    themes: Record<string, number>;
  };
}

/** Same analysis as `classify`, with the evidence behind it. */
export function explainClassification(text: StoryText): Explanation {
  const a = analyse(text);
  return {
    classification: a.classification,
    hits: a.parts.flatMap((ph) =>
      ph.hits.map((h) => ({
        part: ph.part,
        at: h.start,
        text: ph.text.slice(h.start, h.end),
        term: h.term.text,
        topics: h.term.topics,
        ...(h.term.ambiguous ? { ambiguous: h.term.ambiguous.id } : {}),
      })),
    ),
    scores: {
      crypto: a.crypto,
      policy: a.policyScore,
      market: a.market,
      jurisdictions: Object.fromEntries(a.jurisdictionScores),
      themes: Object.fromEntries(a.themeScores),
    },
  };
}

function jurisdictionWeight(part: Part, actor: boolean): number {
  const w = CLASSIFIER_WEIGHTS;
  if (part === 'title') return w.jurisdictionTitle;
  if (part === 'categories') return w.jurisdictionCategory;
  return actor ? w.jurisdictionActor : w.jurisdictionPlace;
}

/**
 * A feed's default jurisdictions. A regulator's item always carries its regulator's jurisdiction
 * (it acted or published, even about a foreign firm or regulator), except when the item is a
 * republished speech or statement of another jurisdiction's authority. A media feed's default only
 * fills in when the text names no jurisdiction at all.
 */
function applyFeedDefaults(scores: Map<string, number>, text: StoryText, parts: PartHits[]): void {
  const defaults = text.feed.jurisdictions.filter((j) => JURISDICTION_SLUGS.has(j));
  if (defaults.length === 0) return;
  if (text.feed.kind === 'media') {
    if (scores.size === 0) for (const j of defaults) scores.set(j, CLASSIFIER_WEIGHTS.jurisdictionPlace);
    return;
  }
  if (republishedFromElsewhere(defaults, parts)) return;
  // Regulator defaults rank first: the publisher is the surest jurisdiction.
  for (const j of defaults) scores.set(j, (scores.get(j) ?? 0) + 100);
}

/** "Speech by ... of the Reserve Bank of India" on a BIS feed: the lead names only another jurisdiction's authority. */
function republishedFromElsewhere(defaults: readonly string[], parts: PartHits[]): boolean {
  const [title, body] = parts;
  if (!title || !body) return false;
  const lead = `${title.text}\n${body.text.slice(0, LEAD_LENGTH)}`;
  if (!SPEECH_MARKERS.test(lead)) return false;
  const authorities = new Set<string>();
  for (const h of [...title.hits, ...body.hits.filter((h) => h.start < LEAD_LENGTH)]) {
    if (h.term.actorOf) authorities.add(h.term.actorOf);
  }
  return authorities.size > 0 && defaults.every((d) => !authorities.has(d));
}

function ranked(scores: Map<string, number>): string[] {
  return [...scores.entries()]
    .sort((a, b) => b[1] - a[1] || (TOPIC_ORDER.get(a[0]) ?? 0) - (TOPIC_ORDER.get(b[0]) ?? 0))
    .map(([slug]) => slug);
}
