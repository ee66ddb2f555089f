import { type TranscriptRead, linesOf } from './cues.js';
import { readJsonTranscript } from './jsonTranscript.js';
import { readHtmlTranscript, readPlainTranscript } from './plainText.js';
import { readSrt } from './srt.js';
import { readWebVtt } from './webvtt.js';

/**
 * Transcript files by the naming contract (GUIDE.md): `<stem><suffix>` beside the episode's source
 * `<stem>.txt|.md|.html|.json`. The feed importer writes them by MIME type; the JSON kinds are told
 * apart by content. In order of preference when one stem has several.
 */
export const TRANSCRIPT_SUFFIXES = [
  '.vtt',
  '.srt',
  '.transcript.json',
  '.transcript.txt',
  '.transcript.html',
] as const;
type TranscriptSuffix = (typeof TRANSCRIPT_SUFFIXES)[number];

/** Transcripts are read whole; 10 MB is far past a three-hour episode's (about 2 MB of WebVTT). */
export const MAX_TRANSCRIPT_BYTES = 10 * 1024 * 1024;

const READERS: Record<TranscriptSuffix, (file: string, text: string) => TranscriptRead> = {
  '.vtt': readWebVtt,
  '.srt': readSrt,
  '.transcript.json': readJsonTranscript,
  '.transcript.txt': (file, text) => readPlainTranscript(file, linesOf(text)),
  '.transcript.html': readHtmlTranscript,
};

const suffixOf = (name: string): TranscriptSuffix | undefined =>
  TRANSCRIPT_SUFFIXES.find((suffix) => name.toLowerCase().endsWith(suffix));

export const isTranscriptFile = (name: string): boolean => suffixOf(name) !== undefined;

/** `ep12.transcript.json` → `ep12`: the stem it shares with its episode's source; null for other files. */
export function transcriptStem(name: string): string | null {
  const suffix = suffixOf(name);
  return suffix === undefined ? null : name.slice(0, name.length - suffix.length);
}

/** Reads a transcript file by its suffix. Never throws: problems say what is wrong and where. */
export function readTranscript(file: string, content: Buffer | string): TranscriptRead {
  const suffix = suffixOf(file);
  const text = typeof content === 'string' ? content : content.toString('utf8');
  if (suffix === undefined || text.includes('\u0000')) {
    return {
      cues: [],
      title: null,
      problems: [
        {
          file,
          line: null,
          message: `not a transcript: expected UTF-8 text named ${TRANSCRIPT_SUFFIXES.map((s) => `<stem>${s}`).join(', ')}`,
          severity: 'error',
        },
      ],
    };
  }
  return READERS[suffix](file, text);
}
