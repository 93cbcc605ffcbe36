/**
 * User search text → a safe FTS5 query. Users type words, "quoted phrases", OR and -excluded
 * words; everything else is quoted, so FTS5 syntax errors cannot come from user input.
 */
import { UserError } from '../errors.js';

/** A search the full-text engine cannot run; the message says what to do. */
export class SearchQueryError extends UserError {
  override readonly name = 'SearchQueryError';
}

/** Han, kana, hangul: scripts written without spaces between words. */
export const CJK_RE = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]/u;
const MAX_QUERY_CHARS = 200;
const MAX_TERMS = 12;

export type FtsQuery =
  | { kind: 'fts'; match: string }
  | { kind: 'cjk'; match: string }
  | { kind: 'cjk-like'; pattern: string };

const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;

/** Builds the FTS5 query for `text`; throws SearchQueryError when nothing in it can be searched. */
export function buildFtsQuery(text: string): FtsQuery {
  const input = text.normalize('NFKC').trim().slice(0, MAX_QUERY_CHARS);
  if (CJK_RE.test(input)) {
    const pieces = input.split(/[\s\u3000,，、"“”]+/u).filter(Boolean);
    const long = pieces.filter((p) => [...p].length >= 3);
    // The trigram index needs three characters; shorter CJK words are matched with LIKE.
    if (long.length === 0) {
      const word = (pieces[0] ?? '').replace(/[\\%_]/g, (c) => `\\${c}`);
      if (word === '') throw new SearchQueryError('the search has no words in it');
      return { kind: 'cjk-like', pattern: `%${word}%` };
    }
    return { kind: 'cjk', match: long.slice(0, MAX_TERMS).map(quote).join(' ') };
  }
  const positive: string[] = [];
  const negative: string[] = [];
  let pendingOr = false;
  const tokens = input.match(/-?"[^"]*"?|\S+/g) ?? [];
  for (const token of tokens) {
    if (token === 'OR') {
      pendingOr = positive.length > 0;
      continue;
    }
    const negated = token.startsWith('-') && token.length > 1;
    const body = negated ? token.slice(1) : token;
    const phrase = body.startsWith('"');
    const words =
      (phrase ? body.replace(/^"|"$/g, '') : body).match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? [];
    if (words.length === 0) continue;
    const term = phrase ? quote(words.join(' ')) : words.map(quote).join(' ');
    if (negated) negative.push(term);
    else {
      if (pendingOr && positive.length > 0) positive.push(`OR ${term}`);
      else positive.push(term);
    }
    pendingOr = false;
    if (positive.length + negative.length >= MAX_TERMS) break;
  }
  if (positive.length === 0) {
    throw new SearchQueryError(
      negative.length > 0
        ? 'a search needs at least one word to look for, not only words to exclude'
        : 'the search has no words in it',
    );
  }
  const match = positive.join(' ') + negative.map((n) => ` NOT ${n}`).join('');
  return { kind: 'fts', match };
}
