/**
 * Scores the classifier against a hand-labelled evaluation set. Pure: the caller reads the file.
 * Used by `npm run eval` (scripts/eval.ts) and by the quality-floor test.
 */

import type { Classification, FeedKind, StoryText } from '../types.js';
import { classify } from './classify.js';
import { TOPIC_DEFINITIONS } from './taxonomy.js';

/** One labelled item of test/fixtures/eval/items.json. */
export interface EvalItem {
  id: string;
  title: string;
  body: string;
  categories: string[];
  feed: { kind: FeedKind; jurisdictions: string[]; language?: string | undefined };
  expected: { jurisdictions: string[]; themes: string[]; policy: boolean };
  note?: string | undefined;
}

/** Precision, recall and F1, micro-averaged over item × slug pairs. */
export interface Prf {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface EvalMiss {
  id: string;
  title: string;
  expected: EvalItem['expected'];
  got: { jurisdictions: string[]; themes: string[]; policy: boolean };
  /** Which of the three labels disagree. */
  wrong: ('jurisdictions' | 'themes' | 'policy')[];
}

export interface EvalReport {
  items: number;
  jurisdictions: Prf;
  themes: Prf;
  policy: { correct: number; accuracy: number; falsePositives: number; falseNegatives: number };
  misses: EvalMiss[];
}

const KIND: ReadonlyMap<string, 'jurisdiction' | 'theme'> = new Map(
  TOPIC_DEFINITIONS.map((t) => [t.slug, t.kind]),
);

function prf(tp: number, fp: number, fn: number): Prf {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePositives: tp, falsePositives: fp, falseNegatives: fn, precision, recall, f1 };
}

function compare(
  expected: readonly string[],
  got: readonly string[],
): { tp: number; fp: number; fn: number } {
  const e = new Set(expected);
  const g = new Set(got);
  let tp = 0;
  for (const s of g) if (e.has(s)) tp++;
  return { tp, fp: g.size - tp, fn: e.size - tp };
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** Runs `classifier` (the real one by default) over the items and scores it. */
export function evaluate(
  items: readonly EvalItem[],
  classifier: (text: StoryText) => Classification = classify,
): EvalReport {
  const j = { tp: 0, fp: 0, fn: 0 };
  const t = { tp: 0, fp: 0, fn: 0 };
  const p = { correct: 0, fp: 0, fn: 0 };
  const misses: EvalMiss[] = [];
  for (const item of items) {
    const c = classifier({
      title: item.title,
      body: item.body,
      categories: item.categories,
      feed: item.feed,
    });
    const got = {
      jurisdictions: c.topics.filter((s) => KIND.get(s) === 'jurisdiction'),
      themes: c.topics.filter((s) => KIND.get(s) === 'theme'),
      policy: c.policy,
    };
    for (const [acc, exp, gt] of [
      [j, item.expected.jurisdictions, got.jurisdictions],
      [t, item.expected.themes, got.themes],
    ] as const) {
      const r = compare(exp, gt);
      acc.tp += r.tp;
      acc.fp += r.fp;
      acc.fn += r.fn;
    }
    if (c.policy === item.expected.policy) p.correct++;
    else if (c.policy) p.fp++;
    else p.fn++;
    const wrong: EvalMiss['wrong'] = [];
    if (!sameSet(item.expected.jurisdictions, got.jurisdictions)) wrong.push('jurisdictions');
    if (!sameSet(item.expected.themes, got.themes)) wrong.push('themes');
    if (c.policy !== item.expected.policy) wrong.push('policy');
    if (wrong.length) misses.push({ id: item.id, title: item.title, expected: item.expected, got, wrong });
  }
  return {
    items: items.length,
    jurisdictions: prf(j.tp, j.fp, j.fn),
    themes: prf(t.tp, t.fp, t.fn),
    policy: {
      correct: p.correct,
      accuracy: items.length ? p.correct / items.length : 1,
      falsePositives: p.fp,
      falseNegatives: p.fn,
    },
    misses,
  };
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

/**
 * Checks parsed JSON against the evaluation-set format, reporting every problem at once (unknown
 * slugs, a theme labelled as a jurisdiction, duplicate ids, missing fields).
 */
export function parseEvalItems(json: unknown): EvalItem[] {
  if (!Array.isArray(json)) throw new Error('evaluation set: expected a JSON array');
  const problems: string[] = [];
  const ids = new Set<string>();
  json.forEach((raw: unknown, i) => {
    const at = `item ${i}`;
    if (typeof raw !== 'object' || raw === null) {
      problems.push(`${at}: not an object`);
      return;
    }
    const it = raw as Record<string, unknown>;
    const id = typeof it.id === 'string' ? it.id : `#${i}`;
    if (typeof it.id !== 'string' || !it.id) problems.push(`${at}: missing id`);
    else if (ids.has(it.id)) problems.push(`${id}: duplicate id`);
    else ids.add(it.id);
    if (typeof it.title !== 'string' || typeof it.body !== 'string')
      problems.push(`${id}: title and body must be strings`);
    if (!isStringArray(it.categories)) problems.push(`${id}: categories must be an array of strings`);
    const feed = it.feed as Record<string, unknown> | undefined;
    if (!feed || (feed.kind !== 'media' && feed.kind !== 'regulator') || !isStringArray(feed.jurisdictions)) {
      problems.push(`${id}: feed must have kind media|regulator and jurisdictions[]`);
    } else {
      for (const s of feed.jurisdictions)
        if (KIND.get(s) !== 'jurisdiction') problems.push(`${id}: unknown feed jurisdiction ${s}`);
    }
    const exp = it.expected as Record<string, unknown> | undefined;
    if (
      !exp ||
      !isStringArray(exp.jurisdictions) ||
      !isStringArray(exp.themes) ||
      typeof exp.policy !== 'boolean'
    ) {
      problems.push(`${id}: expected must have jurisdictions[], themes[] and policy`);
    } else {
      for (const s of exp.jurisdictions)
        if (KIND.get(s) !== 'jurisdiction') problems.push(`${id}: not a jurisdiction: ${s}`);
      for (const s of exp.themes) if (KIND.get(s) !== 'theme') problems.push(`${id}: not a theme: ${s}`);
    }
  });
  if (problems.length)
    throw new Error(`evaluation set has ${problems.length} problem(s):\n${problems.join('\n')}`);
  return json as EvalItem[];
}
