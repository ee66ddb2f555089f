import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEpisodes } from '../../../src/sources/loadEpisodes.js';
import { transcriptKindOf, transcriptStem } from '../../../src/sources/transcripts/readTranscript.js';

/** Transcripts told by content; what a meta or info file gives them; files of no known kind named. */

function episodesDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'podqa-detect-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

const CONSOLE = [
  '[00:00:00.000 --> 00:00:02.760]   All right, everybody, welcome back to the Lamp Room.',
  '[00:00:02.760 --> 00:00:09.100]   Tonight the keepers of Gannet Point and their logbooks.',
].join('\n');

describe('transcripts told by content', () => {
  it('reads Whisper console output as a transcript whatever its name, titled by its stem', async () => {
    const loaded = await loadEpisodes(episodesDir({ 'e167.txt': CONSOLE, 'e168.transcript.txt': CONSOLE }));
    expect(loaded.rejected).toEqual([]);
    expect(loaded.episodes.map((e) => [e.id, e.title, e.format, e.transcript.length])).toEqual([
      ['e167', 'e167', 'transcript', 2],
      ['e168', 'e168', 'transcript', 2],
    ]);
  });

  it('tells each kind by its first lines', () => {
    expect(transcriptKindOf('\uFEFFWEBVTT\n\n00:00.000 --> 00:01.000\nHi.')).toBe('webvtt');
    expect(transcriptKindOf('<?xml version="1.0"?>\n<tt xmlns="http://www.w3.org/ns/ttml">')).toBe('ttml');
    expect(transcriptKindOf('1\n00:00:01,000 --> 00:00:02,000\nHi.')).toBe('srt');
    expect(transcriptKindOf(CONSOLE)).toBe('console');
    expect(transcriptKindOf('[00:01:02] Maren: Hi.\n[00:01:09] Ivo: Hello.')).toBe('stamped');
    expect(transcriptKindOf('Maren Holt  0:05\nWelcome.\n\nIvo  0:21\nThanks.')).toBe('stamped');
    // One time of day in a paragraph does not make talk a stamped transcript.
    expect(transcriptKindOf('We left at 12:30 sharp.\nThe ferry was late.')).toBe('untimed');
  });

  it('keeps a page a page: a title line, then chapters', async () => {
    const loaded = await loadEpisodes(
      episodesDir({ 'ep.txt': 'Herons at dawn\n0:00 Intro\n2:00 The rookery\n' }),
    );
    expect(loaded.episodes[0]).toMatchObject({ title: 'Herons at dawn', format: 'outline' });
  });

  it('reads Whisper JSON saved as a .json source as a transcript, an episode document as a page', async () => {
    const whisper = JSON.stringify({
      text: 'Hi.',
      segments: [{ start: 0, end: 2, text: 'The lamp was lit.' }],
    });
    const loaded = await loadEpisodes(episodesDir({ 'lamp.json': whisper }));
    expect(loaded.episodes.map((e) => [e.id, e.format, e.transcript.length])).toEqual([
      ['lamp', 'transcript', 1],
    ]);
  });

  it('takes the stem of yt-dlp captions without their language', () => {
    expect(transcriptStem('Herons [dQ9x].en.vtt')).toBe('Herons [dQ9x]');
    expect(transcriptStem('ep2.en-GB.srt')).toBe('ep2');
    expect(transcriptStem('ep2.transcript.txt')).toBe('ep2');
  });
});

describe('meta and info files', () => {
  it('let a meta file name the episode, its show, date, length, people, chapters and links', async () => {
    const meta = {
      title: 'The keepers’ logbooks',
      show: 'The Lamp Room',
      published: '2026-03-02',
      duration: 600,
      people: [{ name: 'Orla Venn', role: 'guest' }],
      chapters: [
        { title: 'Welcome', start: 0 },
        { title: 'Logbooks', start: 3 },
      ],
      description: 'Ninety years of logbooks.',
      links: ['https://example.com/archive'],
    };
    const loaded = await loadEpisodes(
      episodesDir({ 'e167.txt': CONSOLE, 'e167.meta.json': JSON.stringify(meta) }),
    );
    expect(loaded.rejected).toEqual([]);
    const { chapters: _chapters, description, ...same } = meta;
    expect(loaded.episodes[0]).toMatchObject({
      ...same,
      chapters: [
        { title: 'Welcome', start: 0, end: 3 },
        { title: 'Logbooks', start: 3, end: 600 },
      ],
      insights: description,
    });
  });

  it('still refuses a meta key it does not know, naming the keys it takes', async () => {
    const loaded = await loadEpisodes(
      episodesDir({ 'e167.txt': CONSOLE, 'e167.meta.json': '{"titel": "x"}' }),
    );
    expect(loaded.rejected[0]?.problems[0]?.message).toMatch(/titel.*expected \{id\?, title\?, show\?/);
  });

  it('take a yt-dlp info.json beside the captions; the meta file has the last word; a bad info is a warning', async () => {
    const vtt = 'WEBVTT\nKind: captions\nLanguage: en\n\n00:00:01.000 --> 00:00:03.000\nhello there\n';
    const info = {
      title: 'Honey above the bus garage',
      upload_date: '20260214',
      duration: 110.4,
      webpage_url: 'https://www.youtube.com/watch?v=Qm3vX8rT2pA',
      channel: 'Rooftop Hives',
      chapters: [{ start_time: 0, end_time: 50, title: 'On the roof' }],
      formats: [{ format_id: '18' }],
    };
    const loaded = await loadEpisodes(
      episodesDir({
        'hives [Qm3].en.vtt': vtt,
        'hives [Qm3].info.json': JSON.stringify(info),
        'hives [Qm3].meta.json': JSON.stringify({ show: 'Rooftop Hives Podcast' }),
        'other.vtt': vtt,
        'other.info.json': '{"upload_date": "14 Feb"}',
      }),
    );
    expect(loaded.episodes[0]).toMatchObject({
      id: 'hives-qm3',
      title: 'Honey above the bus garage',
      show: 'Rooftop Hives Podcast',
      published: '2026-02-14',
      duration: 110,
      videoUrl: 'https://www.youtube.com/watch?v=Qm3vX8rT2pA',
      chapters: [{ title: 'On the roof', start: 0 }],
    });
    expect(loaded.episodes[1]).toMatchObject({ id: 'other', title: 'other' });
    expect(loaded.warnings).toContainEqual(
      expect.objectContaining({
        file: 'other.info.json',
        severity: 'warning',
        message: expect.stringMatching(/upload_date/),
      }),
    );
  });
});

describe('files of no known kind', () => {
  it('are named with the reason, and warned about, never ignored in silence', async () => {
    const loaded = await loadEpisodes(
      episodesDir({ 'e167.txt': CONSOLE, 'cover.png': 'png', 'notes.docx': 'x' }),
    );
    expect(loaded.unknown.map((u) => u.file)).toEqual(['cover.png', 'notes.docx']);
    expect(loaded.unknown[0]?.reason).toMatch(/^not an episode source .*\.info\.json$/);
    expect(loaded.warnings.filter((w) => w.file === 'cover.png')).toHaveLength(1);
  });

  it('include a meta or info file with no episode of its stem to complete', async () => {
    const loaded = await loadEpisodes(
      episodesDir({
        'e167.txt': CONSOLE,
        'e167.meta.json': '{}',
        'e169.info.json': '{}',
        'e170.meta.json': '{}',
      }),
    );
    expect(loaded.unknown).toEqual([
      { file: 'e169.info.json', reason: 'no source or transcript of the same stem for it to complete' },
      { file: 'e170.meta.json', reason: 'no source or transcript of the same stem for it to complete' },
    ]);
  });
});

describe('captions that repeat', () => {
  const cue = (from: string, to: string, text: string) => `${from} --> ${to}\n${text}\n`;

  it('keeps a line said twice in captions a person typed', async () => {
    const typed = [
      'WEBVTT\nKind: captions\n',
      cue('00:00:01.000', '00:00:02.000', 'Yeah.'),
      cue('00:00:02.000', '00:00:03.000', 'Yeah.'),
    ];
    const loaded = await loadEpisodes(episodesDir({ 'typed.vtt': typed.join('\n') }));
    expect(loaded.episodes[0]?.transcript.map((c) => c.text)).toEqual(['Yeah.', 'Yeah.']);
    expect(loaded.setAside.map((line) => line.rule)).toEqual(['vtt:header', 'vtt:header']);
  });

  it('sets aside the repeats of rolling captions, even without word tags', async () => {
    const rolling = [
      'WEBVTT\n',
      cue('00:00:01.000', '00:00:02.990', 'the tide came in'),
      cue('00:00:02.990', '00:00:03.000', 'the tide came in'),
      cue('00:00:03.000', '00:00:05.000', 'the tide came in\nand the boats rose'),
    ];
    const loaded = await loadEpisodes(episodesDir({ 'rolling.vtt': rolling.join('\n') }));
    expect(loaded.episodes[0]?.transcript.map((c) => [c.start, c.text])).toEqual([
      [1, 'the tide came in'],
      [3, 'and the boats rose'],
    ]);
    expect(loaded.setAside.filter((line) => line.rule === 'caption:repeat').map((line) => line.line)).toEqual(
      [7, 10],
    );
  });
});
