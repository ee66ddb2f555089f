import { z } from 'zod';
import type { TranscriptCue } from '../../episodes/schema.js';
import { type TranscriptRead, finishCues, refusedRead, squash } from './cues.js';

/**
 * The JSON transcripts, told apart by content:
 * - Podcasting 2.0 (`application/json` in a feed): `{segments: [{startTime, endTime, speaker?, body}]}`,
 *   often one word per segment;
 * - YouTube captions (`json3`): `{events: [{tStartMs, dDurationMs, segs: [{utf8}]}]}`;
 * - Whisper: `{segments: [{start, end, text, speaker?}]}` (whisperX adds the speaker).
 * Fragments of one speaker are joined into sentence-long cues so a word-per-segment file does not keep
 * thirty thousand cues.
 */

const PodcastSegment = z.object({
  startTime: z.number().nonnegative(),
  endTime: z.number().nonnegative().optional(),
  speaker: z.string().optional(),
  body: z.string(),
});
const YoutubeEvent = z.object({
  tStartMs: z.number().nonnegative(),
  dDurationMs: z.number().nonnegative().optional(),
  segs: z.array(z.object({ utf8: z.string() })).optional(),
});
const WhisperSegment = z.object({
  start: z.number().nonnegative(),
  end: z.number().nonnegative(),
  text: z.string(),
  speaker: z.string().optional(),
});

const FORMATS = [
  {
    name: 'Podcasting 2.0 JSON',
    list: 'segments',
    item: PodcastSegment,
    test: (item: Record<string, unknown>) => 'startTime' in item,
    cue: (s: z.infer<typeof PodcastSegment>) => ({
      start: s.startTime,
      end: s.endTime ?? null,
      speaker: s.speaker ?? null,
      text: s.body,
    }),
  },
  {
    name: 'Whisper JSON',
    list: 'segments',
    item: WhisperSegment,
    test: (item: Record<string, unknown>) => 'start' in item,
    cue: (s: z.infer<typeof WhisperSegment>) => ({
      start: s.start,
      end: s.end,
      speaker: s.speaker ?? null,
      text: s.text,
    }),
  },
  {
    name: 'YouTube json3',
    list: 'events',
    item: YoutubeEvent,
    test: (item: Record<string, unknown>) => 'tStartMs' in item,
    cue: (e: z.infer<typeof YoutubeEvent>) => ({
      start: e.tStartMs / 1000,
      end: e.dDurationMs === undefined ? null : (e.tStartMs + e.dDurationMs) / 1000,
      speaker: null,
      text: (e.segs ?? []).map((seg) => seg.utf8).join(''),
    }),
  },
] as const;

const EXPECTED =
  '{"segments": [{"startTime", "endTime", "body"}]} (Podcasting 2.0), {"events": [{"tStartMs", "segs"}]} (YouTube json3) or {"segments": [{"start", "end", "text"}]} (Whisper)';

export function readJsonTranscript(file: string, text: string): TranscriptRead {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    return refusedRead(refused(file, `invalid JSON: ${(err as Error).message}`));
  }
  const document = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const format = FORMATS.find(({ list, test }) => {
    const items = document[list];
    return (
      Array.isArray(items) && items.some((item) => item !== null && typeof item === 'object' && test(item))
    );
  });
  if (!format) return refusedRead(refused(file, `unknown transcript JSON: expected ${EXPECTED}`));

  const problems: TranscriptRead['problems'] = [];
  const fragments: TranscriptCue[] = [];
  (document[format.list] as unknown[]).forEach((item, i) => {
    const parsed = format.item.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      problems.push({
        file,
        line: null,
        message: `${format.list}[${i}]${issue?.path.length ? `.${issue.path.join('.')}` : ''}: ${issue?.message ?? 'invalid'} (${format.name}); skipped`,
        severity: 'warning',
      });
      return;
    }
    const cue = (format.cue as (value: unknown) => TranscriptCue)(parsed.data);
    fragments.push({
      ...cue,
      speaker: cue.speaker ? squash(cue.speaker) || null : null,
      text: squash(cue.text),
    });
  });
  const cues = finishCues(
    file,
    joinFragments(fragments).map((cue) => ({ ...cue, line: null })),
    problems,
    EXPECTED,
  );
  return {
    cues,
    title: typeof document.title === 'string' ? squash(document.title) || null : null,
    problems,
    // JSON has no lines of its own: every field read is a cue's, and bad segments are warned about.
    setAside: [],
  };
}

/** Fragments longer than this are a cue of their own; shorter ones are joined up to a sentence's end. */
const JOIN_UNTIL_SECONDS = 20;

/** Word- or line-sized fragments joined into cues: one speaker, up to a sentence's end or 20 s. */
export function joinFragments(fragments: readonly TranscriptCue[]): TranscriptCue[] {
  const cues: TranscriptCue[] = [];
  let open: TranscriptCue | null = null;
  for (const fragment of fragments) {
    if (fragment.text === '') continue;
    const joins: boolean =
      open !== null &&
      open.speaker === fragment.speaker &&
      (fragment.start ?? 0) - (open.start ?? 0) < JOIN_UNTIL_SECONDS;
    if (open && !joins) cues.push(open);
    const cue: TranscriptCue =
      open && joins
        ? { ...open, end: fragment.end ?? open.end, text: `${open.text} ${fragment.text}` }
        : { ...fragment };
    if (/[.!?]["'”’)]?$/.test(cue.text)) {
      cues.push(cue);
      open = null;
    } else open = cue;
  }
  if (open) cues.push(open);
  return cues;
}

const refused = (file: string, message: string) => ({
  file,
  line: null,
  message,
  severity: 'error' as const,
});
