import { describe, expect, it } from 'vitest';
import { compileMatcher, normalizeText, type TermSource } from '../../../src/core/topics/matcher.js';

function matcher(terms: (string | TermSource)[], caseSensitive: string[] = []) {
  return compileMatcher(
    terms.map((t) => (typeof t === 'string' ? { text: t, topics: [t] } : t)),
    new Set(caseSensitive),
  );
}

function found(m: ReturnType<typeof matcher>, text: string): string[] {
  const normalized = normalizeText(text);
  return m.scan(normalized).map((h) => normalized.slice(h.start, h.end));
}

describe('compileMatcher', () => {
  it('matches whole words only', () => {
    const m = matcher(['SEC', 'tax', 'India']);
    expect(found(m, 'SEC, SECP, SECs and the tax syntax; Indiana and India')).toEqual([
      'SEC',
      'tax',
      'India',
    ]);
  });

  it('keeps the case of acronyms and listed words, ignores it otherwise', () => {
    const m = matcher(['US', 'Fed', 'china'], ['Fed']);
    expect(found(m, 'US, us, Us; Fed, fed, FED; China, CHINA, china')).toEqual([
      'US',
      'Fed',
      'China',
      'CHINA',
      'china',
    ]);
  });

  it('lets the longest term win where several start', () => {
    const m = matcher(['bank', 'Bank of England', 'America', 'Latin America']);
    expect(found(m, 'The Bank of England and a bank in Latin America, not America')).toEqual([
      'Bank of England',
      'bank',
      'Latin America',
      'America',
    ]);
  });

  it('treats spaces and hyphens alike and straightens apostrophes', () => {
    const m = matcher(['anti-money laundering', "People's Bank of China"]);
    expect(found(m, 'anti money laundering, anti-money-laundering; People’s Bank of China')).toEqual([
      'anti money laundering',
      'anti-money-laundering',
      'People’s Bank of China'.replace('’', "'"),
    ]);
  });

  it('sees a Latin term next to CJK text as a word (米SEC, SEC는)', () => {
    const m = matcher(['SEC']);
    expect(found(m, '米SEC、SEC는')).toEqual(['SEC', 'SEC']);
  });

  it('matches CJK terms inside running text, longest first', () => {
    const m = matcher(['中国', '中国香港', '香港', '한국', '한국은행']);
    expect(found(m, '中国香港和中国；한국은행은 한국의')).toEqual(['中国香港', '中国', '한국은행', '한국']);
  });

  it('matches full-width letters after normalisation', () => {
    expect(found(matcher(['SEC']), 'ＳＥＣ')).toEqual(['SEC']);
  });

  it('rejects CJK terms too short to be specific', () => {
    expect(() => matcher(['法'])).toThrow(/too short/);
  });

  it('rejects terms starting with punctuation', () => {
    expect(() => matcher(['$BTC'])).toThrow(/must start/);
  });

  it('merges what several lists say about one term', () => {
    const m = compileMatcher(
      [
        { text: 'OFAC', topics: ['us'], actor: true, policy: 1 },
        { text: 'OFAC', topics: ['sanctions'] },
      ],
      new Set(),
    );
    const [hit] = m.scan('OFAC');
    expect(hit?.term.topics).toEqual(['us', 'sanctions']);
    expect(hit?.term.actor).toBe(true);
  });
});
