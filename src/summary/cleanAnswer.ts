/**
 * Turns a language model's answer into summary text: models add markdown, HTML, "Summary:" labels,
 * quotes and (reasoning models behind OpenAI-compatible servers) `<think>` blocks, whatever the
 * prompt says.
 */

import { sentences } from '../core/summary/sentences.js';
import { squashWhitespace, truncateWithEllipsis } from '../core/summary/truncate.js';
import { BLOCK_ELEMENTS, walkHtml } from '../core/text.js';

/** Elements whose content is never part of the answer. */
const HIDDEN = new Set(['think', 'thinking', 'reasoning', 'script', 'style', 'head', 'title']);

/** HTML to text with a real parser: tags dropped, hidden elements' content dropped, entities decoded. */
function htmlToLines(html: string): string {
  if (!/[<&]/u.test(html)) return html;
  return walkHtml(html, { skipped: HIDDEN, breaking: BLOCK_ELEMENTS, separator: '\n' });
}

/** Markdown markup to its text. Line-based markers first, then inline emphasis, links and code. */
function stripMarkdown(text: string): string {
  return (
    text
      .replace(/^[ \t]*(?:```|~~~)[^\n]*$/gmu, '')
      .replace(/^[ \t]*(?:-{3,}|\*{3,}|_{3,}|={3,})[ \t]*$/gmu, '')
      // A short heading is a label ("## Summary"); a long one is the answer itself.
      .replace(/^[ \t]{0,3}#{1,6}[ \t]+[^\n.!?。！？]{0,40}$/gmu, '')
      .replace(/^[ \t]{0,3}#{1,6}[ \t]+/gmu, '')
      .replace(/^[ \t]{0,3}>[ \t]?/gmu, '')
      .replace(/^[ \t]*(?:[-*+•]|\d{1,2}[.)])[ \t]+/gmu, '')
      .replace(/!\[([^\]\n]*)\]\([^)\n]*\)/gu, '$1')
      .replace(/\[([^\]\n]+)\]\([^)\n]*\)/gu, '$1')
      .replace(/(\*\*|__)(?=\S)([^\n]*?\S)\1/gu, '$2')
      .replace(/(^|[^\p{L}\p{N}*])\*(?=\S)([^*\n]*?\S)\*(?![\p{L}\p{N}])/gmu, '$1$2')
      .replace(/(^|[^\p{L}\p{N}_])_(?=\S)([^_\n]*?\S)_(?![\p{L}\p{N}])/gmu, '$1$2')
      .replace(/~~([^~\n]+)~~/gu, '$1')
      .replace(/`([^`\n]+)`/gu, '$1')
      .replace(/\*\*|__/gu, '')
  );
}

const LABEL =
  /^(?:(?:here(?:'s| is) (?:a |the )?(?:short |brief |neutral )*summary[^:：\n]{0,40}|summary|tl;dr|résumé|resumen|zusammenfassung|摘要|要約|总结|概要)\s*[:：]\s*)/iu;
const QUOTED = /^(["“«「『])([\s\S]+)(["”»」』])$/u;

/**
 * Cleans a model answer and fits it in `maxChars` characters, cutting at the last sentence end
 * that fits, else at a word boundary with "…". Returns `''` when nothing is left.
 */
export function cleanLlmAnswer(answer: string, maxChars = 400, language?: string): string {
  let text = squashWhitespace(stripMarkdown(htmlToLines(answer)));
  text = text.replace(LABEL, '');
  const quoted = QUOTED.exec(text);
  if (quoted?.[2] !== undefined && !/["“”«»「」『』]/u.test(quoted[2])) text = quoted[2].trim();
  if (!/[\p{L}\p{N}]/u.test(text)) return '';
  if (text.length <= maxChars) return text;
  let end = 0;
  for (const sentence of sentences(text, language)) {
    const sentenceEnd = sentence.start + sentence.text.trimEnd().length;
    if (sentenceEnd > maxChars) break;
    end = sentenceEnd;
  }
  return end > 0 ? text.slice(0, end) : truncateWithEllipsis(text, maxChars);
}
