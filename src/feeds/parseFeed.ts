/**
 * Feed bytes to normalised items: decode, sanitise, parse with rss-parser's `parseString`, and
 * normalise every item into plain text with a canonical URL and a stable key.
 */
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import render from 'dom-serializer';
import { parseDocument } from 'htmlparser2';
import Parser from 'rss-parser';
import { parseFeedDate } from '../core/dates.js';
import { collapseWhitespace, htmlToText, truncate } from '../core/text.js';
import type { NormalizedItem } from '../core/types.js';
import { canonicalUrl } from '../core/url.js';
import { decodeFeedBytes } from './charset.js';
import { looksLikeHtml, rootElementName, sanitiseXml } from './xmlSanitise.js';

/** At most this many items are read from one document; feeds are lists of recent items. */
export const MAX_ITEMS_PER_FEED = 1000;
const MAX_TITLE = 500;
const MAX_BODY = 20_000;
const MAX_KEY = 500;
const MAX_CATEGORIES = 20;

export interface ParsedFeed {
  title: string;
  format: 'rss' | 'rdf' | 'atom';
  items: NormalizedItem[];
  /** True when the document was malformed XML and was repaired before parsing. */
  repaired: boolean;
  /** Encoding the bytes were decoded with. */
  encoding: string;
}

export type ParseOutcome = { ok: true; feed: ParsedFeed } | { ok: false; reason: string };

export interface ParseOptions {
  contentType?: string | null | undefined;
  /** The URL the document was fetched from, to resolve relative links. */
  baseUrl: string;
  /** Current time: items without a usable date get it, future dates are clamped to it. */
  now: number;
  /** Largest document accepted after decompression. */
  maxBytes?: number;
}

/** The largest feed document we read: 5 MB after decompression. */
export const DEFAULT_MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

type RawField = string | { _?: unknown; $?: Record<string, unknown> } | undefined | unknown;

interface RawItem {
  title?: RawField;
  link?: RawField;
  guid?: RawField;
  id?: RawField;
  pubDate?: RawField;
  isoDate?: RawField;
  date?: RawField;
  'dc:date'?: RawField;
  published?: RawField;
  updated?: RawField;
  content?: RawField;
  'content:encoded'?: RawField;
  summary?: RawField;
  description?: RawField;
  creator?: RawField;
  author?: RawField;
  categories?: RawField[];
  /** Every <category> element with its attributes: Atom puts the name in `term`. */
  categoryElements?: RawField[];
  'rdf:about'?: RawField;
}

const parser = new Parser<Record<string, unknown>, RawItem>({
  // Feeds without a version attribute on <rss> are read as RSS 2.0.
  defaultRSS: 2,
  customFields: {
    item: [
      'id',
      'published',
      'updated',
      'description',
      ['category', 'categoryElements', { keepArray: true }],
    ],
  },
});

const FEED_ROOTS = new Set(['rss', 'rdf:rdf', 'rdf', 'feed']);

/** Parses feed bytes. Never throws: failures come back as `{ ok: false, reason }`. */
export async function parseFeedBytes(bytes: Uint8Array, options: ParseOptions): Promise<ParseOutcome> {
  if (bytes.length === 0) return { ok: false, reason: 'empty response body' };
  // Some servers send gzip files without Content-Encoding; unpack them, bounded like any body.
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: options.maxBytes ?? DEFAULT_MAX_DOCUMENT_BYTES });
    } catch (error) {
      return { ok: false, reason: `gzip body could not be unpacked: ${firstLine(error)}` };
    }
  }
  const { text, encoding } = decodeFeedBytes(bytes, options.contentType);
  return parseFeedText(text, options, encoding);
}

/** Parses an already decoded feed document. Never throws. */
export async function parseFeedText(
  text: string,
  options: ParseOptions,
  encoding = 'utf-8',
): Promise<ParseOutcome> {
  if (isBinary(text)) return { ok: false, reason: 'not a feed: binary content' };
  if (looksLikeHtml(text)) return { ok: false, reason: 'not a feed: an HTML page (is the URL a feed URL?)' };
  const xml = sanitiseXml(text);
  const root = rootElementName(xml);
  if (root === undefined) return { ok: false, reason: 'not a feed: no XML document element' };
  if (!FEED_ROOTS.has(root.toLowerCase()))
    return {
      ok: false,
      reason: `not a feed: document element <${truncate(root, 40)}> is not rss, rdf:RDF or feed`,
    };
  let repaired = false;
  let parsed: Parser.Output<RawItem>;
  try {
    parsed = await parser.parseString(xml);
  } catch (strictError) {
    // Malformed XML (unclosed tags, a stray "<", truncation): let a forgiving parser build a tree
    // and serialise it as well-formed XML, then parse that.
    try {
      parsed = await parser.parseString(repairXml(xml));
      repaired = true;
    } catch {
      if (root === 'rss' && !/<channel[\s>]/.test(xml))
        return { ok: false, reason: 'not a feed: <rss> has no <channel>' };
      return { ok: false, reason: `malformed XML: ${firstLine(strictError)}` };
    }
  }
  const format = root === 'feed' ? 'atom' : root.toLowerCase().startsWith('rdf') ? 'rdf' : 'rss';
  const base =
    typeof parsed.link === 'string'
      ? (canonicalUrl(parsed.link, options.baseUrl) ?? options.baseUrl)
      : options.baseUrl;
  const items: NormalizedItem[] = [];
  for (const raw of (parsed.items ?? []).slice(0, MAX_ITEMS_PER_FEED)) {
    const item = normaliseItem(raw, base, options.now);
    if (item) items.push(item);
  }
  return {
    ok: true,
    feed: {
      title: htmlToText(str(parsed.title), MAX_TITLE),
      format,
      items,
      repaired,
      encoding,
    },
  };
}

function repairXml(xml: string): string {
  // Text is decoded on the way in and re-escaped on the way out, so a stray "<" or "&" in text
  // comes out well-formed; CDATA sections stay CDATA.
  const doc = parseDocument(xml, { xmlMode: true, recognizeCDATA: true, decodeEntities: true });
  return render(doc, { xmlMode: true, encodeEntities: 'utf8' });
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return truncate(collapseWhitespace(message.split('\n')[0] ?? ''), 200);
}

function isBinary(text: string): boolean {
  const sample = text.slice(0, 4096);
  if (sample.includes('\u0000')) return true;
  let bad = 0;
  for (const ch of sample) {
    const c = ch.charCodeAt(0);
    if (ch === '\ufffd' || (c < 0x20 && c !== 0x9 && c !== 0xa && c !== 0xd)) bad++;
  }
  return sample.length > 0 && bad / sample.length > 0.1;
}

/** Extracts the string value of an xml2js field, which may be a string, an `{ _: text, $: attrs }` object, or absent. */
function str(field: RawField): string {
  if (typeof field === 'string') return field;
  if (typeof field === 'number') return String(field);
  if (field && typeof field === 'object' && '_' in field && typeof field._ === 'string') return field._;
  return '';
}

function firstDate(raw: RawItem): number | null {
  for (const field of [raw.pubDate, raw['dc:date'], raw.date, raw.published, raw.updated, raw.isoDate]) {
    const ms = parseFeedDate(str(field));
    if (ms !== null) return ms;
  }
  return null;
}

/** Turns one parsed item into a NormalizedItem, or null when it has nothing to show (no title, link or text). */
export function normaliseItem(raw: RawItem, base: string, now: number): NormalizedItem | null {
  const url =
    canonicalUrl(str(raw.link), base) ?? canonicalUrl(str(raw['rdf:about']), base) ?? guidAsLink(raw, base);
  const bodyHtml =
    str(raw['content:encoded']) || str(raw.content) || str(raw.summary) || str(raw.description);
  const body = htmlToText(bodyHtml, MAX_BODY);
  let title = htmlToText(str(raw.title), MAX_TITLE);
  if (title === '' && body !== '') title = truncate(body, 120);
  if (title === '' && url === null) return null;
  const dated = firstDate(raw);
  const publishedAt = dated === null ? now : Math.min(dated, now);
  const guid = collapseWhitespace(str(raw.guid) || str(raw.id));
  let key: string;
  if (guid !== '') key = `g:${truncate(guid, MAX_KEY)}`;
  else if (url !== null) key = `u:${url}`;
  else
    key = `h:${createHash('sha256')
      .update(
        `${title}\n${str(raw.pubDate) || str(raw.published) || str(raw.updated) || str(raw['dc:date'])}`,
      )
      .digest('hex')
      .slice(0, 32)}`;
  const author = htmlToText(str(raw.creator) || str(raw.author), 200);
  const categories: string[] = [];
  const rawCategories = [
    ...(Array.isArray(raw.categories) ? raw.categories : []),
    ...(Array.isArray(raw.categoryElements) ? raw.categoryElements : []),
  ];
  for (const c of rawCategories) {
    const value = htmlToText(str(c) || str((c as { $?: { term?: unknown } })?.$?.term), 100);
    if (value !== '' && !categories.includes(value)) categories.push(value);
    if (categories.length >= MAX_CATEGORIES) break;
  }
  return {
    key,
    url,
    title: title || url || '',
    body,
    author: author || null,
    categories,
    publishedAt,
    undated: dated === null,
  };
}

/** RSS guids are permalinks unless isPermaLink="false"; Atom ids are sometimes plain URLs. */
function guidAsLink(raw: RawItem, base: string): string | null {
  const guid = raw.guid;
  if (
    guid &&
    typeof guid === 'object' &&
    '$' in guid &&
    (guid.$ as Record<string, unknown>)?.isPermaLink === 'false'
  )
    return null;
  const value = str(guid) || str(raw.id);
  return /^https?:\/\//i.test(value.trim()) ? canonicalUrl(value, base) : null;
}
