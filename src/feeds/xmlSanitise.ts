/**
 * Makes hostile or sloppy XML safe and parseable before rss-parser sees it.
 *
 * - The DOCTYPE (and with it any internal subset) is removed: no entity is ever defined by the
 *   document, so neither external entities (XXE) nor entity expansion ("billion laughs") can happen.
 * - Entity references outside CDATA are rewritten: XML's five stay, HTML named entities become
 *   numeric references, anything else (including references to entities the removed DOCTYPE
 *   defined) becomes literal text, and references to characters XML forbids are dropped.
 * - A bare `&` becomes `&amp;` (the most common malformation of real feeds), and a `<` that
 *   cannot start markup becomes `&lt;`.
 * - Characters XML 1.0 forbids are removed, and junk before the first tag is dropped.
 */
import { decodeHTMLStrict } from 'entities';
import { parseFeedDate } from '../core/dates.js';

const INVALID_XML_CHARS =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing characters XML forbids is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
const DOCTYPE = /<!DOCTYPE(?:[^[>]*)(?:\[[\s\S]*?\]\s*)?>/gi;
/** CDATA sections and comments keep their text as it is; an unterminated one runs to the end. */
const VERBATIM = /<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<!--[\s\S]*?(?:-->|$)/g;
const ENTITY = /&(?:#(\d{1,8});|#x([0-9a-fA-F]{1,7});|([A-Za-z][A-Za-z0-9]{0,31});)?/g;

function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/** A "<" that cannot start markup (`a < b`, `<@&123>`, `<3`) is text: escape it. */
const STRAY_LT = /<(?![A-Za-z_:/!?])/g;

function fixEntities(text: string): string {
  if (text.includes('<')) text = text.replace(STRAY_LT, '&lt;');
  if (!text.includes('&')) return text;
  return text.replace(
    ENTITY,
    (match, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
      if (dec !== undefined || hex !== undefined) {
        const cp = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? '', 16);
        return isXmlChar(cp) ? match : '';
      }
      if (name === undefined) return '&amp;';
      if (XML_ENTITIES.has(name)) return match;
      const decoded = decodeHTMLStrict(match);
      if (decoded !== match) {
        let out = '';
        for (const ch of decoded) out += `&#${ch.codePointAt(0)};`;
        return out;
      }
      return `&amp;${name};`;
    },
  );
}

/** Returns the name of the document element, skipping the prolog, comments and processing instructions. */
export function rootElementName(xml: string): string | undefined {
  let i = 0;
  const limit = Math.min(xml.length, 64 * 1024);
  while (i < limit) {
    const lt = xml.indexOf('<', i);
    if (lt === -1 || lt >= limit) return undefined;
    if (xml.startsWith('<?', lt)) {
      const end = xml.indexOf('?>', lt + 2);
      if (end === -1) return undefined;
      i = end + 2;
    } else if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      if (end === -1) return undefined;
      i = end + 3;
    } else if (xml.startsWith('<!', lt)) {
      const end = xml.indexOf('>', lt + 2);
      if (end === -1) return undefined;
      i = end + 1;
    } else {
      const m = /^<([A-Za-z_][\w.:-]*)/.exec(xml.slice(lt, lt + 200));
      return m?.[1];
    }
  }
  return undefined;
}

/** True when the text starts like an HTML document rather than a feed. */
export function looksLikeHtml(xml: string): boolean {
  const head = xml.slice(0, 4096).trimStart().toLowerCase();
  if (head.startsWith('<!doctype html')) return true;
  const root = rootElementName(xml)?.toLowerCase();
  return root === 'html' || root === 'head' || root === 'body';
}

/**
 * Atom dates must be valid for rss-parser, which throws on the whole document for one bad
 * `<published>`; rewrite parseable ones to ISO 8601 and drop the rest (the item is then undated).
 */
function normaliseAtomDates(xml: string): string {
  return xml.replace(
    /<(published|updated)(\s[^>]*)?>([^<]{0,200})<\/\1\s*>/g,
    (_m, tag: string, attrs: string | undefined, value: string) => {
      const ms = parseFeedDate(value);
      return ms === null ? '' : `<${tag}${attrs ?? ''}>${new Date(ms).toISOString()}</${tag}>`;
    },
  );
}

/**
 * Atom `type="xhtml"` content is inline markup; rss-parser (xml2js) rebuilds it with mixed text
 * and elements out of order. Turning it into escaped `type="html"` keeps the reading order.
 */
function escapeXhtmlContent(xml: string): string {
  return xml.replace(
    /<(content|summary|title|subtitle)(\s[^>]*?)\btype\s*=\s*["']xhtml["']([^>]*)>([\s\S]*?)<\/\1\s*>/g,
    (_m, tag: string, before: string, after: string, inner: string) => {
      const escaped = inner.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      return `<${tag}${before}type="html"${after}>${escaped}</${tag}>`;
    },
  );
}

/** Returns XML that a strict parser accepts more often and that cannot define entities. */
export function sanitiseXml(input: string): string {
  let xml = input.replace(INVALID_XML_CHARS, '');
  const first = xml.indexOf('<');
  if (first > 0) xml = xml.slice(first);
  xml = xml.replace(DOCTYPE, '');
  let out = '';
  let last = 0;
  for (const m of xml.matchAll(VERBATIM)) {
    const index = m.index ?? 0;
    out += fixEntities(xml.slice(last, index));
    let verbatim = m[0];
    if (verbatim.startsWith('<![CDATA[') && !verbatim.endsWith(']]>')) verbatim += ']]>';
    else if (verbatim.startsWith('<!--') && !verbatim.endsWith('-->')) verbatim += '-->';
    out += verbatim;
    last = index + m[0].length;
  }
  out += fixEntities(xml.slice(last));
  const root = rootElementName(out);
  if (root === 'feed' || root?.endsWith(':feed')) out = escapeXhtmlContent(normaliseAtomDates(out));
  return out;
}
