import { describe, expect, it } from 'vitest';
import type { Episode } from '../../../src/episodes/schema.js';
import { type Passage, buildPassages, momentUrl, titleOf } from '../../../src/passages/passage.js';

const episode: Episode = {
  id: 'ep',
  title: 'Episode',
  source: 'ep.txt',
  format: 'outline',
  show: null,
  number: null,
  image: null,
  published: null,
  duration: 3600,
  people: [],
  videoUrl: 'https://youtu.be/abcdefghijk',
  audioUrl: null,
  insights: 'The gist.',
  chapters: [{ title: 'Intro', start: 0, end: 600, approximate: false, timing: 'publisher' }],
  sections: [
    {
      kind: 'analysis',
      title: 'Chips',
      summary: 'About chips.',
      bullets: ['One.', 'Two.'],
      start: 600,
      end: 3600,
      approximate: true,
      timing: 'aligned',
      stated: null,
    },
    {
      kind: 'chapter',
      title: 'Untimed',
      summary: null,
      bullets: ['Three.'],
      start: null,
      end: null,
      approximate: false,
      timing: 'none',
      stated: null,
    },
  ],
  links: [],
  transcript: [],
};

describe('buildPassages', () => {
  it('makes one passage per insight, chapter, section summary and bullet, bullets inheriting their section', () => {
    const passages = buildPassages(episode);
    expect(passages.map((p) => [p.id, p.kind, p.section, p.text, p.start, p.approximate])).toEqual([
      ['ep#insights-1', 'insights', null, 'The gist.', null, false],
      ['ep#chapter-1', 'chapter', 'Intro', 'Intro', 0, false],
      ['ep#summary-1', 'summary', 'Chips', 'About chips.', 600, true],
      ['ep#takeaway-1', 'takeaway', 'Chips', 'One.', 600, true],
      ['ep#takeaway-2', 'takeaway', 'Chips', 'Two.', 600, true],
      ['ep#summary-2', 'summary', 'Untimed', 'Untimed', null, false],
      ['ep#takeaway-3', 'takeaway', 'Untimed', 'Three.', null, false],
    ]);
  });

  it('names the people by role, with the title, when the page lists them', () => {
    const people = buildPassages({
      ...episode,
      title: 'Chips and Dip!',
      people: [
        { name: 'Ann', role: 'host' },
        { name: 'Bo', role: 'guest' },
        { name: 'Cy', role: 'host' },
      ],
    }).filter((p) => p.kind === 'people');
    expect(people).toEqual([
      expect.objectContaining({
        id: 'ep#people-1',
        section: null,
        text: 'Chips and Dip. Hosts: Ann, Cy. Guest: Bo.',
        start: null,
        url: 'https://www.youtube.com/watch?v=abcdefghijk',
      }),
    ]);
    expect(titleOf(people[0] as Passage)).toBe('Who is on the episode');
    expect(buildPassages(episode).some((p) => p.kind === 'people')).toBe(false);
  });
});

describe('momentUrl', () => {
  it.each([
    ['https://youtu.be/abcdefghijk', 938, 'https://www.youtube.com/watch?v=abcdefghijk&t=938s'],
    [
      'https://www.youtube.com/watch?v=abcdefghijk&list=PL1&t=5s',
      3706,
      'https://www.youtube.com/watch?v=abcdefghijk&t=3706s',
    ],
    ['https://m.youtube.com/live/abcdefghijk', 60, 'https://www.youtube.com/watch?v=abcdefghijk&t=60s'],
    ['https://www.youtube.com/watch?v=abcdefghijk', null, 'https://www.youtube.com/watch?v=abcdefghijk'],
    ['https://vimeo.com/123', 30, 'https://vimeo.com/123?t=30s'],
  ])('%s at %s', (videoUrl, start, url) => {
    expect(momentUrl({ videoUrl, audioUrl: null }, start)).toBe(url);
  });

  it('uses a media fragment for audio, and says null without any URL', () => {
    expect(momentUrl({ videoUrl: null, audioUrl: 'https://cdn.example.com/ep.mp3' }, 90)).toBe(
      'https://cdn.example.com/ep.mp3#t=90',
    );
    expect(momentUrl({ videoUrl: null, audioUrl: null }, 90)).toBeNull();
  });
});
