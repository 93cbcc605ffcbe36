import { describe, expect, it } from 'vitest';
import { stem, storyTokens } from '../../../src/core/cluster/tokens.js';

const tokensOf = (title: string, lede = '') => [...storyTokens(title, lede).classes.keys()];

describe('stem', () => {
  it.each([
    ['sanctions', 'sanction'],
    ['sanctioned', 'sanction'],
    ['approves', 'approv'],
    ['approved', 'approv'],
    ['companies', 'company'],
    ['status', 'status'],
    ['tax', 'tax'],
  ])('%s → %s', (word, stemmed) => {
    expect(stem(word)).toBe(stemmed);
  });
});

describe('storyTokens', () => {
  it('maps rewordings onto the same tokens', () => {
    expect(tokensOf('US SEC files lawsuit against Binance and Changpeng Zhao')).toEqual(
      expect.arrayContaining(['usa', 'sec', 'sue', 'binance', 'zhao']),
    );
    expect(tokensOf('SEC Sues Binance, CZ')).toEqual(
      expect.arrayContaining(['sec', 'sue', 'binance', 'zhao']),
    );
    expect(tokensOf('U.S. regulator greenlights spot BTC ETFs')).toEqual(
      expect.arrayContaining(['usa', 'approve', 'bitcoin', 'etf']),
    );
  });

  it('drops stopwords and weekdays', () => {
    expect(tokensOf('The SEC said on Monday that it would sue')).toEqual(['sec', 'sue']);
  });

  it('keeps "US" the country apart from "us" the pronoun', () => {
    expect(tokensOf('US regulators')).toContain('usa');
    expect(tokensOf('Tell us more')).not.toContain('usa');
  });

  it('reads amounts with their scale', () => {
    expect(tokensOf('Binance to pay $4.3 billion')).toContain('4300000000');
    expect(tokensOf('Binance to pay $4.3bn')).toContain('4300000000');
    expect(tokensOf('Fine of £3,503,546')).toContain('3503546');
    expect(tokensOf('SEC approves 19b-4 filings')).toContain('19');
    expect(tokensOf('SEC approves 19b-4 filings')).not.toContain('19000000000');
  });

  it('splits Chinese and Japanese into character bigrams, skipping kana-only ones', () => {
    expect(tokensOf('香港证监会')).toEqual(['香港', '港证', '证监', '监会']);
    const japanese = tokensOf('金融庁は暗号資産を規制する');
    expect(japanese).toContain('金融');
    expect(japanese).toContain('暗号');
    expect(japanese).not.toContain('する');
  });

  it('maps Chinese and Japanese asset names to the English token', () => {
    expect(tokensOf('香港批准比特币现货ETF')).toEqual(expect.arrayContaining(['bitcoin', 'etf', '香港']));
    expect(tokensOf('ビットコイン現物ETF')).toContain('bitcoin');
  });

  it('classes names by capitals in the lede, not in a Title Case headline', () => {
    const { classes } = storyTokens(
      'Regulator Fines Starling Over Controls',
      'The FCA fined Starling Bank for weak controls.',
    );
    expect(classes.get('starl')).toBe('key');
    expect(classes.get('control')).toBe('word');
    expect(classes.get('fca')).toBe('key');
  });

  it('treats words with inner capitals as names anywhere', () => {
    expect(storyTokens('KuCoin pleads guilty', '').classes.get('kucoin')).toBe('key');
  });

  it('keeps the headline order so the first token is the subject', () => {
    expect([...storyTokens('Hong Kong approves stablecoin rules', '').title][0]).toBe('hongkong');
  });
});
