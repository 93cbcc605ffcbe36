import { boilerplateTail, judgeSentence, removeInlineJunk, stripLeadingJunk } from './boilerplate.js';
import { sentences } from './sentences.js';
import { squashWhitespace, truncateWithEllipsis } from './truncate.js';

/** What the extractive summariser reads. */
export interface ExtractiveInput {
  title: string;
  /** Plain text; paragraph breaks may be collapsed to spaces or kept as `\n`. */
  body: string;
  /** BCP 47 tag, used to pick the sentence segmenter's locale. */
  language?: string | undefined;
}

/**
 * Only the start of the body is read: the summary is the lede, and this runs on every ingested
 * item. Eight times the summary length (at least 1,500 characters, at most 4 KB) leaves room for a
 * byline and caption block and for dropped sentences before the lede is complete.
 */
function headLength(maxChars: number): number {
  return Math.min(4_096, Math.max(1_500, maxChars * 8));
}

const TERMINATED = /[.!?。！？]["'”’)\]»」』]*$/u;
const ELLIPSIS_END = /(?:\.\.\.|…)["'”’)\]»」』]*$/u;

/** Lowercase letters and digits only: how the title and a sentence are compared. */
function comparable(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * Removes the title when the body repeats it verbatim at the start — but not when the title is
 * only the beginning of the first sentence ("SEC sues Binance over …").
 */
function stripRepeatedTitle(text: string, title: string): string {
  if (title === '' || text.length < title.length) return text;
  const prefix = text.slice(0, title.length);
  if (prefix !== title && prefix.toLowerCase() !== title.toLowerCase()) return text;
  // A title ending in a comma is the start of a sentence (feeds without titles get one cut from
  // the description), whatever follows it.
  if (/[,;(]$/u.test(title)) return text;
  const after = text.slice(title.length);
  if (after !== '' && !/^[\s.:!?|•·–—-]/u.test(after)) return text;
  const rest = after.replace(/^[\s.:!?|•·–—-]+/u, '');
  return /^\p{Ll}/u.test(rest) ? text : rest;
}

/**
 * An offline summary: complete sentences of the lede, at most `maxChars` characters, after removing
 * outlets' boilerplate (disclaimers, bios, bylines, share prompts, image credits, "Read more" lines).
 *
 * Never invents text: the result is made of sentences of the input joined by single spaces (by
 * nothing between Chinese or Japanese sentences, as in the source). The
 * one exception is a trailing "…" when even the first sentence is longer than `maxChars`, which is
 * then cut at a word boundary. An empty or boilerplate-only body falls back to the title; a body
 * that only repeats the title gives `''` (the title is shown anyway).
 */
export function extractiveSummary(input: ExtractiveInput, maxChars = 300): string {
  const title = squashWhitespace(input.title);
  const head = headLength(maxChars);
  const headTruncated = input.body.length > head;
  const raw = removeInlineJunk(headTruncated ? input.body.slice(0, head) : input.body);
  let text = stripLeadingJunk(raw);
  // When a byline or credit was removed and what is left starts mid-phrase ("(Security Engineers,
  // Chrome) Five months ago…", "for Code Health There are…"), the byline went on longer than we
  // could tell: skip that first sentence.
  let skipFirst = text !== raw.trimStart() && /^[\p{Ll}(),;:]/u.test(text);
  let sawTitle = false;
  const withoutTitle = stripRepeatedTitle(text, title);
  if (withoutTitle !== text) {
    sawTitle = true;
    text = stripLeadingJunk(withoutTitle);
  }
  const tail = boilerplateTail(text);
  const cutAtBoilerplate = tail.index < text.length;
  text = text.slice(0, tail.index);

  const titleKey = comparable(title);
  const parts: string[] = [];
  let length = 0;
  let joiner = ' ';
  for (const sentence of sentences(text, input.language)) {
    const clean = squashWhitespace(sentence.text);
    if (clean === '') continue;
    if (sentence.end >= text.length) {
      if (headTruncated && !cutAtBoilerplate) {
        // The head cut this sentence short. One running past the head is still the lede (and far
        // too long anyway); anything shorter is a fragment.
        if (parts.length === 0 && clean.length > maxChars) return truncateWithEllipsis(clean, maxChars);
        break;
      }
      // An excerpt's last words before "[…]", "Read more…" or a trailing "..." are not a sentence.
      if (ELLIPSIS_END.test(clean) || (tail.truncated && !TERMINATED.test(clean))) break;
      // Unpunctuated words before other boilerplate are a standfirst when they are all there is
      // ("… plus the latest news Continue reading"), else a heading or tag line.
      if (cutAtBoilerplate && !TERMINATED.test(clean) && parts.length > 0) break;
    }
    if (skipFirst) {
      skipFirst = false;
      continue;
    }
    const verdict = judgeSentence(clean);
    if (verdict === 'stop') break;
    if (verdict === 'drop') continue;
    // Only a sentence of about the title's length can be the title (and comparing costs).
    if (titleKey !== '' && Math.abs(clean.length - title.length) <= 8 && comparable(clean) === titleKey) {
      sawTitle = true;
      continue;
    }
    if (parts.length === 0) {
      if (clean.length > maxChars) return truncateWithEllipsis(clean, maxChars);
    } else {
      if (length + joiner.length + clean.length > maxChars) break;
      parts.push(joiner);
      length += joiner.length;
    }
    parts.push(clean);
    length += clean.length;
    // Chinese and Japanese sentences follow each other without a space; keep it that way.
    joiner = /\s$/u.test(sentence.text) ? ' ' : '';
  }
  if (parts.length > 0) return parts.join('');
  if (sawTitle || title === '') return '';
  return truncateWithEllipsis(title, maxChars);
}
