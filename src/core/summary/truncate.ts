/**
 * Collapses runs of whitespace (including the `\n` paragraph separators) to one space and trims.
 * Unlike core/text.ts `collapseWhitespace`, it keeps control and zero-width characters: for text
 * that was cleaned already.
 */
export function squashWhitespace(text: string): string {
  // Only runs and non-space whitespace need replacing; rewriting every single space costs.
  return text.replace(/\s{2,}|[^\S ]/gu, ' ').trim();
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const CJK_CLAUSE_BREAK = /[，、；：,;:]/u;
const TRAILING_PUNCTUATION = /[\s,;:，、；：\-–—(["'“‘«/]+$/u;

/**
 * Cuts `text` to at most `maxChars` characters at a word boundary and appends "…" — the only
 * character a summary may add, used only when a single sentence is too long. Text without spaces
 * (Chinese, Japanese) is cut after a clause mark when there is one near the end, else between
 * characters, which is a word boundary often enough in those scripts.
 */
export function truncateWithEllipsis(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  if (maxChars <= 1) return maxChars === 1 ? '…' : '';
  const limit = maxChars - 1;
  let cut = -1;
  for (let i = limit; i >= Math.floor(limit / 2); i--) {
    if (/\s/u.test(text[i] ?? '')) {
      cut = i;
      break;
    }
  }
  if (cut === -1 && CJK.test(text.slice(0, limit))) {
    for (let i = limit - 1; i >= Math.floor((limit * 2) / 3); i--) {
      if (CJK_CLAUSE_BREAK.test(text[i] ?? '')) {
        cut = i + 1;
        break;
      }
    }
  }
  if (cut === -1) cut = limit;
  // Never split a surrogate pair.
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  const kept = text.slice(0, cut).replace(TRAILING_PUNCTUATION, '');
  return `${kept === '' ? text.slice(0, cut) : kept}…`;
}
