/**
 * Sentence splitting for summaries: `Intl.Segmenter` (which knows 。！？ and the Unicode sentence
 * rules) plus an abbreviation list, because ICU as shipped with Node splits after "U.S.", "Mr."
 * and "Jan." whenever a capital letter or digit follows.
 */

/** One sentence as found in the text: `start`/`end` are offsets into the text it came from. */
export interface Sentence {
  /** The sentence exactly as in the text, trailing whitespace included. */
  text: string;
  start: number;
  end: number;
}

/** Never end a sentence: titles and Latin shorthands that are always followed by more words. */
const ALWAYS_JOIN = new Set([
  'Mr.',
  'Mrs.',
  'Ms.',
  'Messrs.',
  'Dr.',
  'Prof.',
  'Sen.',
  'Sens.',
  'Rep.',
  'Reps.',
  'Gov.',
  'Gen.',
  'Col.',
  'Lt.',
  'Sgt.',
  'Capt.',
  'Cmdr.',
  'Adm.',
  'Maj.',
  'Rev.',
  'Hon.',
  'Pres.',
  'Supt.',
  'Atty.',
  'Amb.',
  'Sec.',
  'St.',
  'Mt.',
  'Ft.',
  'e.g.',
  'i.e.',
  'cf.',
  'vs.',
  'v.',
  'viz.',
  'approx.',
  'ca.',
  'al.',
  'Ave.',
  'Blvd.',
  'Rd.',
  'Dept.',
  'Fig.',
  'est.',
  'Est.',
  'Mx.',
]);

/** Abbreviations that only continue the sentence when a number follows ("No. 5", "Jan. 10"). */
const JOIN_BEFORE_NUMBER = new Set([
  'No.',
  'Nos.',
  'no.',
  'Art.',
  'Vol.',
  'p.',
  'pp.',
  'Para.',
  'para.',
  'Ch.',
  'Jan.',
  'Feb.',
  'Mar.',
  'Apr.',
  'Jun.',
  'Jul.',
  'Aug.',
  'Sep.',
  'Sept.',
  'Oct.',
  'Nov.',
  'Dec.',
  'Q.',
]);

/**
 * Abbreviations that can also end a sentence ("… sanctioned by the U.S. The move …"): they continue
 * the sentence unless the next word is one that typically opens a sentence.
 */
const JOIN_UNLESS_STARTER = new Set([
  'Inc.',
  'Ltd.',
  'Corp.',
  'Co.',
  'Cos.',
  'Bros.',
  'Plc.',
  'plc.',
  'LLC.',
  'Assn.',
  'Univ.',
  'etc.',
  'Gov’t.',
  'Intl.',
  'Jr.',
  'Sr.',
]);

/** Words that usually open a sentence; after an ambiguous abbreviation they mean "new sentence". */
const SENTENCE_STARTERS = new Set([
  'The',
  'A',
  'An',
  'This',
  'That',
  'These',
  'Those',
  'It',
  'Its',
  'It’s',
  "It's",
  'He',
  'She',
  'They',
  'We',
  'I',
  'You',
  'In',
  'On',
  'At',
  'As',
  'But',
  'And',
  'However',
  'Meanwhile',
  'According',
  'After',
  'Before',
  'While',
  'Last',
  'Earlier',
  'Later',
  'Separately',
  'Also',
  'If',
  'When',
  'Under',
  'For',
  'With',
  'There',
  'Such',
  'Some',
  'Many',
  'Our',
  'His',
  'Her',
  'Their',
  'Both',
  'Despite',
  'Although',
  'Since',
  'Now',
  'Yet',
  'So',
  'Still',
  'Instead',
  'Today',
  'Yesterday',
  'Following',
  'Other',
  'Another',
  'Officials',
  'Analysts',
  'Investors',
  'What',
  'Why',
  'How',
  'Where',
  'Who',
  'Critics',
  'Lawmakers',
  'Regulators',
  'Per',
  'By',
  'From',
  'During',
  'Over',
  'Most',
  'Several',
  // Boilerplate that follows a paragraph ending in "D.C." must stay a sentence of its own.
  'Read',
  'Related',
  'Image',
  'Photo',
  'Source',
  'Disclaimer',
  'Follow',
  'Subscribe',
  'Share',
]);

const DOTTED_ACRONYM = /^(?:\p{L}\.){2,}$/u;
const INITIAL = /^\p{Lu}\.$/u;
const LEADING_PUNCT = /^[("'“‘[«]+/u;

const segmenters = new Map<string, Intl.Segmenter>();

/** Creating a segmenter costs microseconds and the set of feed languages is small: keep one per tag. */
function segmenterFor(language: string | undefined): Intl.Segmenter {
  const key = language ?? '';
  let segmenter = segmenters.get(key);
  if (segmenter === undefined) {
    try {
      segmenter = new Intl.Segmenter(language || 'en', { granularity: 'sentence' });
    } catch {
      // A malformed language tag from a feed must not break summaries.
      segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
    }
    // Bounded so that feeds with garbage language tags cannot grow the map without limit.
    if (segmenters.size < 64) segmenters.set(key, segmenter);
  }
  return segmenter;
}

function lastWord(segment: string): string {
  const trimmed = segment.trimEnd();
  const space = Math.max(trimmed.lastIndexOf(' '), trimmed.lastIndexOf('\u00a0'));
  return trimmed.slice(space + 1).replace(LEADING_PUNCT, '');
}

function firstWord(segment: string): string {
  const trimmed = segment.trimStart();
  const end = trimmed.search(/[\s,;:]/u);
  return end === -1 ? trimmed : trimmed.slice(0, end);
}

/** True when the boundary ICU put between `previous` and `next` falls after an abbreviation. */
function continuesAfterAbbreviation(previous: string, next: string): boolean {
  // A line break is a paragraph break: never glue across it.
  if (/\n\s*$/u.test(previous)) return false;
  const word = lastWord(previous);
  if (!word.endsWith('.')) return false;
  const nextWord = firstWord(next);
  if (nextWord === '') return false;
  if (ALWAYS_JOIN.has(word)) return true;
  if (JOIN_BEFORE_NUMBER.has(word)) return /^\p{Nd}/u.test(nextWord);
  if (INITIAL.test(word)) return /^\p{Lu}/u.test(nextWord);
  if (JOIN_UNLESS_STARTER.has(word) || DOTTED_ACRONYM.test(word)) {
    if (!/^[\p{Lu}\p{Nd}$€£]/u.test(nextWord)) return false;
    return !SENTENCE_STARTERS.has(nextWord);
  }
  return false;
}

/**
 * Yields the sentences of `text` lazily, so a caller that needs only the lede never pays for
 * segmenting the rest of the article.
 */
export function* sentences(text: string, language?: string): Generator<Sentence> {
  const iterator = segmenterFor(language).segment(text)[Symbol.iterator]();
  let pending: Sentence | undefined;
  for (let step = iterator.next(); step.done !== true; step = iterator.next()) {
    const { segment, index } = step.value;
    if (pending !== undefined) {
      if (continuesAfterAbbreviation(pending.text, segment)) {
        pending = { text: pending.text + segment, start: pending.start, end: index + segment.length };
        continue;
      }
      yield pending;
    }
    pending = { text: segment, start: index, end: index + segment.length };
  }
  if (pending !== undefined) yield pending;
}
