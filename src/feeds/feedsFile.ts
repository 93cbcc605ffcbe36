/**
 * The feeds file: JSON (`{"feeds":[…]}`) or OPML. Validated whole before anything starts; a bad
 * entry stops the program with a message naming the entry and the field.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { z } from 'zod';
import type { FeedDefinition } from '../core/types.js';
import { isHttpUrl } from '../core/url.js';
import { FeedsFileError } from '../errors.js';

/** Feeds files larger than this are refused: a feeds file is a list, not a data set. */
const MAX_FEEDS_FILE_BYTES = 2 * 1024 * 1024;
export const MAX_FEEDS = 5000;
const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const SLUG = /^[a-z][a-z0-9-]{0,39}$/;

const feedSchema = z.strictObject({
  id: z
    .string()
    .regex(ID, 'must be 1–64 lowercase letters, digits or dashes, starting with a letter or digit'),
  name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  url: z.string().refine(isHttpUrl, 'must be an absolute http:// or https:// URL'),
  kind: z.enum(['media', 'regulator'], { error: 'must be "media" or "regulator"' }),
  jurisdictions: z
    .array(z.string().regex(SLUG, 'must be topic slugs such as "us" or "hong-kong"'))
    .max(20)
    .optional(),
  language: z
    .string()
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as "en" or "zh-Hans"')
    .optional(),
});

const fileSchema = z.strictObject({
  feeds: z.array(z.unknown()).max(MAX_FEEDS, `must list at most ${MAX_FEEDS} feeds`),
});

/** Validates parsed feeds-file JSON. `source` names the file in error messages. */
export function validateFeeds(data: unknown, source: string): FeedDefinition[] {
  const file = fileSchema.safeParse(data);
  if (!file.success) {
    const issue = file.error.issues[0];
    const where = issue && issue.path.length > 0 ? `field "${issue.path.join('.')}"` : 'top level';
    throw new FeedsFileError(
      `${source}: ${where}: ${issue?.message ?? 'invalid'} (expected {"feeds":[{"id","name","url","kind",…}]})`,
    );
  }
  const problems: string[] = [];
  const feeds: FeedDefinition[] = [];
  const ids = new Map<string, number>();
  file.data.feeds.forEach((entry, index) => {
    const label = describeEntry(entry, index);
    const parsed = feedSchema.safeParse(entry);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.length > 0 ? `field "${issue.path.join('.')}"` : 'entry';
        const message =
          issue.code === 'unrecognized_keys'
            ? `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`
            : issue.message;
        problems.push(`${label} ${field}: ${message}`);
      }
      return;
    }
    const first = ids.get(parsed.data.id);
    if (first !== undefined) {
      problems.push(`${label} field "id": duplicate of feeds[${first}]`);
      return;
    }
    ids.set(parsed.data.id, index);
    feeds.push({ ...parsed.data, jurisdictions: parsed.data.jurisdictions ?? [] });
  });
  if (problems.length > 0) {
    const shown = problems.slice(0, 20);
    const more = problems.length > shown.length ? `\n  … and ${problems.length - shown.length} more` : '';
    throw new FeedsFileError(`${source}: ${problems.length} problem(s):\n  ${shown.join('\n  ')}${more}`);
  }
  return feeds;
}

function describeEntry(entry: unknown, index: number): string {
  const id =
    entry && typeof entry === 'object' && 'id' in entry && typeof entry.id === 'string'
      ? ` ("${entry.id.slice(0, 64)}")`
      : '';
  return `feeds[${index}]${id}`;
}

/**
 * Reads OPML: every `<outline>` with an `xmlUrl` is a feed. Optional attributes `id`, `kind`
 * (`media` default), `jurisdictions` (comma-separated slugs) and `language` carry our fields.
 */
export function parseOpml(text: string, source: string): FeedDefinition[] {
  const doc = parseDocument(text, { xmlMode: true, decodeEntities: true });
  const outlines: Element[] = [];
  const walk = (nodes: readonly unknown[]): void => {
    for (const node of nodes as Element[]) {
      if (node.type !== 'tag') continue;
      if (node.name.toLowerCase() === 'outline' && node.attribs.xmlUrl) outlines.push(node);
      if (outlines.length > MAX_FEEDS) return;
      walk(node.children);
    }
  };
  walk(doc.children);
  if (outlines.length === 0)
    throw new FeedsFileError(`${source}: no <outline xmlUrl="…"> entries found (is it an OPML file?)`);
  const used = new Set<string>();
  const entries = outlines.map((o) => {
    const a = o.attribs;
    const name = (a.title || a.text || a.xmlUrl || '').trim();
    const id = a.id ?? uniqueId(slugify(name) || slugify(hostOf(a.xmlUrl ?? '')) || 'feed', used);
    used.add(id);
    const entry: Record<string, unknown> = {
      id,
      name,
      url: (a.xmlUrl ?? '').trim(),
      kind: a.kind ?? 'media',
    };
    if (a.jurisdictions)
      entry.jurisdictions = a.jurisdictions
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    if (a.language) entry.language = a.language;
    return entry;
  });
  return validateFeeds({ feeds: entries }, source);
}

function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

function uniqueId(base: string, used: Set<string>): string {
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  return id;
}

/** Loads and validates a feeds file (`.opml`/`.xml` as OPML, anything else as JSON). */
export function loadFeedsFile(path: string): FeedDefinition[] {
  let raw: Buffer;
  try {
    raw = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new FeedsFileError(`feeds file ${path}: cannot be read (${code ?? String(error)})`);
  }
  if (raw.length > MAX_FEEDS_FILE_BYTES)
    throw new FeedsFileError(`feeds file ${path}: larger than ${MAX_FEEDS_FILE_BYTES} bytes`);
  const text = raw.toString('utf8').replace(/^\ufeff/, '');
  const ext = extname(path).toLowerCase();
  if (ext === '.opml' || ext === '.xml' || text.trimStart().startsWith('<')) return parseOpml(text, path);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new FeedsFileError(`feeds file ${path}: not valid JSON (${(error as Error).message})`);
  }
  return validateFeeds(data, path);
}
