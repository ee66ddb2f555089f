import { decodeHTML } from 'entities';
import type { TranscriptCue } from '../../episodes/schema.js';
import type { SetAsideLine } from '../setAside.js';
import {
  type TranscriptRead,
  finishCues,
  linesOf,
  nextNonBlank,
  parseTimecode,
  splitSpeaker,
  squash,
} from './cues.js';

/**
 * Plain-text transcripts (`.transcript.txt`, and the transcript part of a page): a cue starts at a line
 * with a stamp, in any of the forms below; lines without one continue it. Lines before the first cue
 * are a header, whose first line is the title.
 * - `[1:02:03] text`, `(1:02:03) text`, `1:02:03 text`, `00:00:00.000 | text`, `0:12 - text`;
 * - any of those with the speaker first: `1:02:03 Chamath: text`, `[12:04] Jason: text`;
 * - the speaker and the stamp alone on a line, the words on the next lines: `Chamath (00:01:48)`,
 *   `Chamath [1:48]`, `[00:01:48] Chamath`.
 */

const CODE = String.raw`(?:\d{1,3}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?`;
/** A stamp first, bracketed or not, then an optional separator, then the rest of the line. */
const STAMP_FIRST = new RegExp(String.raw`^(?:\[(${CODE})\]|\((${CODE})\)|(${CODE}))\s*(?:[|:–—-]\s*)?(.*)$`);
/** A name, then a stamp, and nothing else: `Chamath (00:01:48)`. */
const SPEAKER_THEN_STAMP = new RegExp(
  String.raw`^(.{1,60}?)\s*(?:\[(${CODE})\]|\((${CODE})\)|(${CODE}))\s*:?$`,
);
/** A line that is only a name (`Maren Holt`, Otter's `Speaker 2`): a speaker heading, not words said. */
const NAME_ONLY = /^\p{Lu}(?:[\p{L}'’-]*|\.)(?:\s+\p{Lu}(?:[\p{L}'’-]*|\.)){0,3}(?:\s+\d{1,2})?:?$/u;

export interface CueLine {
  start: number;
  speaker: string | null;
  /** The words on the stamp's own line ('' when they follow on the next lines). */
  text: string;
}

/** The cue a line begins, or null when the line begins none (it continues the current cue, or is a header). */
export function readCueLine(line: string): CueLine | null {
  const text = line.trim();
  const first = STAMP_FIRST.exec(text);
  if (first) {
    const start = parseTimecode(first[1] ?? first[2] ?? first[3] ?? '');
    if (start === null) return null;
    const rest = (first[4] ?? '').trim();
    if (NAME_ONLY.test(rest)) return { start, speaker: rest.replace(/:$/, ''), text: '' };
    const said = splitSpeaker(rest);
    return { start, speaker: said.speaker, text: said.text };
  }
  const named = SPEAKER_THEN_STAMP.exec(text);
  if (named && NAME_ONLY.test((named[1] ?? '').trim())) {
    const start = parseTimecode(named[2] ?? named[3] ?? named[4] ?? '');
    if (start !== null) return { start, speaker: (named[1] ?? '').trim().replace(/:$/, ''), text: '' };
  }
  return null;
}

/** `00:01:48.250 | words`: a caption export's line, never a chapter's. */
const PIPE_CUE = /^(?:\d{1,3}:)?\d{1,2}:\d{2}[.,]\d{1,3}\s*\|/;

/**
 * A line only a transcript writes: a caption export's `00:00:00.000 | words`, a speaker heading with
 * its stamp (`Maren Holt (00:01:48)`) over the words said, or a stamped speaker's whole sentence.
 */
function isTranscriptLine(lines: readonly string[], i: number): boolean {
  const text = (lines[i] ?? '').trim();
  if (PIPE_CUE.test(text)) return true;
  const cue = readCueLine(text);
  // `0:01:48 Maren: a whole sentence said…`: a chapter title is not a speaker's sentence.
  if (cue && cue.speaker !== null && cue.text.split(/\s+/).length >= SENTENCE_WORDS) return true;
  if (!cue || cue.text !== '' || cue.speaker === null || STAMP_FIRST.test(text)) return false;
  const next = nextNonBlank(lines, i);
  return readCueLine(next) === null && /\p{L}/u.test(next);
}

/** Words after a speaker's name that make a stamped line a sentence said, not a chapter title. */
const SENTENCE_WORDS = 8;

/** How many transcript lines confirm that a transcript begins: a chapter list has none of them. */
const TRANSCRIPT_EVIDENCE = 3;

/**
 * Where a page's transcript begins (0-based), or -1: at a `Transcript` heading followed by cues, or at
 * the first of several lines that only a transcript writes (a caption export's `00:00:00.000 | …`, a
 * speaker heading `Maren (00:01:48)`, a stamped speaker's sentence `0:01:48 Maren: eight words or more…`). What follows is read as a transcript, so a
 * page whose chapter list is followed by one does not yield hundreds of backwards chapters.
 */
export function findTranscriptStart(lines: readonly string[]): number {
  const ahead = (i: number, test: (k: number) => boolean) => {
    let count = 0;
    for (let k = i + 1; k < Math.min(lines.length, i + 40); k++) if (test(k)) count++;
    return count;
  };
  for (let i = 0; i < lines.length; i++) {
    const text = (lines[i] ?? '').trim();
    if (/^transcript:?$/i.test(text) && ahead(i, (k) => readCueLine(lines[k] ?? '') !== null) >= 2) return i;
    if (isTranscriptLine(lines, i) && ahead(i, (k) => isTranscriptLine(lines, k)) + 1 >= TRANSCRIPT_EVIDENCE)
      return i;
  }
  return -1;
}

/** The service's signature under an export (`Transcribed by https://otter.ai`): not words said. */
const CREDIT = /^(?:transcribed|transcription|transcript generated) (?:by|with) \S+(?: \S+){0,3}$/i;

export function readPlainTranscript(file: string, lines: readonly string[], firstLine = 1): TranscriptRead {
  const problems: TranscriptRead['problems'] = [];
  const setAside: SetAsideLine[] = [];
  const found: (TranscriptCue & { line: number })[] = [];
  let title: string | null = null;
  let current: (TranscriptCue & { line: number }) | null = null;
  lines.forEach((raw, i) => {
    const text = squash(raw);
    if (text === '') return;
    if (CREDIT.test(text)) {
      setAside.push({ file, line: firstLine + i, rule: 'transcript:credit', text });
      return;
    }
    const cue = readCueLine(text);
    if (cue) {
      if (current) found.push(spoken(current));
      current = { start: cue.start, end: null, speaker: cue.speaker, text: cue.text, line: firstLine + i };
    } else if (current) {
      current.text = current.text ? `${current.text} ${text}` : text;
    } else {
      // The header above the first cue: its first line names the file, the rest is set aside.
      setAside.push({
        file,
        line: firstLine + i,
        rule: title === null ? 'transcript:title' : 'transcript:header',
        text,
      });
      title ??= text;
    }
  });
  if (current) found.push(spoken(current));
  const cues = finishCues(
    file,
    found,
    problems,
    'lines such as "[0:01:48] text", "(1:02:03) text" or "0:12 Speaker: text"',
  );
  return { cues, title, problems, setAside };
}

/**
 * A transcript with no stamps at all: every paragraph's sentences are cues at no moment, so the words
 * are still searchable (in windows of about a minute's words). A paragraph opening with `Name:` is
 * that speaker's; a line that is only a name and a colon (`Maren:`) heads the paragraphs below it.
 */
export function readUntimedTranscript(file: string, lines: readonly string[]): TranscriptRead {
  const found: (TranscriptCue & { line: number })[] = [];
  let speaker: string | null = null;
  lines.forEach((raw, i) => {
    const text = squash(raw);
    if (text === '') return;
    if (text.endsWith(':') && NAME_ONLY.test(text)) {
      speaker = text.replace(/:$/, '');
      return;
    }
    const said = splitSpeaker(text);
    if (said.speaker !== null) speaker = said.speaker;
    for (const sentence of said.text.match(/[^.!?…]+(?:[.!?…]+["'”’)]*|$)/g) ?? [])
      if (sentence.trim() !== '')
        found.push({ start: null, end: null, speaker, text: sentence.trim(), line: i + 1 });
  });
  const problems: TranscriptRead['problems'] = [];
  const cues = finishCues(file, found, problems, 'paragraphs of words said');
  return { cues, title: null, problems, setAside: [] };
}

/** A stamped line that was read as a speaker but got no words after it was the words: `[0:12] Okay`. */
const spoken = <T extends TranscriptCue>(cue: T): T =>
  cue.text === '' && cue.speaker !== null ? { ...cue, speaker: null, text: cue.speaker } : cue;

/**
 * HTML transcripts (`.transcript.html`): tags stripped (block elements and `<br>` end a line), scripts
 * and styles dropped, entities decoded, then read as plain text; the `<title>` or first `<h1>` is the title.
 */
export function readHtmlTranscript(file: string, html: string): TranscriptRead {
  const named = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html) ?? /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html);
  const body = html
    .replace(/<(script|style|head)\b[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>|<\/(p|div|li|h\d|tr|section|article|blockquote|dt|dd)>/gi, '\n')
    .replace(/<[^>]*>/g, ' ');
  // Lines of the stripped body, not of the file: a set-aside line's number is the body's.
  const read = readPlainTranscript(file, linesOf(decodeHTML(body)));
  const title = named ? squash(decodeHTML(named[1]?.replace(/<[^>]*>/g, ' ') ?? '')) : '';
  return { ...read, title: title || read.title };
}
