/**
 * The taxonomy as users see it: the topic list, name → topic resolution for slash-command options,
 * and the label list for Discord autocomplete.
 */

import { normalizeText } from './matcher.js';
import { TOPIC_DEFINITIONS, type Topic } from './taxonomy.js';

/** The whole taxonomy: jurisdictions first, then themes. Aliases are places and actors, or theme synonyms. */
export const TOPICS: readonly Topic[] = TOPIC_DEFINITIONS.map((def) => ({
  slug: def.slug,
  name: def.name,
  kind: def.kind,
  aliases: unique([...(def.places ?? []), ...(def.actors ?? []), ...(def.aliases ?? [])]),
}));

function unique(values: readonly string[]): readonly string[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = lookupKey(v);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Case-, width-, punctuation- and whitespace-insensitive key: 'Hong  Kong', 'hong-kong', 'ＨＯＮＧ ＫＯＮＧ' are one. */
function lookupKey(input: string): string {
  return normalizeText(input)
    .toLowerCase()
    .replace(/[\s\-_]+/gu, ' ')
    .trim();
}

let byKey: Map<string, Topic> | undefined;

function index(): Map<string, Topic> {
  if (byKey) return byKey;
  byKey = new Map();
  // Slugs and names first, so an alias can never shadow another topic's own slug or name.
  for (const t of TOPICS)
    for (const k of [t.slug, t.name]) if (!byKey.has(lookupKey(k))) byKey.set(lookupKey(k), t);
  for (const t of TOPICS) for (const a of t.aliases) if (!byKey.has(lookupKey(a))) byKey.set(lookupKey(a), t);
  return byKey;
}

/**
 * Resolves what a user typed to a topic: a slug, a name or any alias ('china', 'China', '中国', 'pboc',
 * 'PBoC' → china). Ignores case, width and spacing. Returns undefined for anything else, including
 * free text that merely contains a topic word ('binance lawsuit').
 */
export function resolveTopic(input: string): Topic | undefined {
  const key = lookupKey(input);
  return key ? index().get(key) : undefined;
}

/**
 * Every slug, name and alias once, each with the slug it selects, in taxonomy order: what a Discord
 * autocomplete filters as the user types. "Once" uses resolveTopic's comparison, so 'China' stands
 * for 'china' and 'Hong Kong' for 'hong-kong' (the name is offered first, being the readable form).
 */
export function topicAliasesForAutocomplete(): readonly { label: string; slug: string }[] {
  // The taxonomy is fixed: built once, not on every keystroke of an autocomplete.
  autocompleteList ??= buildAutocompleteList();
  return autocompleteList;
}
let autocompleteList: readonly { label: string; slug: string }[] | undefined;

function buildAutocompleteList(): { label: string; slug: string }[] {
  const seen = new Set<string>();
  const out: { label: string; slug: string }[] = [];
  for (const t of TOPICS) {
    for (const label of [t.name, t.slug, ...t.aliases]) {
      const key = lookupKey(label);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ label, slug: t.slug });
    }
  }
  return out;
}
