import { describe, expect, it } from 'vitest';
import { answerMoment } from '../../../src/answers/moment.js';
import type { TranscriptCue } from '../../../src/episodes/schema.js';

const cues: TranscriptCue[] = [
  { start: 598.4, end: 610, speaker: null, text: 'Before the window.' },
  { start: 600.2, end: 620, speaker: null, text: 'So the trip, where do I start.' },
  { start: 620.5, end: 640, speaker: null, text: 'The flight was fine, the hotel was fine.' },
  { start: 641.7, end: 660, speaker: null, text: 'Then the senator walked into the geothermal plant.' },
];
const text = cues
  .slice(1)
  .map((cue) => cue.text)
  .join(' ');
const window = { kind: 'transcript' as const, start: 600, text };
const marked = (word: string): [number, number] => [text.indexOf(word), text.indexOf(word) + word.length];

describe('answerMoment', () => {
  it('starts a window at its cue holding most of the matched words', () => {
    expect(answerMoment(window, [marked('senator'), marked('geothermal'), marked('trip')], cues)).toBe(641);
  });

  it("keeps the window's start when nothing matched, and leaves other passages alone", () => {
    expect(answerMoment(window, [], cues)).toBeNull();
    expect(answerMoment({ ...window, kind: 'summary' }, [marked('trip')], cues)).toBeNull();
    expect(answerMoment(window, [marked('trip')], cues)).toBe(600);
  });
});
