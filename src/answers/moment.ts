import type { TranscriptCue } from '../episodes/schema.js';
import type { Passage } from '../passages/passage.js';

/**
 * The moment a transcript window answers at: the start of its cue holding most of the matched words.
 * A window is a minute or more; a listener sent to its first second may wait through talk about
 * something else before the words asked about, so the link lands on the cue that says them.
 *
 * @param marks the matched character ranges of the window's text
 * @param cues the episode's transcript, in time order
 * @returns whole seconds, or null when the passage is no window or nothing in it matched
 */
export function answerMoment(
  passage: Pick<Passage, 'kind' | 'start' | 'text'>,
  marks: readonly (readonly [number, number])[],
  cues: readonly TranscriptCue[],
): number | null {
  if (passage.kind !== 'transcript' || passage.start === null || marks.length === 0) return null;
  let first = 0;
  while (first < cues.length && Math.floor((cues[first] as TranscriptCue).start) < passage.start) first++;
  let best = { marked: 0, start: passage.start };
  let at = 0;
  // The window's text is its cues' texts in order (a speaker's name before some): each is found after the last.
  for (let i = first; i < cues.length; i++) {
    const cue = cues[i] as TranscriptCue;
    const from = passage.text.indexOf(cue.text, at);
    if (from < 0) break;
    const to = from + cue.text.length;
    const marked = marks.reduce((sum, [s, e]) => sum + Math.max(0, Math.min(e, to) - Math.max(s, from)), 0);
    if (marked > best.marked) best = { marked, start: Math.floor(cue.start) };
    at = to;
  }
  return best.start;
}
