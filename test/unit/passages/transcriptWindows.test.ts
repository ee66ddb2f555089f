import { describe, expect, it } from 'vitest';
import type { TranscriptCue } from '../../../src/episodes/schema.js';
import {
  UNTIMED_MAX_WORDS,
  WINDOW_MAX_SECONDS,
  WINDOW_MIN_SECONDS,
  cueMoment,
  transcriptWindows,
} from '../../../src/passages/transcriptWindows.js';

const cue = (start: number, text: string, speaker: string | null = null): TranscriptCue => ({
  start,
  end: start + 10,
  speaker,
  text,
});

describe('transcript windows', () => {
  it('closes a window at the first sentence end past the minimum, never before', () => {
    const cues = [0, 10, 20, 30, 40, 50, 60].map((at) => cue(at, `Sentence at ${at}.`));
    const windows = transcriptWindows(cues);
    expect(windows[0]).toMatchObject({ start: 0, end: 50 });
    expect(windows[0]!.end! - windows[0]!.start!).toBeGreaterThanOrEqual(WINDOW_MIN_SECONDS);
    expect(windows[1]).toMatchObject({ start: 50, end: 70 });
  });

  it('cuts unpunctuated captions at the maximum', () => {
    const cues = Array.from({ length: 30 }, (_, i) => cue(i * 10, 'and so on'));
    const windows = transcriptWindows(cues);
    for (const window of windows) expect(window.end! - window.start!).toBeLessThanOrEqual(WINDOW_MAX_SECONDS);
    expect(windows.map((w) => w.start)).toEqual([0, 90, 180, 270]);
  });

  it('names the speaker where it changes, keeps exact whole-second moments', () => {
    const [window] = transcriptWindows([
      { start: 12.7, end: 20.2, speaker: 'Maren', text: 'Oysters filter water' },
      { start: 20.2, end: 30, speaker: 'Maren', text: 'all day.' },
      { start: 30, end: 61.4, speaker: 'Ivo', text: 'Fifty gallons.' },
    ]);
    expect(window).toEqual({
      start: 12,
      end: 62,
      text: 'Maren: Oysters filter water all day. Ivo: Fifty gallons.',
      chapter: null,
      // Where each cue begins in the text (its speaker's label included), and its second.
      cues: [
        [0, 12],
        [28, 20],
        [37, 30],
      ],
    });
  });

  it('points at the first cue of the shortest run saying every matched word, not at the window start', () => {
    const text = [
      'The logbook is in the museum.',
      'The logbook has a last entry.',
      'Lamp out, it says.',
      'It was kept by Aldous Finch.',
    ];
    const cues = text.map((_, i): [number, number] => [
      text.slice(0, i).join(' ').length + (i > 0 ? 1 : 0),
      100 + 5 * i,
    ]);
    const whole = text.join(' ');
    const marksOf = (...words: string[]) =>
      words.flatMap((word) =>
        [...whole.matchAll(new RegExp(word, 'g'))].map((m): [number, number] => [
          m.index,
          m.index + word.length,
        ]),
      );
    // One word: its first cue (most of it on a tie, the earlier).
    expect(cueMoment(cues, marksOf('Lamp'), whole)).toBe(110);
    // Two words: "logbook" nearest the name, not the name alone, nor the window's first "logbook".
    expect(cueMoment(cues, marksOf('logbook', 'Aldous Finch'), whole)).toBe(105);
    expect(cueMoment(cues, [], whole)).toBeNull();
  });

  it('cuts an untimed transcript by words, at no moment', () => {
    const sentence = 'The ferry crossed the sound before the fog came down on the harbour.';
    const cues = Array.from({ length: 40 }, () => ({
      start: null,
      end: null,
      speaker: null,
      text: sentence,
    }));
    const windows = transcriptWindows(cues);
    expect(windows.length).toBeGreaterThan(1);
    for (const window of windows) {
      expect(window).toMatchObject({ start: null, end: null, cues: [] });
      expect(window.text.split(' ').length).toBeLessThanOrEqual(UNTIMED_MAX_WORDS);
    }
    expect(windows.map((w) => w.text).join(' ')).toBe(cues.map((c) => c.text).join(' '));
  });

  it('closes at a chapter’s start, so each window lies in one chapter; untimed chapters are ignored', () => {
    const chapters = [
      { title: 'Intro', start: 0 },
      { title: 'Untimed', start: null },
      { title: 'Herons', start: 60 },
    ];
    const windows = transcriptWindows(
      [0, 30, 60, 90, 120].map((at) => cue(at, 'Done.')),
      chapters,
    );
    expect(windows.map((w) => [w.start, w.chapter])).toEqual([
      [0, 'Intro'],
      [60, 'Herons'],
    ]);
    expect(windows[0]?.end).toBe(40);
  });
});
