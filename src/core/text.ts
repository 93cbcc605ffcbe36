/**
 * Feed text to plain text. Feed fields are hostile: they may hold HTML, scripts, entities, control
 * characters and megabytes of markup. Everything that leaves here is bounded plain text.
 */
import { Parser } from 'htmlparser2';

/** Elements whose content is never text a reader sees. */
const SKIPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'object',
  'svg',
  'math',
  'head',
  'title',
  'select',
  'button',
  'form',
]);
/** Elements that separate words even without whitespace around them. */
export const BLOCK_ELEMENTS: ReadonlySet<string> = new Set([
  'p',
  'div',
  'br',
  'hr',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'tr',
  'td',
  'th',
  'thead',
  'tbody',
  'blockquote',
  'pre',
  'section',
  'article',
  'aside',
  'header',
  'footer',
  'figure',
  'figcaption',
  'img',
  'nav',
  'main',
  'address',
  'caption',
  'center',
]);

/** Characters that are never useful in text: C0/C1 controls (bar tab/newline), zero-width joiners used for spoofing, BOM. */
const JUNK =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** Collapses all whitespace runs (including NBSP and line breaks) to single spaces and trims. */
export function collapseWhitespace(text: string): string {
  return text
    .replace(JUNK, '')
    .replace(/[\s\u00a0\u3000]+/g, ' ')
    .trim();
}

export interface HtmlWalkOptions {
  /** Elements whose content is dropped (scripts, styles, a model's `<think>`…). */
  skipped: ReadonlySet<string>;
  /** Elements that separate text; `separator` is inserted at their start and end. */
  breaking: ReadonlySet<string>;
  separator: string;
  /** Stop collecting text after about this many characters. */
  maxChars?: number;
}

/**
 * Walks HTML with a real parser and returns its visible text, entities decoded, uncollapsed.
 * The one place feed HTML and model answers become text.
 */
export function walkHtml(html: string, options: HtmlWalkOptions): string {
  const parts: string[] = [];
  let length = 0;
  let skipDepth = 0;
  let done = false;
  const limit = options.maxChars ?? Number.POSITIVE_INFINITY;
  const parser = new Parser(
    {
      onopentagname(name) {
        if (options.skipped.has(name)) skipDepth++;
        else if (options.breaking.has(name)) parts.push(options.separator);
      },
      onclosetag(name) {
        if (options.skipped.has(name)) skipDepth = Math.max(0, skipDepth - 1);
        else if (options.breaking.has(name)) parts.push(options.separator);
      },
      ontext(text) {
        if (skipDepth > 0 || done) return;
        parts.push(text);
        length += text.length;
        if (length > limit) done = true;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  return parts.join('');
}

/**
 * Converts an HTML (or plain) fragment to plain text with a real HTML parser: tags removed, script
 * and style content dropped, entities decoded, block elements turned into word breaks, whitespace
 * collapsed. Input past `maxInput` characters is ignored and output is cut at `maxOutput`.
 */
export function htmlToText(
  html: string | null | undefined,
  maxOutput = 20_000,
  maxInput = 1_000_000,
): string {
  if (typeof html !== 'string' || html === '') return '';
  const input = html.length > maxInput ? html.slice(0, maxInput) : html;
  // Fast path: nothing that looks like markup or an entity.
  if (!/[<&]/.test(input)) return truncate(collapseWhitespace(input), maxOutput);
  // Collapsing can only shrink, so twice the limit is plenty before we stop collecting.
  const text = walkHtml(input, {
    skipped: SKIPPED,
    breaking: BLOCK_ELEMENTS,
    separator: ' ',
    maxChars: maxOutput * 2,
  });
  return truncate(collapseWhitespace(text), maxOutput);
}

/** Cuts `text` to at most `max` characters at a word boundary when one is near, never mid-surrogate. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  if (space > max * 0.8) cut = cut.slice(0, space);
  // Do not leave half of a surrogate pair at the end.
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return cut.trimEnd();
}
