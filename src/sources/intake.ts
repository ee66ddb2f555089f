import { decodeHTML } from 'entities';
import type { Problem } from '../episodes/problem.js';

/** Sources larger than this are refused unread: no episode page comes near it. */
export const MAX_SOURCE_BYTES = 5 * 1024 * 1024;

/** A source's text as lines (1-based numbering is `index + 1`), clean enough for every reader. */
export interface SourceText {
  lines: string[];
  problems: Problem[];
}

const error = (file: string, message: string, line: number | null = null): Problem => ({
  file,
  line,
  message,
  severity: 'error',
});

/**
 * Turns raw bytes into lines every reader can trust: refuses what is too large, empty or binary;
 * strips a byte-order mark; accepts CRLF and lone CR; decodes HTML entities (`&amp;`, `&#8217;`).
 */
export function intakeSource(file: string, content: Buffer | string): SourceText {
  const size = typeof content === 'string' ? Buffer.byteLength(content) : content.length;
  if (size > MAX_SOURCE_BYTES) {
    return {
      lines: [],
      problems: [error(file, `file is ${size} bytes; the limit is ${MAX_SOURCE_BYTES} bytes (5 MB)`)],
    };
  }
  const text = typeof content === 'string' ? content : content.toString('utf8');
  if (text.includes('\u0000') || replacementShare(text) > 0.1) {
    return { lines: [], problems: [error(file, 'file is binary; expected UTF-8 text or JSON')] };
  }
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((line) => decodeHTML(line));
  if (lines.every((line) => line.trim() === '')) {
    return { lines: [], problems: [error(file, 'file is empty; expected an episode page or episode JSON')] };
  }
  return { lines, problems: [] };
}

/** The share of characters that failed UTF-8 decoding; real text has none or almost none. */
function replacementShare(text: string): number {
  if (text.length === 0) return 0;
  let bad = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0xfffd) bad++;
  return bad / text.length;
}
