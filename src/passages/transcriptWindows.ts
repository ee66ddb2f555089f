import type { Chapter, TranscriptCue } from '../episodes/schema.js';

/**
 * A transcript cut into passages: consecutive cues merged into windows long enough to hold a thought
 * and short enough to answer one question, closed on a sentence's end.
 */

/** A window closes at the first sentence end once it spans this many seconds... */
export const WINDOW_MIN_SECONDS = 45;
/** ...and before a cue would take it past this many, sentence or not (captions without punctuation). */
export const WINDOW_MAX_SECONDS = 90;

/** An untimed transcript (no stamps) closes a window at the first sentence end past this many words... */
export const UNTIMED_MIN_WORDS = 110;
/** ...and before a cue would take it past this many: about a minute of speech either way. */
export const UNTIMED_MAX_WORDS = 220;

export interface TranscriptWindow {
  /** Whole seconds: the first cue's start, floored, so the link lands just before the words; null untimed. */
  start: number | null;
  /** Whole seconds: the last cue's end (or start), rounded up; null untimed. */
  end: number | null;
  /** The words, each change of speaker written `Name: …` so the answer shows who said it. */
  text: string;
  /** The publisher chapter the window lies in, or null when the episode has none timed. */
  chapter: string | null;
  /**
   * Where each cue begins in `text` and its second (floored): the answer points at the cue holding the
   * matched words, not at the window's start. Empty for an untimed transcript.
   */
  cues: [offset: number, second: number][];
}

const endsSentence = (text: string) => /[.!?…]["'”’)\]]*$/.test(text);
const wordsIn = (text: string) => text.split(/\s+/).filter(Boolean).length;

export function transcriptWindows(
  cues: readonly TranscriptCue[],
  chapters: readonly Pick<Chapter, 'title' | 'start'>[] = [],
): TranscriptWindow[] {
  const timed = chapters.filter(
    (chapter): chapter is { title: string; start: number } => chapter.start !== null,
  );
  const chapterAt = (seconds: number | null) =>
    seconds === null ? null : (timed.findLast((chapter) => chapter.start <= seconds)?.title ?? null);
  // Untimed cues are measured in words, timed ones in seconds.
  const span = (from: TranscriptCue, to: TranscriptCue, words: number) =>
    from.start === null ? words : (to.end ?? to.start ?? from.start) - from.start;
  const [least, most] =
    cues[0]?.start === null
      ? [UNTIMED_MIN_WORDS, UNTIMED_MAX_WORDS]
      : [WINDOW_MIN_SECONDS, WINDOW_MAX_SECONDS];
  const groups: TranscriptCue[][] = [];
  let open: TranscriptCue[] = [];
  let words = 0;
  for (const cue of cues) {
    const first = open[0];
    const cueWords = wordsIn(cue.text);
    // A window never straddles two chapters: its chapter is what the answer shows it under.
    if (
      first &&
      (span(first, cue, words + cueWords) > most || chapterAt(cue.start) !== chapterAt(first.start))
    ) {
      groups.push(open);
      open = [];
      words = 0;
    }
    open.push(cue);
    words += cueWords;
    if (span(open[0] as TranscriptCue, cue, words) >= least && endsSentence(cue.text)) {
      groups.push(open);
      open = [];
      words = 0;
    }
  }
  if (open.length) groups.push(open);

  return groups.map((group) => {
    const first = group[0] as TranscriptCue;
    const last = group.at(-1) as TranscriptCue;
    const start = first.start === null ? null : Math.floor(first.start);
    const end = last.end ?? last.start;
    const { text, offsets } = speakerText(group);
    return {
      start,
      end: start === null || end === null ? null : Math.max(start, Math.ceil(end)),
      text,
      chapter: chapterAt(first.start),
      cues:
        start === null
          ? []
          : group.map((cue, i) => [offsets[i] as number, Math.floor(cue.start ?? start)] as [number, number]),
    };
  });
}

/**
 * `Maren: a b Ivo: c`: each cue's words, the speaker named where it changes (unknown speakers unnamed),
 * with where each cue begins in the text.
 */
function speakerText(cues: readonly TranscriptCue[]): { text: string; offsets: number[] } {
  let speaker: string | null = null;
  let text = '';
  const offsets: number[] = [];
  for (const cue of cues) {
    if (text !== '') text += ' ';
    offsets.push(text.length);
    text += cue.speaker !== null && cue.speaker !== speaker ? `${cue.speaker}: ${cue.text}` : cue.text;
    if (cue.speaker !== null) speaker = cue.speaker;
  }
  return { text, offsets };
}

/**
 * The second of the cue holding most of the matched characters (the first such cue on a tie), or
 * null when nothing is marked or the window has no cues' seconds.
 */
export function cueMoment(
  cues: readonly [offset: number, second: number][],
  marks: readonly [number, number][],
): number | null {
  let best: { second: number; held: number } | null = null;
  cues.forEach(([offset, second], i) => {
    const until = cues[i + 1]?.[0] ?? Number.POSITIVE_INFINITY;
    const held = marks.reduce((n, [s, e]) => n + Math.max(0, Math.min(e, until) - Math.max(s, offset)), 0);
    if (held > 0 && (best === null || held > best.held)) best = { second, held };
  });
  return (best as { second: number } | null)?.second ?? null;
}
