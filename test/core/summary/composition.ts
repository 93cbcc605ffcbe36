/**
 * Checks that a summary invents nothing: it must split into pieces, joined by single spaces, that
 * each occur in the input (title or body, whitespace collapsed). Only a final "…" may be added.
 */
export function composedOfInput(summary: string, input: { title: string; body: string }): boolean {
  const source = `${input.title}\n${input.body}`.replace(/\s+/gu, ' ');
  const text = summary.endsWith('…') && !source.includes(summary) ? summary.slice(0, -1) : summary;
  let position = 0;
  while (position < text.length) {
    // Longest prefix of the rest that occurs in the input (occurrence is monotone in length).
    let low = 0;
    let high = text.length - position;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (source.includes(text.slice(position, position + mid))) low = mid;
      else high = mid - 1;
    }
    // A piece must be a real stretch of text, not letters picked one by one.
    if (low < Math.min(12, text.length - position)) return false;
    position += low;
    if (text[position] === ' ') position++;
  }
  return true;
}
