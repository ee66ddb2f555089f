import type { Chapter, TranscriptCue } from '../episodes/schema.js';

/**
 * A transcript cut into passages: consecutive cues merged into windows long enough to hold a thought
 * and short enough to answer one question, closed on a sentence's end.
 */

/** A window closes at the first sentence end once it spans this many seconds... */
export const WINDOW_MIN_SECONDS = 45;
/** ...and before a cue would take it past this many, sentence or not (captions without punctuation). */
export const WINDOW_MAX_SECONDS = 90;

export interface TranscriptWindow {
  /** Whole seconds: the first cue's start, floored, so the link lands just before the words. */
  start: number;
  /** Whole seconds: the last cue's end (or start), rounded up. */
  end: number;
  /** The words, each change of speaker written `Name: …` so the answer shows who said it. */
  text: string;
  /** The publisher chapter the window lies in, or null when the episode has none timed. */
  chapter: string | null;
}

const endsSentence = (text: string) => /[.!?…]["'”’)\]]*$/.test(text);

export function transcriptWindows(
  cues: readonly TranscriptCue[],
  chapters: readonly Pick<Chapter, 'title' | 'start'>[] = [],
): TranscriptWindow[] {
  const timed = chapters.filter(
    (chapter): chapter is { title: string; start: number } => chapter.start !== null,
  );
  const chapterAt = (seconds: number) => timed.findLast((chapter) => chapter.start <= seconds)?.title ?? null;
  const groups: TranscriptCue[][] = [];
  let open: TranscriptCue[] = [];
  for (const cue of cues) {
    const first = open[0];
    // A window never straddles two chapters: its chapter is what the answer shows it under.
    if (
      first &&
      ((cue.end ?? cue.start) - first.start > WINDOW_MAX_SECONDS ||
        chapterAt(cue.start) !== chapterAt(first.start))
    ) {
      groups.push(open);
      open = [];
    }
    open.push(cue);
    const start = (open[0] as TranscriptCue).start;
    if ((cue.end ?? cue.start) - start >= WINDOW_MIN_SECONDS && endsSentence(cue.text)) {
      groups.push(open);
      open = [];
    }
  }
  if (open.length) groups.push(open);

  return groups.map((group) => {
    const first = group[0] as TranscriptCue;
    const last = group.at(-1) as TranscriptCue;
    const start = Math.floor(first.start);
    return {
      start,
      end: Math.max(start, Math.ceil(last.end ?? last.start)),
      text: speakerText(group),
      chapter: chapterAt(first.start),
    };
  });
}

/** `Maren: a b Ivo: c`: each cue's words, the speaker named where it changes (unknown speakers unnamed). */
function speakerText(cues: readonly TranscriptCue[]): string {
  let speaker: string | null = null;
  return cues
    .map((cue) => {
      const named =
        cue.speaker !== null && cue.speaker !== speaker ? `${cue.speaker}: ${cue.text}` : cue.text;
      if (cue.speaker !== null) speaker = cue.speaker;
      return named;
    })
    .join(' ');
}
