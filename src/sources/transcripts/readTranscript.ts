import { type TranscriptRead, linesOf, refusedRead } from './cues.js';
import { CONSOLE_CUE, readConsoleTranscript } from './console.js';
import { readJsonTranscript } from './jsonTranscript.js';
import {
  findTranscriptStart,
  readCueLine,
  readHtmlTranscript,
  readPlainTranscript,
  readUntimedTranscript,
} from './plainText.js';
import { readSrt } from './srt.js';
import { readTtml } from './ttml.js';
import { readWebVtt } from './webvtt.js';

/**
 * Transcript files by the naming contract (GUIDE.md): `<stem><suffix>` beside the episode's source
 * `<stem>.txt|.md|.html|.json`. The feed importer writes them by MIME type; yt-dlp writes
 * `<stem>.<language>.vtt`, whose language tag is not part of the stem. In order of preference when
 * one stem has several.
 */
export const TRANSCRIPT_SUFFIXES = [
  '.vtt',
  '.srt',
  '.ttml',
  '.transcript.json',
  '.transcript.txt',
  '.transcript.md',
  '.transcript.html',
] as const;
type TranscriptSuffix = (typeof TRANSCRIPT_SUFFIXES)[number];

/** Transcripts are read whole; 10 MB is far past a three-hour episode's (about 2 MB of WebVTT). */
export const MAX_TRANSCRIPT_BYTES = 10 * 1024 * 1024;

/** The kinds of transcript text, told apart by content (see `transcriptKindOf`). */
export type TranscriptKind = 'webvtt' | 'srt' | 'ttml' | 'json' | 'console' | 'stamped' | 'untimed';

const READERS: Record<TranscriptKind, (file: string, text: string) => TranscriptRead> = {
  webvtt: readWebVtt,
  srt: readSrt,
  ttml: readTtml,
  json: readJsonTranscript,
  console: readConsoleTranscript,
  stamped: (file, text) => readPlainTranscript(file, linesOf(text)),
  untimed: (file, text) => readUntimedTranscript(file, linesOf(text)),
};

/** The suffixes whose format is fixed by the name; text transcripts (`.transcript.txt|md`) are told by content. */
const KIND_OF_SUFFIX: Partial<Record<TranscriptSuffix, TranscriptKind>> = {
  '.vtt': 'webvtt',
  '.srt': 'srt',
  '.ttml': 'ttml',
  '.transcript.json': 'json',
};

const suffixOf = (name: string): TranscriptSuffix | undefined =>
  TRANSCRIPT_SUFFIXES.find((suffix) => name.toLowerCase().endsWith(suffix));

export const isTranscriptFile = (name: string): boolean => suffixOf(name) !== undefined;

/** `.en`, `.en-US`, `.live_chat`: the language yt-dlp puts between a subtitle's stem and its extension. */
const LANGUAGE_TAG = /\.[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?$/;

/**
 * `ep12.transcript.json` → `ep12`, `Show [abc].en.vtt` → `Show [abc]`: the stem it shares with its
 * episode's source and meta files; null for other files.
 */
export function transcriptStem(name: string): string | null {
  const suffix = suffixOf(name);
  if (suffix === undefined) return null;
  const stem = name.slice(0, name.length - suffix.length);
  return suffix.startsWith('.transcript') ? stem : stem.replace(LANGUAGE_TAG, '');
}

/** `[00:00:00.000 --> 00:00:02.760]` and `1\n00:00:01,000 --> …`: the first lines that say which kind a text is. */
const SRT_TIMING = /^\s*(?:\d{1,3}:)?\d{1,2}:\d{2}[.,]\d{1,3}\s*-->\s*(?:\d{1,3}:)?\d{1,2}:\d{2}[.,]\d{1,3}/;
/** Lines looked at to tell a text's kind: a header or a console's log lines come before the cues. */
const SNIFF_LINES = 60;

/**
 * What kind of transcript a text is, by its content alone: WebVTT by its `WEBVTT` line, TTML by its
 * `<tt>` root, JSON by its brace, Whisper's console output by `[start --> end]` lines, SRT by timing
 * lines, a plain transcript by stamped lines (`[0:01:48] text`, `Name  0:05`), and otherwise untimed.
 */
export function transcriptKindOf(text: string): TranscriptKind {
  const head = text.replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('WEBVTT')) return 'webvtt';
  if (/^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:\w+:)?tt[\s>]/.test(head)) return 'ttml';
  if (head.startsWith('{')) return 'json';
  const lines = linesOf(head).slice(0, SNIFF_LINES);
  if (lines.some((line) => CONSOLE_CUE.test(line.trim()))) return 'console';
  if (lines.some((line) => SRT_TIMING.test(line))) return 'srt';
  // One stamp-like line in a page of talk ("we left at 12:30") is not a stamped transcript.
  return lines.filter((line) => readCueLine(line) !== null).length >= STAMPED_LINES ? 'stamped' : 'untimed';
}

/** Stamped lines among the first SNIFF_LINES that make a text a stamped transcript. */
const STAMPED_LINES = 2;

/** A `.json` source that is Whisper's or YouTube's JSON, not an episode document (which has a title). */
function isTranscriptJson(text: string): boolean {
  // Parsed only when it may be one: every episode document is JSON too.
  if (!/"(?:segments|events)"\s*:\s*\[/.test(text)) return false;
  try {
    const document: unknown = JSON.parse(text);
    if (document === null || typeof document !== 'object' || 'title' in document) return false;
    return ['segments', 'events'].some((key) => Array.isArray((document as Record<string, unknown>)[key]));
  } catch {
    return false;
  }
}

/**
 * Whether a page-named source (`e167.txt`, `notes.md`, `e167.json`) is a transcript through and
 * through: a caption or console format, a transcript JSON with no title, or stamped lines from its
 * first line on (a page has a title first).
 * Such a file becomes an episode with transcript passages, titled by its meta or its name.
 */
export function isWholeTranscript(lines: readonly string[]): boolean {
  const kind = transcriptKindOf(lines.slice(0, SNIFF_LINES).join('\n'));
  if (kind === 'webvtt' || kind === 'ttml' || kind === 'console' || kind === 'srt') return true;
  if (kind === 'json') return isTranscriptJson(lines.join('\n'));
  if (kind !== 'stamped') return false;
  const first = lines.findIndex((line) => line.trim() !== '');
  return findTranscriptStart(lines) === first;
}

/**
 * Reads a transcript: by its suffix when that fixes the format (`.vtt`, `.srt`, `.ttml`,
 * `.transcript.json`, `.transcript.html`), else by its content. Never throws: problems say what is
 * wrong and where.
 */
export function readTranscript(file: string, content: Buffer | string): TranscriptRead {
  const suffix = suffixOf(file);
  const text = typeof content === 'string' ? content : content.toString('utf8');
  if (text.includes('\u0000'))
    return refusedRead({
      file,
      line: null,
      message: 'file is binary; expected a UTF-8 transcript',
      severity: 'error',
    });
  if (suffix === '.transcript.html') return readHtmlTranscript(file, text);
  const kind = (suffix && KIND_OF_SUFFIX[suffix]) ?? transcriptKindOf(text);
  return READERS[kind](file, text);
}
