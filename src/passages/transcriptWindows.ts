import type { Chapter, TranscriptCue } from '../episodes/schema.js';
import { stem, tokenize } from '../text/analyze.js';

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
 * The second the answer starts at: the first cue of the shortest run of cues (in seconds) that says
 * every distinct word matched in the window ("logbook" and "Aldous Finch" together, not the name
 * alone at the end), the run holding more matched characters on a tie, then the earlier. Null when
 * nothing is marked or the window has no cues' seconds.
 */
export function cueMoment(
  cues: readonly [offset: number, second: number][],
  marks: readonly [number, number][],
  text: string,
): number | null {
  if (cues.length === 0) return null;
  const cueAt = (offset: number) =>
    Math.max(
      0,
      cues.findLastIndex(([start]) => start <= offset),
    );
  // A mark of several words ("thirty-one percent") says each of them; a word's forms are one word.
  const marked = marks
    .flatMap(([start, end]) =>
      tokenize(text.slice(start, end)).map((word) => ({
        cue: cueAt(start),
        word: stem(word),
        chars: end - start,
      })),
    )
    .sort((a, b) => a.cue - b.cue);
  const words = new Set(marked.map(({ word }) => word)).size;
  if (words === 0) return null;
  const secondOf = (cue: number) => (cues[cue] as [number, number])[1];
  let best: { first: number; seconds: number; chars: number } | null = null;
  // Two pointers over the marks in cue order: each run from a first mark to the fewest that follow it.
  const held = new Map<string, number>();
  let chars = 0;
  for (let from = 0, to = 0; from < marked.length; from++) {
    while (to < marked.length && held.size < words) {
      const { word, chars: n } = marked[to++] as (typeof marked)[number];
      held.set(word, (held.get(word) ?? 0) + 1);
      chars += n;
    }
    if (held.size < words) break;
    const first = (marked[from] as (typeof marked)[number]).cue;
    const seconds = secondOf((marked[to - 1] as (typeof marked)[number]).cue) - secondOf(first);
    if (best === null || seconds < best.seconds || (seconds === best.seconds && chars > best.chars))
      best = { first, seconds, chars };
    const { word, chars: n } = marked[from] as (typeof marked)[number];
    const left = (held.get(word) as number) - 1;
    if (left === 0) held.delete(word);
    else held.set(word, left);
    chars -= n;
  }
  return best === null ? null : secondOf(best.first);
}
