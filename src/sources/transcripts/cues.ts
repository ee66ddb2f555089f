import type { Problem } from '../../episodes/problem.js';
import type { TranscriptCue } from '../../episodes/schema.js';
import type { SetAsideLine } from '../setAside.js';

/**
 * What a transcript reader finds: the cues in time order, a title when the file states one, problems,
 * and every line of text that is no cue's words with the rule that set it aside (headers, notes,
 * rolling captions' repeats, a console's log lines).
 */
export interface TranscriptRead {
  cues: TranscriptCue[];
  /** The file's own title (a WebVTT header, an HTML `<title>`, a plain text's first line), or null. */
  title: string | null;
  problems: Problem[];
  setAside: SetAsideLine[];
}

/** A read that found nothing, with the problem that says why. */
export const refusedRead = (problem: Problem): TranscriptRead => ({
  cues: [],
  title: null,
  problems: [problem],
  setAside: [],
});

/**
 * `hh:mm:ss.mmm`, `mm:ss.mmm`, `h:mm:ss,mmm` (SRT) or `h:mm:ss`: seconds with the fraction kept, or
 * null when malformed (minutes or seconds of 60 or more under a larger unit).
 */
export function parseTimecode(text: string): number | null {
  const match = /^(?:(\d{1,3}):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?$/.exec(text.trim());
  if (!match) return null;
  const [, hours, minutes, seconds, fraction] = match;
  if (Number(seconds) >= 60 || (hours !== undefined && Number(minutes) >= 60)) return null;
  const whole = Number(hours ?? 0) * 3600 + Number(minutes) * 60 + Number(seconds);
  return fraction === undefined ? whole : whole + Number(fraction.padEnd(3, '0')) / 1000;
}

/** A file's lines, without a byte-order mark, whatever its line ends (1-based numbering is `index + 1`). */
export const linesOf = (text: string): string[] => text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);

/** The first non-blank line after line `i` (0-based), or '' — found without copying the rest of the page. */
export function nextNonBlank(lines: readonly string[], i: number): string {
  for (let k = i + 1; k < lines.length; k++) if ((lines[k] ?? '').trim() !== '') return lines[k] ?? '';
  return '';
}

/** Whitespace collapsed; what remains once tags and entities are gone. */
export const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** A name as transcripts write one before a colon: one to four capitalised words, short. */
const SPEAKER_PREFIX = /^(?:>>\s*|-\s+)?(\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}):\s+(?=\S)/u;

/** `Chamath: text` → speaker and text; the text alone when it starts with no name. */
export function splitSpeaker(text: string): { speaker: string | null; text: string } {
  const match = SPEAKER_PREFIX.exec(text);
  if (!match || (match[1] ?? '').length > 40) return { speaker: null, text };
  return { speaker: match[1] ?? null, text: text.slice(match[0].length) };
}

/**
 * Cues as every reader returns them: empty ones dropped, each cue's missing end filled by the next
 * start, and a cue that starts before the previous one warned about and dropped (a transcript is in
 * time order; one that is not has been damaged). A file that yields no cue is refused, saying what
 * was `expected`: without cues a transcript is nothing to search.
 */
export function finishCues(
  file: string,
  found: readonly (TranscriptCue & { line: number | null })[],
  problems: Problem[],
  expected: string,
): TranscriptCue[] {
  const cues: TranscriptCue[] = [];
  for (const { line, ...cue } of found) {
    if (cue.text === '') continue;
    const last = cues.at(-1);
    if (last && cue.start !== null && last.start !== null && cue.start < last.start) {
      problems.push({
        file,
        line,
        message: `cue at ${cue.start}s starts before the previous one (${last.start}s); expected cues in time order, dropped`,
        severity: 'warning',
      });
      continue;
    }
    cues.push(cue);
  }
  if (cues.length === 0)
    problems.push({ file, line: null, message: `no cues found: expected ${expected}`, severity: 'error' });
  return cues.map((cue, i) => (cue.end === null ? { ...cue, end: cues[i + 1]?.start ?? null } : cue));
}
