/**
 * Dates as feeds write them. RFC 822 and ISO 8601 are the rule; regulators and non-English feeds
 * break it (FCA's long-form dates, Portuguese day names, two-digit years, "EST", 年月日).
 */

const MONTHS: Record<string, number> = {};
// English, Portuguese, Spanish, French, German, Italian, Dutch: the languages our feeds come in.
const MONTH_NAMES: string[][] = [
  ['jan', 'january', 'janeiro', 'enero', 'janvier', 'januar', 'jänner', 'gennaio', 'januari', 'ene'],
  [
    'feb',
    'february',
    'fevereiro',
    'fev',
    'febrero',
    'février',
    'fevrier',
    'févr',
    'februar',
    'febbraio',
    'februari',
    'feb',
  ],
  ['mar', 'march', 'março', 'marco', 'marzo', 'mars', 'märz', 'maerz', 'mär', 'maart', 'mrt'],
  ['apr', 'april', 'abril', 'abr', 'avril', 'avr', 'aprile'],
  ['may', 'maio', 'mai', 'mayo', 'maggio', 'mei', 'mag'],
  ['jun', 'june', 'junho', 'junio', 'juin', 'juni', 'giugno', 'giu'],
  ['jul', 'july', 'julho', 'julio', 'juillet', 'juil', 'juli', 'luglio', 'lug'],
  ['aug', 'august', 'agosto', 'ago', 'août', 'aout', 'augustus'],
  ['sep', 'sept', 'september', 'setembro', 'set', 'septiembre', 'septembre', 'settembre'],
  ['oct', 'october', 'outubro', 'out', 'octubre', 'octobre', 'oktober', 'okt', 'ottobre', 'ott'],
  ['nov', 'november', 'novembro', 'noviembre', 'novembre'],
  ['dec', 'december', 'dezembro', 'dez', 'diciembre', 'dic', 'décembre', 'decembre', 'dezember', 'dicembre'],
];
MONTH_NAMES.forEach((names, index) => {
  for (const name of names) MONTHS[name] = index;
});

const DAY_NAMES = new Set([
  'mon',
  'monday',
  'tue',
  'tues',
  'tuesday',
  'wed',
  'wednesday',
  'thu',
  'thur',
  'thurs',
  'thursday',
  'fri',
  'friday',
  'sat',
  'saturday',
  'sun',
  'sunday',
  'seg',
  'segunda',
  'ter',
  'terça',
  'terca',
  'qua',
  'quarta',
  'qui',
  'quinta',
  'sex',
  'sexta',
  'sáb',
  'sab',
  'sábado',
  'sabado',
  'dom',
  'domingo',
  'lun',
  'lunes',
  'mar',
  'martes',
  'mié',
  'mie',
  'miércoles',
  'miercoles',
  'jue',
  'jueves',
  'vie',
  'viernes',
  'lundi',
  'mardi',
  'mercredi',
  'jeudi',
  'vendredi',
  'samedi',
  'dimanche',
  'mo',
  'di',
  'mi',
  'do',
  'fr',
  'sa',
  'so',
  'montag',
  'dienstag',
  'mittwoch',
  'donnerstag',
  'freitag',
  'samstag',
  'sonntag',
  'feira',
]);

/** Offsets in minutes for the zone abbreviations feeds use. */
const ZONES: Record<string, number> = {
  z: 0,
  ut: 0,
  utc: 0,
  gmt: 0,
  bst: 60,
  ist: 330,
  cet: 60,
  cest: 120,
  eet: 120,
  eest: 180,
  wet: 0,
  west: 60,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
  jst: 540,
  kst: 540,
  hkt: 480,
  sgt: 480,
  aest: 600,
  aedt: 660,
  brt: -180,
};

const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

/**
 * Parses a feed date. Returns epoch milliseconds, or null when the text holds no date we can trust.
 * A date without a zone is taken as UTC.
 */
export function parseFeedDate(raw: unknown): number | null {
  if (typeof raw !== 'string') return null;
  const text = raw.trim().slice(0, 100);
  if (text === '') return null;
  // A string in ISO form is judged as ISO only: Date.parse would roll 2025-02-31 over into March.
  if (ISO.test(text)) return valid(parseIso(text));
  return valid(parseCjk(text)) ?? valid(parseLoose(text)) ?? valid(Date.parse(text));
}

function valid(ms: number | null | undefined): number | null {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return null;
  const year = new Date(ms).getUTCFullYear();
  return year >= MIN_YEAR && year <= MAX_YEAR ? ms : null;
}

const ISO =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function parseIso(text: string): number | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  return build(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h ?? 0),
    Number(mi ?? 0),
    Number(s ?? 0),
    ms,
    zoneOffset(zone),
  );
}

const CJK = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日(?:\s*(\d{1,2})\s*[:時时]\s*(\d{1,2}))?/;

function parseCjk(text: string): number | null {
  const m = CJK.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi] = m;
  return build(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), 0, 0, 0);
}

function zoneOffset(zone: string | undefined): number | null {
  if (!zone) return 0;
  const lower = zone.toLowerCase();
  if (lower in ZONES) return ZONES[lower] ?? 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  if (minutes > 14 * 60) return null;
  return m[1] === '-' ? -minutes : minutes;
}

/** Day-month-year in any order feeds use, month by name or number, optional time and zone. */
function parseLoose(text: string): number | null {
  const tokens = text
    .toLowerCase()
    .replace(/(\d)(st|nd|rd|th)\b/g, '$1')
    .replace(/\b(at|um|à|às|de|del|le)\b/g, ' ')
    .split(/[\s,]+|(?<=\D)\.(?=\s|$)/)
    .filter((t) => t !== '' && t !== '-' && t !== '|');
  let day: number | undefined;
  let month: number | undefined;
  let year: number | undefined;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let offset: number | null = 0;
  let pm: boolean | undefined;
  const bare: number[] = [];
  for (const rawToken of tokens) {
    const token = rawToken.replace(/\.$/, '');
    // Months before day names: "mar" is March far more often than Spanish "martes".
    if (token in MONTHS && month === undefined) {
      month = MONTHS[token];
      continue;
    }
    if (DAY_NAMES.has(token)) continue;
    if (token === 'am' || token === 'pm') {
      pm = token === 'pm';
      continue;
    }
    let m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?(am|pm)?$/.exec(token);
    if (m) {
      hour = Number(m[1]);
      minute = Number(m[2]);
      second = Number(m[3] ?? 0);
      if (m[4]) pm = m[4] === 'pm';
      continue;
    }
    m = /^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})$/.exec(token);
    if (m) {
      const a = Number(m[1]);
      const b = Number(m[2]);
      const c = Number(m[3]);
      if ((m[1] ?? '').length === 4) [year, month, day] = [a, b - 1, c];
      else if (a > 12) [day, month, year] = [a, b - 1, fullYear(c, m[3] ?? '')];
      else if (b > 12) [month, day, year] = [a - 1, b, fullYear(c, m[3] ?? '')];
      else [day, month, year] = [a, b - 1, fullYear(c, m[3] ?? '')]; // day first: UK, EU, Asia
      continue;
    }
    if (/^[+-]\d{2}:?\d{2}$/.test(token) || token in ZONES) {
      offset = zoneOffset(token);
      continue;
    }
    m = /^(?:gmt|utc)([+-]\d{1,2})(?::?(\d{2}))?$/.exec(token);
    if (m) {
      const h = Number(m[1]);
      offset = h * 60 + Math.sign(h || 1) * Number(m[2] ?? 0);
      continue;
    }
    if (/^\d{1,4}$/.test(token)) {
      bare.push(Number(token));
      if (token.length === 4 && Number(token) >= MIN_YEAR && year === undefined) {
        year = Number(token);
        bare.pop();
      }
      continue;
    }
    // An unknown word: give up rather than guess.
    return null;
  }
  for (const n of bare) {
    if (day === undefined && n >= 1 && n <= 31) day = n;
    else if (year === undefined) year = n < 100 ? 2000 + n : n;
    else if (n >= 0 && n <= 2359 && hour === 0 && minute === 0) {
      // "1500" in RFC 822's two-digit-year era.
      hour = Math.floor(n / 100);
      minute = n % 100;
    } else return null;
  }
  if (day === undefined || month === undefined || year === undefined || offset === null) return null;
  if (pm === true && hour < 12) hour += 12;
  if (pm === false && hour === 12) hour = 0;
  return build(year, month, day, hour, minute, second, 0, offset);
}

function fullYear(n: number, digits: string): number {
  return digits.length <= 2 ? 2000 + n : n;
}

function build(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  ms: number,
  offsetMinutes: number | null,
): number | null {
  if (offsetMinutes === null) return null;
  if (mo < 0 || mo > 11 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 60) return null;
  const utc = Date.UTC(y, mo, d, h, mi, s, ms);
  // Reject 31 February and friends instead of letting Date roll them over.
  if (new Date(Date.UTC(y, mo, d)).getUTCMonth() !== mo) return null;
  return utc - offsetMinutes * 60_000;
}
