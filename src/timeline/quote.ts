import type { Passage } from '../passages/passage.js';
import type { Quote } from './schema.js';

/**
 * A passage cut down to what answers: the sentence (or two) holding the matched words. A transcript
 * window is a minute of talk; a listener wants the line that was said, who said it, and in which chapter.
 */

/** A passage this short is its own quote: cutting it would lose more than it saves. */
export const QUOTE_WHOLE_CHARS = 240;

/**
 * `Name: words`, the name one to three capitalised words after a space or a line's start: how
 * transcript windows write a change of speaker (`Maren: a b Ivo: c`), mid-line too.
 */
const SPEAKER_LABEL = /(?<=^|\s)((?:[\p{Lu}][\p{L}\p{M}.'’-]*\s){0,2}[\p{Lu}][\p{L}\p{M}.'’-]*):\s+/gmu;

/**
 * Sentences as `[start, end)` ranges: ends at `.`, `!`, `?` or `…` followed by a space, at line
 * breaks, and before each speaker's label (a cue need not end with a full stop).
 */
function sentences(text: string, labelStarts: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  const ends = [...text.matchAll(/[.!?…]+["'”’)]*(?=\s)|\n+/g)].map((m) => (m.index ?? 0) + m[0].length);
  const boundaries = [...new Set([...ends, ...labelStarts])].sort((a, b) => a - b);
  let start = 0;
  for (const end of boundaries) {
    if (text.slice(start, end).trim()) out.push([start, end]);
    start = end;
  }
  if (text.slice(start).trim()) out.push([start, text.length]);
  return out.map(([s, e]) => {
    while (s < e && /\s/.test(text[s] as string)) s++;
    while (e > s && /\s/.test(text[e - 1] as string)) e--;
    return [s, e];
  });
}

/**
 * The one or two sentences (`most`) of `passage` holding the most of `marks`, marks remapped; the whole
 * text when it is short. With no marks, the first sentence.
 */
export function quoteOf(
  passage: Pick<Passage, 'text' | 'section'>,
  marks: readonly [number, number][],
  most: 1 | 2 = 2,
): Quote {
  const { text } = passage;
  const labels = [...text.matchAll(SPEAKER_LABEL)].map((m) => ({
    at: m.index ?? 0,
    end: (m.index ?? 0) + m[0].length,
    name: (m[1] as string).trim(),
  }));
  const speakerAt = (offset: number) => labels.filter((l) => l.at <= offset).at(-1)?.name ?? null;
  const chapter = passage.section;
  if (text.length <= QUOTE_WHOLE_CHARS && labels.length === 0)
    return { text, marks: marks.map(([s, e]) => [s, e]), speaker: null, chapter };

  const ranges = sentences(
    text,
    labels.map((l) => l.at),
  ).map(([s, e]) => {
    // A speaker's label is not part of what they said.
    const label = labels.find((l) => l.at === s);
    return [label ? label.end : s, e] as [number, number];
  });
  const held = (range: [number, number]) =>
    marks
      .filter(([s, e]) => s < range[1] && e > range[0])
      .reduce((n, [s, e]) => n + (Math.min(e, range[1]) - Math.max(s, range[0])), 0);
  let best = 0;
  ranges.forEach((range, i) => {
    if (held(range) > held(ranges[best] as [number, number])) best = i;
  });
  let [start, end] = ranges[best] ?? [0, text.length];
  if (most === 2) {
    // The neighbour that holds more marks joins, if one does and the same person said it.
    const [before, after] = [ranges[best - 1], ranges[best + 1]];
    const gain = (range: [number, number] | undefined) =>
      range && speakerAt(range[0]) === speakerAt(start) ? held(range) : 0;
    if (gain(after) > 0 && gain(after) >= gain(before)) end = (after as [number, number])[1];
    else if (gain(before) > 0) start = (before as [number, number])[0];
  }
  return {
    text: text.slice(start, end),
    marks: marks
      .filter(([s, e]) => s < end && e > start)
      .map(([s, e]) => [Math.max(s, start) - start, Math.min(e, end) - start]),
    speaker: speakerAt(start),
    chapter,
  };
}
