import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate, parseEvalItems } from '../../../src/core/topics/index.js';

// The same set and the same function as `npm run eval`; these floors keep quality from silently dropping.
const items = parseEvalItems(
  JSON.parse(readFileSync(new URL('../../fixtures/eval/items.json', import.meta.url), 'utf8')),
);

describe('the evaluation set', () => {
  it('is large and varied enough to mean something', () => {
    expect(items.length).toBeGreaterThanOrEqual(150);
    const languages = new Set(items.map((i) => i.feed.language?.slice(0, 2)));
    for (const l of ['en', 'zh', 'ja', 'ko', 'de', 'es', 'pt']) expect(languages.has(l), l).toBe(true);
    expect(items.filter((i) => i.expected.policy).length).toBeGreaterThan(40);
    expect(items.filter((i) => !i.expected.policy).length).toBeGreaterThan(40);
    expect(items.filter((i) => i.feed.kind === 'regulator').length).toBeGreaterThan(20);
  });

  it('rejects labels outside the taxonomy', () => {
    const bad = [{ ...items[0], expected: { jurisdictions: ['atlantis'], themes: ['us'], policy: true } }];
    expect(() => parseEvalItems(bad)).toThrow(/atlantis[\s\S]*not a theme: us/);
  });
});

describe('classifier quality on the evaluation set', () => {
  const report = evaluate(items);

  it('tags jurisdictions with F1 ≥ 0.95', () => {
    expect(report.jurisdictions.f1).toBeGreaterThanOrEqual(0.95);
  });

  it('decides policy with accuracy ≥ 0.95', () => {
    expect(report.policy.accuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('tags themes with F1 ≥ 0.85 (measured 0.89 when this floor was set)', () => {
    expect(report.themes.f1).toBeGreaterThanOrEqual(0.85);
  });
});
