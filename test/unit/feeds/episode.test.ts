import { describe, expect, it } from 'vitest';
import { Episode, EpisodeDocument } from '../../../src/episodes/schema.js';
import {
  ChaptersFile,
  bestTranscript,
  chaptersOfFile,
  documentOf,
  episodeIdOf,
  isoDateOf,
  readDescription,
} from '../../../src/feeds/episode.js';
import type { FeedItem, ParsedFeed } from '../../../src/feeds/parse.js';

const feed: ParsedFeed = {
  format: 'rss',
  title: 'Made-Up Show',
  image: 'https://podcast.example/show.jpg',
  author: 'Show Makers',
  items: [],
};

const item = (fields: Partial<FeedItem> = {}): FeedItem => ({
  position: 1,
  guid: 'show-ep-1',
  title: 'E1: chips and power',
  link: null,
  published: 'Fri, 06 Sep 2024 23:30:00 -0700',
  duration: 3723,
  number: 1,
  image: null,
  author: null,
  description: null,
  enclosure: { url: 'https://podcast.example/ep1.mp3', type: 'audio/mpeg' },
  chaptersUrl: null,
  transcripts: [],
  people: [],
  ...fields,
});

describe('episodeIdOf', () => {
  it('is stable, readable and accepted by the episode schema', () => {
    const id = episodeIdOf('https://podcast.example/episodes/E106?x=1');
    expect(id).toBe(episodeIdOf('https://podcast.example/episodes/E106?x=1'));
    expect(id).toMatch(/^podcast-example-episodes-e106-x-1-[0-9a-f]{8}$/);
    expect(Episode.shape.id.safeParse(id).success).toBe(true);
  });

  it('tells guids apart that slug alike, and names guids with no letters', () => {
    expect(episodeIdOf('Ep 1')).not.toBe(episodeIdOf('ep-1'));
    expect(episodeIdOf('!!!')).toMatch(/^episode-[0-9a-f]{8}$/);
    expect(Episode.shape.id.safeParse(episodeIdOf('x'.repeat(500))).success).toBe(true);
  });
});

describe('readDescription', () => {
  it('turns inline stamps into chapters and the remaining prose into insights, without promos', () => {
    const read = readDescription(
      `<p>Hosts argue about memory &amp; chips.</p><p>(0:00) Intro (12:34) Memory prices (1:02:03) Wrap up</p>
       <p>Follow the hosts: https://social.example/hosts</p><p>Thanks to <a href="https://sponsor.example/">our sponsor</a>.</p>`,
      'ep1 (description)',
    );
    expect(read.chapters).toEqual([
      { title: 'Intro', start: 0 },
      { title: 'Memory prices', start: 754 },
      { title: 'Wrap up', start: 3723 },
    ]);
    expect(read.insights).toBe('Hosts argue about memory & chips.\nThanks to our sponsor.');
    expect(read.links).toContain('https://sponsor.example/');
  });

  it('reads plain text descriptions with one chapter a line', () => {
    const read = readDescription('A talk about robots.\n0:00 Intro\n5:30 Factories\n', 'ep2');
    expect(read.chapters).toEqual([
      { title: 'Intro', start: 0 },
      { title: 'Factories', start: 330 },
    ]);
    expect(read.insights).toBe('A talk about robots.');
  });

  it('keeps long insights bounded', () => {
    const read = readDescription(`${'A sentence about markets. '.repeat(400)}`, 'ep3');
    expect(read.insights?.length).toBeLessThanOrEqual(3001);
    expect(read.insights?.endsWith('.…')).toBe(true);
  });
});

describe('documentOf', () => {
  it('maps an item to a canonical document the schema accepts', () => {
    const doc = documentOf(
      item({ description: '(0:00) Intro (4:10) Chips', people: [{ name: 'Bo Guest', role: 'guest' }] }),
      feed,
      'ep-1',
      null,
    );
    expect(EpisodeDocument.parse(doc)).toEqual(doc);
    expect(doc).toMatchObject({
      id: 'ep-1',
      title: 'E1: chips and power',
      show: 'Made-Up Show',
      number: 1,
      published: '2024-09-07',
      duration: 3723,
      people: [{ name: 'Bo Guest', role: 'guest' }],
      audioUrl: 'https://podcast.example/ep1.mp3',
      videoUrl: null,
      image: 'https://podcast.example/show.jpg',
      chapters: [
        { title: 'Intro', start: 0 },
        { title: 'Chips', start: 250 },
      ],
    });
  });

  it('takes a YouTube link in the item as the video, so moments link to it', () => {
    const doc = documentOf(
      item({ description: '<p>Watch: <a href="https://www.youtube.com/watch?v=abc123">video</a></p>' }),
      feed,
      'ep-1',
      null,
    );
    expect(doc.videoUrl).toBe('https://www.youtube.com/watch?v=abc123');
    expect(doc.links).not.toContain('https://www.youtube.com/watch?v=abc123');
    expect(doc.audioUrl).toBe('https://podcast.example/ep1.mp3');
  });

  it('prefers the chapters file to the description stamps, and falls back to the show author', () => {
    const doc = documentOf(item({ description: '(0:00) Intro (4:10) Chips' }), feed, 'ep-1', [
      { title: 'Cold open', start: 0 },
      { title: 'Chips', start: 251 },
    ]);
    expect(doc.chapters.map((c) => c.title)).toEqual(['Cold open', 'Chips']);
    expect(doc.people).toEqual([{ name: 'Show Makers', role: 'author' }]);
  });

  it('keeps an item without enclosure, with no audio link, and drops links that are not http(s)', () => {
    const doc = documentOf(item({ enclosure: null, image: 'javascript:alert(1)' }), feed, 'ep-1', null);
    expect(doc.audioUrl).toBeNull();
    expect(doc.image).toBe('https://podcast.example/show.jpg');
    expect(EpisodeDocument.safeParse(doc).success).toBe(true);
  });
});

describe('isoDateOf', () => {
  it.each([
    ['Fri, 06 Sep 2024 07:22:00 GMT', '2024-09-06'],
    ['2024-02-01T10:00:00Z', '2024-02-01'],
    ['not a date', null],
    [null, null],
  ])('%s → %s', (written, date) => expect(isoDateOf(written)).toBe(date));
});

describe('chapters files and transcripts', () => {
  it('reads JSON chapters 1.2.0: start seconds, in order, without hidden or untitled ones', () => {
    const file = ChaptersFile.parse({
      version: '1.2.0',
      chapters: [
        { startTime: 754.6, title: 'Memory prices' },
        { startTime: 0, title: 'Intro' },
        { startTime: 100, title: 'Sponsor image', toc: false },
        { startTime: 200 },
      ],
    });
    expect(chaptersOfFile(file)).toEqual([
      { title: 'Intro', start: 0 },
      { title: 'Memory prices', start: 754 },
    ]);
  });

  it('picks the best transcript: vtt, then srt, ttml, json, html, plain', () => {
    const t = (type: string) => ({ url: `https://podcast.example/t.${type.split('/')[1]}`, type });
    const pick = (...types: string[]) => bestTranscript(item({ transcripts: types.map(t) }))?.suffix ?? null;
    expect(pick('text/plain', 'text/html', 'application/json', 'application/x-subrip', 'text/vtt')).toBe(
      '.vtt',
    );
    expect(pick('text/plain', 'text/html', 'application/json', 'application/srt')).toBe('.srt');
    expect(pick('text/plain', 'application/json', 'application/ttml+xml')).toBe('.ttml');
    expect(pick('text/plain', 'text/html', 'application/json')).toBe('.transcript.json');
    expect(pick('text/plain', 'text/html')).toBe('.transcript.html');
    expect(pick('text/plain')).toBe('.transcript.txt');
    expect(pick('audio/mpeg')).toBeNull();
  });
});
