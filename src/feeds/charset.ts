/**
 * Bytes to text. Order of evidence, as browsers and feed readers use it: a byte-order mark, then the
 * charset in Content-Type, then the XML prolog's encoding, then UTF-8 — and when bytes are not valid
 * UTF-8 and nothing declared them, windows-1252 (what undeclared Latin feeds almost always are).
 * Node's TextDecoder knows every WHATWG encoding; invalid bytes become U+FFFD, never an exception.
 */

import { TextDecoder } from 'node:util';

export interface DecodedText {
  text: string;
  /** The WHATWG encoding name actually used. */
  encoding: string;
}

/** Returns the charset parameter of a Content-Type header, if any. */
export function charsetFromContentType(contentType: string | null | undefined): string | undefined {
  if (!contentType) return undefined;
  const m = /;\s*charset\s*=\s*"?([\w.:-]+)"?/i.exec(contentType);
  return m?.[1];
}

/** windows-1252's 0x80–0x9F, which differ from ISO-8859-1's C1 controls (undefined bytes stay as they are). */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * windows-1252 decoding done by hand: Node 20's TextDecoder treats the label as ISO-8859-1 and
 * turns smart quotes and the euro sign into C1 control characters.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(/[\u0080-\u009f]/g, (ch) => CP1252_HIGH[ch.charCodeAt(0) - 0x80] ?? ch);
}

function decode(decoder: TextDecoder, bytes: Uint8Array): string {
  return decoder.encoding === 'windows-1252' ? decodeWindows1252(bytes) : decoder.decode(bytes);
}

function decoderFor(label: string | undefined): TextDecoder | undefined {
  if (!label) return undefined;
  try {
    return new TextDecoder(label.trim().toLowerCase());
  } catch {
    return undefined;
  }
}

/** Reads the encoding pseudo-attribute of an XML declaration written in an ASCII-compatible encoding. */
function prologEncoding(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024)).toString('latin1');
  const m = /^\s*<\?xml[^>]*?encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  return m?.[1];
}

/** Decodes feed bytes to a string. Never throws. */
export function decodeFeedBytes(bytes: Uint8Array, contentType?: string | null): DecodedText {
  // 1. Byte-order marks win over every declaration.
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  // UTF-16 without a BOM: "<" followed or preceded by a NUL byte.
  if (bytes.length >= 4 && bytes[0] === 0x3c && bytes[1] === 0 && bytes[2] !== 0) {
    return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
  }
  if (bytes.length >= 4 && bytes[0] === 0 && bytes[1] === 0x3c && bytes[3] !== 0) {
    return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' };
  }
  // 2. Content-Type, then 3. the XML prolog. A declared UTF-16 on bytes without a BOM is almost
  // always a lie by a server that transcoded to UTF-8, so it is not trusted.
  for (const label of [charsetFromContentType(contentType), prologEncoding(bytes)]) {
    const decoder = decoderFor(label);
    if (decoder && !decoder.encoding.startsWith('utf-16')) {
      if (decoder.encoding === 'utf-8') break;
      return { text: decode(decoder, bytes), encoding: decoder.encoding };
    }
  }
  // 4. UTF-8 if the bytes are valid UTF-8, else windows-1252.
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Declared (or assumed) UTF-8 but invalid: a few stray bytes in otherwise UTF-8 text are kept as
    // U+FFFD; a document that is mostly non-UTF-8 high bytes is windows-1252.
    const lenient = new TextDecoder('utf-8').decode(bytes);
    const bad = countReplacement(lenient);
    const high = countHighBytes(bytes);
    if (bad > 0 && bad * 4 >= high) {
      return sniffCjk(bytes) ?? { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
    }
    return { text: lenient, encoding: 'utf-8' };
  }
}

function countReplacement(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\ufffd'); i !== -1; i = text.indexOf('\ufffd', i + 1)) n++;
  return n;
}

function countHighBytes(bytes: Uint8Array): number {
  let n = 0;
  for (const b of bytes) if (b >= 0x80) n++;
  return n;
}

/** Undeclared East Asian multi-byte encodings, tried strictly; the one that yields the most CJK text wins. */
const CJK_CANDIDATES = ['gb18030', 'big5', 'shift_jis', 'euc-kr', 'euc-jp'];
const CJK_CHAR = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]/g;

function sniffCjk(bytes: Uint8Array): DecodedText | undefined {
  let best: DecodedText | undefined;
  let bestScore = 0;
  const sample = bytes.subarray(0, 64 * 1024);
  for (const encoding of CJK_CANDIDATES) {
    let text: string;
    try {
      text = new TextDecoder(encoding, { fatal: true }).decode(sample);
    } catch {
      continue;
    }
    const cjk = text.match(CJK_CHAR)?.length ?? 0;
    // Real CJK text decodes to mostly common ideographs/kana/hangul; a wrong guess yields rarer
    // symbols and Latin-1 look-alikes, so the share of CJK characters among non-ASCII ones decides.
    let nonAscii = 0;
    for (const ch of text) if (ch.charCodeAt(0) > 0x7f) nonAscii++;
    let score = nonAscii === 0 ? 0 : cjk / nonAscii;
    // Japanese decoded as Chinese yields ideographs only; decoded right it yields kana. Likewise hangul.
    if ((encoding === 'shift_jis' || encoding === 'euc-jp') && /[\u3040-\u30ff]/.test(text)) score += 0.2;
    // Korean text is overwhelmingly hangul; Chinese bytes read as EUC-KR come out as a hangul/hanja mix.
    if (encoding === 'euc-kr') {
      const hangul = text.match(/[\uac00-\ud7af]/g)?.length ?? 0;
      score = cjk > 0 && hangul / cjk > 0.8 ? score + 0.2 : score * 0.5;
    }
    if (score > bestScore + 0.05) {
      bestScore = score;
      best = { text: '', encoding };
    }
  }
  if (!best || bestScore < 0.6) return undefined;
  return { text: new TextDecoder(best.encoding).decode(bytes), encoding: best.encoding };
}
