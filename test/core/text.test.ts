import { describe, expect, it } from 'vitest';
import { htmlToText, truncate } from '../../src/core/text.js';

describe('htmlToText', () => {
  it.each([
    [
      'strips tags and decodes entities',
      '<p>SEC &amp; CFTC&nbsp;agree &#8212; <b>finally</b></p>',
      'SEC & CFTC agree — finally',
    ],
    [
      'drops script and style content',
      '<p>a</p><script>alert("x")</script><style>p{}</style><p>b</p>',
      'a b',
    ],
    ['separates block elements', '<p>one</p><p>two</p><br>three<li>four</li>', 'one two three four'],
    ['collapses whitespace and line breaks', '  a \n\n\t b  ', 'a b'],
    [
      'keeps text that looks like a Discord mention',
      'ping &lt;@&amp;123&gt; and &lt;@!456&gt;',
      'ping <@&123> and <@!456>',
    ],
    ['keeps plain text with angle brackets that are not tags', 'a < b and c > d', 'a < b and c > d'],
    ['removes control and bidi characters', 'a\u0000b\u202ec\u200bd', 'abcd'],
    ['leaves no markup from malformed HTML', '<div><p>unclosed <b>bold <i>text', 'unclosed bold text'],
    ['drops comments', 'a<!-- hidden -->b', 'ab'],
  ])('%s', (_name, input, expected) => {
    expect(htmlToText(input)).toBe(expected);
  });

  it('bounds the output', () => {
    const out = htmlToText(`<p>${'word '.repeat(100_000)}</p>`, 1000);
    expect(out.length).toBeLessThanOrEqual(1000);
  });

  it('handles null and empty input', () => {
    expect(htmlToText(null)).toBe('');
    expect(htmlToText('')).toBe('');
  });
});

describe('truncate', () => {
  it('cuts at a word boundary near the limit', () => {
    expect(truncate('alpha beta gamma delta epsilon', 25)).toBe('alpha beta gamma delta');
  });
  it('never leaves half a surrogate pair', () => {
    const out = truncate(`${'a'.repeat(9)}😀😀`, 10);
    expect(out).toBe('a'.repeat(9));
  });
});
