/**
 * Outlets' boilerplate in feed bodies: disclaimers, author bios, share prompts, bylines, image
 * credits, "Read more" links. Bodies arrive as flat text (paragraph breaks collapsed to spaces), so
 * nothing here may rely on line structure; `\n` separators are honoured when present.
 *
 * Everything here only ever deletes text: the summary must be made of the input's own words.
 */

/** One regex matching wherever any of `patterns` matches (their own flags are replaced by `flags`). */
function combine(patterns: RegExp[], flags: string): RegExp {
  return new RegExp(patterns.map((pattern) => `(?:${pattern.source})`).join('|'), flags);
}

/** Stock-photo agencies and other credits that end an image caption we can delete precisely. */
const CREDIT_SOURCE =
  '(?:Shutterstock|Getty Images|Getty|Unsplash|Pexels|Pixabay|iStock(?:photo)?|Adobe Stock|Reuters|' +
  'AP Photo|Associated Press|AFP|Bloomberg|EPA|Xinhua|Wikimedia Commons|Wikimedia|Wikipedia|Flickr|' +
  'Midjourney|DALL[-·]?E|Canva|Freepik|Dreamstime|Depositphotos|123RF|Alamy|Envato|TradingView(?:\\.com)?|' +
  'CoinMarketCap|CoinGecko|CoinGlass|Cointelegraph|CoinDesk|Decrypt|The Block|Bitcoinist|NewsBTC)';

const CAPTION_LABEL =
  '(?:Image|Images|Photo|Photos|Photograph|Picture|Illustration|Cover image|Cover photo|Featured image|' +
  'Header image|Hero image|Image credit|Photo credit|Credit|Credits|Source)';

/**
 * Junk that can sit anywhere in the text and is deleted where it stands. Each pattern must know
 * exactly where the junk ends, or it would eat article text.
 */
const INLINE_JUNK: RegExp[] = [
  // Google AdSense snippets that leak into feeds as text.
  /\(\s*adsbygoogle\s*=\s*window\.adsbygoogle\s*\|\|\s*\[\s*\]\s*\)\s*\.push\(\s*\{\s*\}\s*\)\s*;?/g,
  /\(?\b(?:Photo|Image|Picture) by [^.\n]{1,60}? on (?:Unsplash|Pexels|Pixabay)\)?/gi,
  new RegExp(
    `\\(?\\b${CAPTION_LABEL}(?:\\s+(?:credit|by|via|courtesy of|from))?\\s*[:：]\\s*${CREDIT_SOURCE}` +
      `(?:\\s*(?:/|,|&|and|via)\\s*${CREDIT_SOURCE})*\\)?`,
    'g',
  ),
  new RegExp(
    `\\(?\\b(?:Image|Photo|Picture|Illustration)s? (?:via|by|from|courtesy of) ${CREDIT_SOURCE}\\)?`,
    'g',
  ),
];

/**
 * Where the article is over: everything from the first match on is boilerplate (trailing sections
 * such as disclaimers and bios, or the tail of an excerpt). Case matters where the words also
 * occur in ordinary prose ("About the author" vs "talked about the author").
 */
const TERMINAL_MARKERS: RegExp[] = [
  /\bThe post [^\n]{1,400}? appeared first on\b/,
  /\b(?:Disclaimer|DISCLAIMER)\b\s*(?:[:：\-–—]|(?=\s*\p{Lu}))/u,
  /\bDisclosure\s*[:：]/i,
  /\bAbout (?:[Tt]he )?(?:[Aa]uthors?|[Ww]riter)\b/,
  /\bAuthor(?:'s)? [Bb]io\b/,
  /\b(?:let us know|tell us|share your (?:thoughts|views|opinion)|sound off)\b[^.!?\n]{0,60}?\bin the comments?\b/i,
  /\b[Ff]ollow (?:us|\p{Lu}\p{L}+) on (?:Twitter|X|Facebook|Telegram|LinkedIn|Instagram|Google News|Threads|YouTube|Bluesky)\b/u,
  /\bFOLLOW US\b/,
  /\bJoin (?:us|our)\b[^.!?\n]{0,30}?\b(?:Telegram|Discord|WhatsApp|community|channel)\b/i,
  /\b(?:Subscribe|Sign up)(?: now| today)? (?:to|for) (?:our|the)\b[^.!?\n]{0,40}?\b(?:newsletters?|channel|podcast|updates|feed)\b/i,
  // Newsletter promos: "Decrypt's Daily Debrief Newsletter Start every day with …".
  // (Matched from the word "Newsletter", which a regex finds fast, not from the capitalised name.)
  /\bNewsletter\b(?<=\p{Lu}[\p{L}'’]* Newsletter)/u,
  /\bnewsletters?\b[^.!?\n]{0,60}?\b(?:inbox|sign up|subscribe)\b/i,
  /\bShare (?:this|the) (?:article|post|story)\b/i,
  /\bShare on (?:Twitter|Facebook|LinkedIn|X|Telegram|WhatsApp)\b/i,
  /\(?\b(?:Additional )?Reporting by\b/,
  /\bEditing by\b/,
  /\bWritten by\b/,
  /\b(?:Continue|Keep) reading\b/i,
  /\bRead (?:the )?(?:full|whole|original) (?:story|article|post|report)\b/i,
  /\bThis (?:article|story|post) (?:was )?(?:originally |first )?(?:appeared|published|posted)\b/i,
  /\bFeatured [Ii]mage (?:from|via|by|courtesy)\b/,
];

/** Markers that cut an excerpt short: the sentence before them is unfinished. */
const TRUNCATION_MARKERS = /\[\s*(?:…|\.\.\.|&hellip;|&#8230;)\s*\]|\bRead [Mm]ore\s*(?:»|›|→|\.\.\.|…)/gu;

/**
 * The markers as two alternations (case-sensitive and not): two scans of the text instead of one
 * per marker, which made this the slowest step of a summary.
 */
const TERMINAL_CASED = combine(
  TERMINAL_MARKERS.filter((pattern) => !pattern.flags.includes('i')),
  'gu',
);
const TERMINAL_UNCASED = combine(
  TERMINAL_MARKERS.filter((pattern) => pattern.flags.includes('i')),
  'gi',
);

/**
 * Sentences to drop while reading on: link lines, captions and reader prompts. In flat text a
 * "Related: <headline>" runs into the next paragraph's first sentence, so the whole sentence goes
 * — losing a sentence is acceptable, printing a foreign headline is not.
 */
const DROP_SENTENCE: RegExp[] = [
  /^(?:Read more|Read also|Also read|See also|Related(?: articles?| stories| news| reading)?|Recommended|Must read|Suggested|Trending|Editor['’]s picks?|Don['’]t miss|More from [\p{L} ]{1,30}|Also see|Further reading)\s*[:：|»›→-]/iu,
  /^(?:READ MORE|RELATED|ALSO READ|SEE ALSO)\b/u,
  new RegExp(`^\\(?${CAPTION_LABEL}(?:\\s+(?:credit|by|via|courtesy of|from))?\\s*[:：]`, 'i'),
  /^\(?(?:Photo|Image|Picture|Illustration)s? (?:by|via|courtesy of)\b/i,
  /\b(?:not|nor|no)\b[^.!?\n]{0,40}?\b(?:financial|investment|trading|legal|tax) advice\b/i,
  /\bdo your own (?:market )?research\b|\bDYOR\b/i,
  /\bopinions? expressed\b/i,
  /\bfor (?:general )?informational (?:and educational )?purposes only\b/i,
  /^(?:Advertisement|ADVERTISEMENT|Sponsored|Story continues below|Scroll to continue|Skip to content)\b/,
  /^(?:Listen|Watch)(?: to)? (?:this|the) (?:article|story|episode|video)\b/i,
  /adsbygoogle/,
];

/** Sentences that open a reader prompt or a closing section: stop reading there. */
const STOP_SENTENCE: RegExp[] = [
  /^(?:What do you think|What are your thoughts|What's your take|Do you think|Do you agree|Where do you think|How do you feel|Share your thoughts)\b/i,
];

/**
 * Prefixes that sit before the lede: bylines, dates, reading times, "Key takeaways" headings and
 * image credits. Removed repeatedly from the start only.
 */
const LEADING_JUNK: RegExp[] = [
  /^(?:(?:Published|Updated|Posted|Last updated)(?: on)?\s*[:：]?\s*)(?:\p{Lu}\p{Ll}{2,8}\.? \d{1,2},? \d{4}|\d{1,2} \p{Lu}\p{Ll}{2,8}\.? \d{4}|\d{4}-\d{2}-\d{2}|\d+ (?:minutes?|mins?|hours?|days?) ago)(?:,?\s*(?:at\s*)?\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:UTC|GMT|ET|EST|EDT|BST|CET|CEST|HKT|JST|SGT))?)?\s*[|•·–—-]?\s*/u,
  /^\d{1,3}\s*(?:min|mins|minute|minutes)\.? read\b\s*[|•·–—-]?\s*/i,
  /^(?:Key [Tt]akeaways|In [Bb]rief|Quick [Tt]ake|TL;DR|Highlights|In this article|Summary)\s*[:：]?\s+/,
  new RegExp(
    `^\\(?(?:${CAPTION_LABEL}(?:\\s+(?:credit|by|via|courtesy of|from))?\\s*[:：]?\\s*)?${CREDIT_SOURCE}` +
      `(?:\\s*(?:/|,|&|and|via)\\s*${CREDIT_SOURCE})*\\)?\\s*[|•·–—-]?\\s*`,
  ),
  /^[|•·–—\-:\s]+/,
];

const BYLINE_START = /^(?:By|BY|Written by|Words by|Posted by|Reported by|Author\s*[:：])\s+/;
const NAME_TOKEN = /^(?:\p{Lu}[\p{L}'’.-]*|de|da|van|von|der|del|la|le|bin)$/u;
/** Capitalised words that open a phrase such as "By December, …" rather than a name. */
const NOT_A_NAME = new Set([
  'The',
  'A',
  'An',
  'This',
  'That',
  'These',
  'Its',
  'Our',
  'Their',
  'His',
  'Her',
  'Then',
  'Now',
  'Law',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
  'Jan.',
  'Feb.',
  'Mar.',
  'Apr.',
  'Aug.',
  'Sept.',
  'Oct.',
  'Nov.',
  'Dec.',
  'Contrast',
  'Comparison',
]);
const BYLINE_END =
  /^(?:[|•·–—,;:-]|Updated\b|Published\b|Posted\b|Staff\b|Reporter\b|Editor\b|Contributor\b|and\b|&)/u;
const WORD = /\S+/gu;

/** Length of one author's name at the start of `text` (which starts at a word), or 0. */
function nameLength(text: string): number {
  WORD.lastIndex = 0;
  const words: Array<{ word: string; end: number }> = [];
  for (let match = WORD.exec(text); match !== null && words.length < 6; match = WORD.exec(text)) {
    words.push({ word: match[0], end: match.index + match[0].length });
  }
  let taken = 0;
  let separated = false;
  for (const { word } of words) {
    const bare = word.replace(/[,;|]$/u, '');
    if (taken === 4 || !NAME_TOKEN.test(bare) || NOT_A_NAME.has(bare)) break;
    taken++;
    if (bare !== word) {
      separated = true;
      break;
    }
  }
  if (taken < 2) return 0;
  if (!separated) {
    const after = words[taken]?.word;
    // In flat text the byline runs into the lede ("By Jane Doe The SEC sued …"): unless something
    // that ends a byline follows, a name is two words, three when the middle one is an initial.
    if (after !== undefined && !BYLINE_END.test(after)) {
      taken = Math.min(taken, /^\p{Lu}\.$/u.test(words[1]?.word ?? '') ? 3 : 2);
    }
  }
  const last = words[taken - 1];
  return last === undefined ? 0 : last.end - (separated ? 1 : 0);
}

/** Removes a byline ("By Jane Doe", "By Jane Doe and John Smith | Mar 5, 2024") at the start. */
function stripByline(text: string): string {
  const start = BYLINE_START.exec(text);
  if (start === null) return text;
  let position = start[0].length;
  for (let author = 0; author < 8; author++) {
    const length = nameLength(text.slice(position, position + 200));
    if (length === 0) return author === 0 ? text : text.slice(position);
    position += length;
    // "Oliver Chang (Security Engineer, Chrome)": a role in parentheses belongs to the byline.
    const role = /^\s*\([^()]{1,80}\)/u.exec(text.slice(position, position + 90));
    if (role !== null) position += role[0].length;
    const joiner = /^\s*(?:,|;|and\b|&)\s*(?:and\s+)?(?=\p{Lu})/u.exec(text.slice(position, position + 20));
    if (joiner === null) break;
    position += joiner[0].length;
  }
  return text.slice(position).replace(/^[\s.,;|•·–—-]+/u, '');
}

/** Deletes image credits and ad snippets wherever they stand. */
export function removeInlineJunk(text: string): string {
  let out = text;
  for (const pattern of INLINE_JUNK) {
    pattern.lastIndex = 0;
    if (pattern.test(out)) {
      pattern.lastIndex = 0;
      out = out.replace(pattern, ' ');
    }
  }
  return out;
}

/** Removes bylines, dates, reading times and credits that precede the lede. */
export function stripLeadingJunk(text: string): string {
  let out = text.trimStart();
  for (let round = 0; round < 8; round++) {
    const before = out;
    out = stripByline(out);
    for (const pattern of LEADING_JUNK) out = out.replace(pattern, '');
    out = out.trimStart();
    if (out === before) break;
  }
  return out;
}

/** Where trailing boilerplate begins, and whether it cut an excerpt short mid-sentence. */
export interface BoilerplateTail {
  /** Index of the first boilerplate character, or the text's length when there is none. */
  index: number;
  /** True for "[…]" and "Read more…": the words before them are an unfinished sentence. */
  truncated: boolean;
}

/** First match of `pattern` after the start of `text` and before `limit`, or -1. */
function firstMarker(pattern: RegExp, text: string, limit: number): number {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null && match.index < limit; match = pattern.exec(text)) {
    // A marker at the very start is not a tail; sentence filtering handles it.
    if (match.index > 0) return match.index;
    pattern.lastIndex = match.index + 1;
  }
  return -1;
}

/**
 * Finds the trailing boilerplate (disclaimer, bio, "The post … appeared first on …", "[…]").
 * Everything from the first marker on is boilerplate.
 */
export function boilerplateTail(text: string): BoilerplateTail {
  let index = text.length;
  for (const pattern of [TERMINAL_CASED, TERMINAL_UNCASED]) {
    const found = firstMarker(pattern, text, index);
    if (found !== -1) index = found;
  }
  const truncation = firstMarker(TRUNCATION_MARKERS, text, index);
  return truncation === -1 ? { index, truncated: false } : { index: truncation, truncated: true };
}

/** Index where the trailing boilerplate begins, or `text.length`. */
export function boilerplateTailIndex(text: string): number {
  return boilerplateTail(text).index;
}

/** What to do with one sentence of the lede. */
export type SentenceVerdict = 'keep' | 'drop' | 'stop';

/** Classifies a sentence (whitespace already collapsed and trimmed). */
export function judgeSentence(sentence: string): SentenceVerdict {
  for (const pattern of STOP_SENTENCE) if (pattern.test(sentence)) return 'stop';
  for (const pattern of DROP_SENTENCE) if (pattern.test(sentence)) return 'drop';
  // A sentence with no letters or digits ("…", "—", "###") says nothing.
  if (!/[\p{L}\p{N}]/u.test(sentence)) return 'drop';
  return 'keep';
}

/**
 * Strips boilerplate from a whole text (for example before sending it to a language model): inline
 * junk, leading bylines and credits, and everything from the first trailing-boilerplate marker on.
 * Sentence-level filtering is not applied here.
 */
export function stripBoilerplate(text: string): string {
  const cleaned = stripLeadingJunk(removeInlineJunk(text));
  return cleaned.slice(0, boilerplateTailIndex(cleaned)).trim();
}
