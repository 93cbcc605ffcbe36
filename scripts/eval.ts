/**
 * `npm run eval`: scores the classifier against test/fixtures/eval/items.json.
 *
 *   node dist/scripts/eval.js            human-readable report and the list of misses
 *   node dist/scripts/eval.js --json     one JSON object (the EvalReport)
 *   node dist/scripts/eval.js --bench    also measures classify() calls per second on ~2 KB texts
 *   node dist/scripts/eval.js --explain ID   the terms and scores behind one item's classification
 *
 * Always exits 0: this reports quality, the floors are guarded by test/core/topics/eval.test.ts.
 */

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { classify, explainClassification } from '../src/core/topics/classify.js';
import { type EvalItem, type EvalReport, evaluate, parseEvalItems } from '../src/core/topics/evaluate.js';
import type { StoryText } from '../src/core/types.js';

// Compiled to dist/scripts/eval.js, so the repository root is two levels up.
const FIXTURE = fileURLToPath(new URL('../../test/fixtures/eval/items.json', import.meta.url));

function pct(n: number): string {
  return `${(n * 100).toFixed(1)}%`;
}

function list(values: readonly string[]): string {
  return values.length ? values.join(', ') : '-';
}

function printReport(report: EvalReport): void {
  const { jurisdictions: j, themes: t, policy: p } = report;
  console.log(`items: ${report.items}`);
  console.log(
    `jurisdictions  P ${pct(j.precision)}  R ${pct(j.recall)}  F1 ${pct(j.f1)}  (tp ${j.truePositives}, fp ${j.falsePositives}, fn ${j.falseNegatives})`,
  );
  console.log(
    `themes         P ${pct(t.precision)}  R ${pct(t.recall)}  F1 ${pct(t.f1)}  (tp ${t.truePositives}, fp ${t.falsePositives}, fn ${t.falseNegatives})`,
  );
  console.log(
    `policy         accuracy ${pct(p.accuracy)}  (${p.correct}/${report.items}; false positives ${p.falsePositives}, false negatives ${p.falseNegatives})`,
  );
  const serious = report.misses.filter((m) => m.wrong.some((w) => w !== 'themes'));
  const themeOnly = report.misses.filter((m) => m.wrong.every((w) => w === 'themes'));
  console.log(`\nmisses on jurisdictions or policy (${serious.length}):`);
  for (const m of serious) {
    console.log(`- ${m.id} [${m.wrong.join(', ')}] ${m.title}`);
    if (m.wrong.includes('jurisdictions')) {
      console.log(
        `    jurisdictions: expected ${list(m.expected.jurisdictions)} | got ${list(m.got.jurisdictions)}`,
      );
    }
    if (m.wrong.includes('themes')) {
      console.log(`    themes: expected ${list(m.expected.themes)} | got ${list(m.got.themes)}`);
    }
    if (m.wrong.includes('policy'))
      console.log(`    policy: expected ${m.expected.policy} | got ${m.got.policy}`);
  }
  console.log(`\nmisses on themes only (${themeOnly.length}):`);
  for (const m of themeOnly) {
    console.log(`- ${m.id}: expected ${list(m.expected.themes)} | got ${list(m.got.themes)}`);
  }
}

interface BenchResult {
  rounds: number;
  callsPerRound: number;
  avgChars: number;
  /** Calls per second of CPU time used by this process (robust when other processes share the machine). */
  perCpuSecond: { median: number; best: number };
  /** Calls per second of wall-clock time. */
  perWallSecond: { median: number; best: number };
}

/** Builds ~2 KB stories from the set's own texts and times classify() on one core, in several rounds. */
function bench(items: readonly EvalItem[]): BenchResult {
  const stories: StoryText[] = items.map((item, i) => {
    let body = item.body;
    for (let k = 1; body.length < 2000; k++) body += `\n${items[(i + k) % items.length]?.body ?? ''}`;
    return { title: item.title, body: body.slice(0, 2048), categories: item.categories, feed: item.feed };
  });
  for (let i = 0; i < 3; i++) for (const s of stories) classify(s); // compile the index, let the JIT settle
  const rounds = 5;
  const callsPerRound = Math.max(10_000, stories.length * 40);
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const cpuStart = process.cpuUsage();
    const wallStart = process.hrtime.bigint();
    for (let i = 0; i < callsPerRound; i++) classify(stories[i % stories.length] as StoryText);
    const wallSeconds = Number(process.hrtime.bigint() - wallStart) / 1e9;
    const used = process.cpuUsage(cpuStart);
    cpu.push(callsPerRound / ((used.user + used.system) / 1e6));
    wall.push(callsPerRound / wallSeconds);
  }
  const summary = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return {
      median: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0),
      best: Math.round(sorted.at(-1) ?? 0),
    };
  };
  const avgChars = stories.reduce((n, s) => n + s.title.length + s.body.length, 0) / stories.length;
  return { rounds, callsPerRound, avgChars, perCpuSecond: summary(cpu), perWallSecond: summary(wall) };
}

const { values } = parseArgs({
  options: {
    json: { type: 'boolean' },
    bench: { type: 'boolean' },
    explain: { type: 'string', multiple: true },
  },
});
const items = parseEvalItems(JSON.parse(readFileSync(FIXTURE, 'utf8')));
for (const id of values.explain ?? []) {
  const item = items.find((i) => i.id === id);
  if (!item) {
    console.log(`no item ${id}`);
    continue;
  }
  console.log(`${id}: expected ${JSON.stringify(item.expected)}`);
  console.log(JSON.stringify(explainClassification(item), null, 1));
}
if (values.explain) process.exit(0);
const report = evaluate(items);
const speed = values.bench ? bench(items) : undefined;

if (values.json) {
  console.log(JSON.stringify(speed ? { ...report, bench: speed } : report));
} else {
  printReport(report);
  if (speed) {
    console.log(
      `\nbench: ${speed.rounds} rounds of ${speed.callsPerRound} classify() calls on ~${Math.round(speed.avgChars)}-char stories: ` +
        `${speed.perCpuSecond.median} calls per CPU-second (median; best ${speed.perCpuSecond.best}), ` +
        `${speed.perWallSecond.median} per wall-clock second (median)`,
    );
  }
}
