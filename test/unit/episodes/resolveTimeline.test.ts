import { describe, expect, it } from 'vitest';
import {
  type DraftSection,
  type DraftStamp,
  type EpisodeDraft,
  draftOf,
} from '../../../src/episodes/draft.js';
import { resolveTimeline } from '../../../src/episodes/resolveTimeline.js';

const stamp = (title: string, start: number, line = 1): DraftStamp => ({ title, start, line });
const section = (
  title: string,
  stated: DraftSection['stated'] = null,
  summary: string | null = null,
): DraftSection => ({
  kind: 'chapter',
  title,
  summary,
  bullets: [],
  stated,
  line: 1,
});
const draft = (parts: Partial<EpisodeDraft>): EpisodeDraft =>
  draftOf('x.txt', 'outline', { id: 'x', title: 'X', duration: 3600, ...parts });

const clock = [
  stamp('Welcome', 0),
  stamp('Nuclear power plants restart', 600),
  stamp('Electric vehicle batteries', 1800),
];

describe('resolveTimeline', () => {
  it("keeps a summary's own times when they agree with the publisher's chapters", () => {
    const { sections } = resolveTimeline(
      draft({
        stamps: clock,
        sections: [
          section('Nuclear restarts', { start: 660, end: 1700 }),
          section('Batteries for electric cars', { start: 1850, end: null }),
        ],
      }),
    );
    expect(sections.map((s) => [s.start, s.end, s.timing, s.approximate])).toEqual([
      [660, 1700, 'summary', false],
      [1850, 3600, 'summary', false],
    ]);
  });

  it('aligns by content when the summary times contradict the clock, in any order', () => {
    const { sections, problems } = resolveTimeline(
      draft({
        stamps: clock,
        sections: [
          section('Batteries for electric vehicles', { start: 0, end: 500 }),
          section('Restarting nuclear power', { start: 500, end: null }),
        ],
      }),
    );
    expect(sections.map((s) => [s.start, s.end, s.timing, s.approximate])).toEqual([
      [1800, 3600, 'aligned', true],
      [600, 1800, 'aligned', true],
    ]);
    expect(problems[0]?.message).toMatch(/disagree with the publisher's chapters/);
  });

  it('gives no time to a section that matches no chapter', () => {
    const { sections } = resolveTimeline(
      draft({
        stamps: clock,
        sections: [section('Sourdough baking tips', null, 'Flour, water and patience.')],
      }),
    );
    expect(sections[0]).toMatchObject({ start: null, end: null, timing: 'none', approximate: false });
  });

  it('gives no time when two chapters fit equally well', () => {
    const twins = [
      stamp('Tesla earnings', 0),
      stamp('Tesla robotaxi', 600),
      stamp('Tesla earnings call', 1200),
    ];
    const { sections } = resolveTimeline(draft({ stamps: twins, sections: [section('Tesla')] }));
    expect(sections[0]?.timing).toBe('none');
  });

  it('sends a section torn between two chapters to the one no other section has', () => {
    const stamps = [stamp('Tesla earnings', 0), stamp('Tesla robotaxi', 600), stamp('SpaceX launch', 1200)];
    const robotaxi = section('Robotaxi fleets', null, 'Tesla robotaxi rides in Austin.');
    const { sections } = resolveTimeline(
      draft({ stamps, sections: [robotaxi, section('Tesla earnings and robotaxi')] }),
    );
    expect(sections.map((s) => s.start)).toEqual([600, 0]);
    // Alone, the same section is a coin toss between the two Tesla chapters.
    expect(
      resolveTimeline(draft({ stamps, sections: [section('Tesla earnings and robotaxi')] })).sections[0]
        ?.start,
    ).toBeNull();
  });

  it('places a section that matches no chapter between two sections of one chapter in that chapter', () => {
    const middle = section('Where the value goes', null, 'Apps, data and distribution.');
    const around = (sections: DraftSection[]) =>
      resolveTimeline(draft({ stamps: clock, sections })).sections.map((s) => s.start);
    expect(around([section('Nuclear power plants'), middle, section('Restarting nuclear plants')])).toEqual([
      600, 600, 600,
    ]);
    expect(around([section('Nuclear power plants'), middle, section('Electric vehicle batteries')])).toEqual([
      600,
      null,
      1800,
    ]);
  });

  it('refuses summary times past the end, and says so', () => {
    const { sections, problems } = resolveTimeline(
      draft({
        duration: 1000,
        sections: [section('A', { start: 0, end: 500 }), section('B', { start: 500, end: 5000 })],
      }),
    );
    expect(sections.every((s) => s.start === null)).toBe(true);
    expect(problems[0]?.message).toMatch(/runs to 1:23:20, past the episode's end \(16:40\)/);
  });

  it('marks summary times approximate when there is no publisher clock to check them against', () => {
    const { sections } = resolveTimeline(
      draft({
        duration: null,
        sections: [section('A', { start: 0, end: 500 }), section('B', { start: 500, end: null })],
      }),
    );
    expect(sections.map((s) => [s.start, s.end, s.timing, s.approximate])).toEqual([
      [0, 500, 'summary', true],
      [500, null, 'summary', true],
    ]);
  });

  it("ends the last chapter at the episode's end, or leaves it open when the length is unknown", () => {
    expect(resolveTimeline(draft({ stamps: clock })).chapters.at(-1)?.end).toBe(3600);
    expect(resolveTimeline(draft({ stamps: clock, duration: null })).chapters.at(-1)?.end).toBeNull();
  });

  it("ignores the speakers' names, which say who talks, not about what", () => {
    const stamps = [
      stamp('Intro with Travis Kalanick', 0),
      stamp('Self-driving cars', 600),
      stamp('Fed rates', 1200),
    ];
    const autonomy = {
      ...section('Kalanick on autonomy'),
      summary: 'Travis Kalanick on robotaxis. Kalanick says Kalanick things, Travis Kalanick again.',
    };
    const people = [{ name: 'Travis Kalanick', role: 'guest' }];
    expect(resolveTimeline(draft({ stamps, people, sections: [autonomy] })).sections[0]?.start).toBe(600);
  });
});
