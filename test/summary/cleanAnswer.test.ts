import { describe, expect, it } from 'vitest';
import { cleanLlmAnswer } from '../../src/summary/cleanAnswer.js';

describe('cleanLlmAnswer', () => {
  it.each([
    { name: 'plain text', answer: 'The SEC sued Binance.', expected: 'The SEC sued Binance.' },
    {
      name: 'bold and italics',
      answer: 'The **SEC** sued *Binance* and __CZ__.',
      expected: 'The SEC sued Binance and CZ.',
    },
    { name: 'a heading and bullets', answer: '# Summary\n* One.\n* Two.', expected: 'One. Two.' },
    {
      name: 'numbered list',
      answer: '1. First point.\n2) Second point.',
      expected: 'First point. Second point.',
    },
    {
      name: 'a link',
      answer: 'See the [complaint](https://sec.gov/x.pdf) filed Monday.',
      expected: 'See the complaint filed Monday.',
    },
    {
      name: 'inline code and a fence',
      answer: '```\nThe `MiCA` rules apply.\n```',
      expected: 'The MiCA rules apply.',
    },
    {
      name: 'HTML tags and entities',
      answer: '<p>The FCA &amp; the BoE <em>agreed</em>.</p>',
      expected: 'The FCA & the BoE agreed.',
    },
    {
      name: 'a think block',
      answer: '<think>The user wants…</think>\nHong Kong approved the ETFs.',
      expected: 'Hong Kong approved the ETFs.',
    },
    { name: 'an unclosed think block', answer: '<think>Let me consider the article', expected: '' },
    {
      name: 'a "Summary:" label',
      answer: 'Summary: Japan tightens rules.',
      expected: 'Japan tightens rules.',
    },
    {
      name: 'a "Here is a summary" preamble',
      answer: "Here's a short summary of the article: Japan tightens rules.",
      expected: 'Japan tightens rules.',
    },
    { name: 'surrounding quotes', answer: '“Japan tightens rules.”', expected: 'Japan tightens rules.' },
    { name: 'a Chinese label', answer: '摘要：香港批准比特币现货ETF。', expected: '香港批准比特币现货ETF。' },
    {
      name: 'snake_case and arithmetic left alone',
      answer: 'Fee is 2 * 3 bps for max_supply tokens.',
      expected: 'Fee is 2 * 3 bps for max_supply tokens.',
    },
    {
      name: 'a blockquote',
      answer: '> The ECB warned about stablecoins.',
      expected: 'The ECB warned about stablecoins.',
    },
  ])('cleans $name', ({ answer, expected }) => {
    expect(cleanLlmAnswer(answer)).toBe(expected);
  });

  it('cuts at the last sentence end that fits', () => {
    const text = 'First sentence is here. Second sentence is somewhat longer than the first.';
    expect(cleanLlmAnswer(text, 40)).toBe('First sentence is here.');
  });

  it('cuts a single over-long sentence at a word with an ellipsis', () => {
    const summary = cleanLlmAnswer('word '.repeat(200), 100);
    expect(summary.length).toBeLessThanOrEqual(100);
    expect(summary.endsWith('word…')).toBe(true);
  });
});
