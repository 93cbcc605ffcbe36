import { describe, expect, it } from 'vitest';
import { canonicalUrl } from '../../src/core/url.js';

describe('canonicalUrl', () => {
  it.each([
    [
      'strips utm_* parameters and the fragment',
      'https://example.com/a?utm_source=x&id=3&utm_medium=rss#top',
      undefined,
      'https://example.com/a?id=3',
    ],
    [
      'strips fbclid and gclid',
      'https://example.com/a?fbclid=abc&gclid=def',
      undefined,
      'https://example.com/a',
    ],
    [
      'keeps meaningful query parameters in order',
      'https://example.com/a?b=2&a=1',
      undefined,
      'https://example.com/a?b=2&a=1',
    ],
    [
      'resolves relative links against the feed',
      '/news/1',
      'https://example.com/feed.xml',
      'https://example.com/news/1',
    ],
    [
      'resolves path-relative links',
      'item.html',
      'https://example.com/dir/feed.xml',
      'https://example.com/dir/item.html',
    ],
    [
      'lowercases the host and drops default ports',
      'HTTPS://Example.COM:443/Path',
      undefined,
      'https://example.com/Path',
    ],
    ['trims whitespace around CDATA links', '  https://example.com/x \n', undefined, 'https://example.com/x'],
    ['drops credentials', 'https://user:pw@example.com/x', undefined, 'https://example.com/x'],
  ])('%s', (_name, raw, base, expected) => {
    expect(canonicalUrl(raw, base)).toBe(expected);
  });

  it.each([
    ['javascript: links', 'javascript:alert(1)'],
    ['javascript: with odd case and spaces', ' JaVaScRiPt:alert(1)'],
    ['data: links', 'data:text/html,<script>alert(1)</script>'],
    ['vbscript: links', 'vbscript:msgbox'],
    ['file: links', 'file:///etc/passwd'],
    ['empty strings', ''],
    ['garbage', 'http://'],
    ['overlong URLs', `https://example.com/${'a'.repeat(3000)}`],
  ])('refuses %s', (_name, raw) => {
    expect(canonicalUrl(raw, 'https://example.com/')).toBeNull();
  });

  it('gives the same URL for the same story under different tracking tags', () => {
    const a = canonicalUrl('https://news.example/story?utm_source=twitter&utm_campaign=a');
    const b = canonicalUrl('https://news.example/story?utm_source=rss#comments');
    expect(a).toBe('https://news.example/story');
    expect(b).toBe(a);
  });
});
