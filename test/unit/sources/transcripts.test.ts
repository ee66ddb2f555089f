import { describe, expect, it } from 'vitest';
import { joinFragments } from '../../../src/sources/transcripts/jsonTranscript.js';
import { parseTimecode } from '../../../src/sources/transcripts/cues.js';
import {
  isTranscriptFile,
  readTranscript,
  transcriptStem,
} from '../../../src/sources/transcripts/readTranscript.js';

/** Transcripts of "The Tidewater Hour", a fictional show written for these tests. */

describe('timecodes', () => {
  it('reads VTT, SRT and plain forms with the fraction kept', () => {
    expect(parseTimecode('01:02:03.250')).toBe(3723.25);
    expect(parseTimecode('00:01:48,5')).toBe(108.5);
    expect(parseTimecode('2:05')).toBe(125);
    expect(parseTimecode('1:02:03')).toBe(3723);
  });
  it('refuses malformed ones', () => {
    expect(parseTimecode('00:60:00.000')).toBeNull();
    expect(parseTimecode('1:2')).toBeNull();
    expect(parseTimecode('abc')).toBeNull();
  });
});

describe('file naming', () => {
  it('tells transcripts by suffix and gives the stem they share with their episode', () => {
    expect(isTranscriptFile('ep12.vtt')).toBe(true);
    expect(isTranscriptFile('ep12.transcript.json')).toBe(true);
    expect(isTranscriptFile('ep12.json')).toBe(false);
    expect(isTranscriptFile('ep12.txt')).toBe(false);
    expect(transcriptStem('ep12.transcript.html')).toBe('ep12');
    expect(transcriptStem('ep12.srt')).toBe('ep12');
  });
});

describe('WebVTT', () => {
  const vtt = [
    'WEBVTT - Tidewater Hour 12: Salt marshes',
    'Kind: captions',
    '',
    'STYLE',
    '::cue { color: white }',
    '',
    'NOTE written for the tests',
    'spanning two lines',
    '',
    'intro-1',
    '00:00:01.500 --> 00:00:04.000 align:start position:10%',
    '<v Maren Holt>Welcome back to <i>the</i> Tidewater Hour.</v>',
    '',
    '00:00:04.000 --> 00:00:09.250',
    '<v.guest Ivo Brandt><c.yellow>Thanks</c> for having me &amp; my <00:00:05.000>notes.',
    '',
    '00:00:09.250 --> 00:0x:12.000',
    'broken timing',
    '',
    '00:00:12.000 --> 00:00:15.000',
    'No voice here.',
  ].join('\n');

  it('reads cues with voices, settings, notes and tags', () => {
    const read = readTranscript('ep.vtt', vtt);
    expect(read.title).toBe('Tidewater Hour 12: Salt marshes');
    expect(read.cues).toEqual([
      { start: 1.5, end: 4, speaker: 'Maren Holt', text: 'Welcome back to the Tidewater Hour.' },
      { start: 4, end: 9.25, speaker: 'Ivo Brandt', text: 'Thanks for having me & my notes.' },
      { start: 12, end: 15, speaker: null, text: 'No voice here.' },
    ]);
  });

  it('names the line of a malformed timing, and keeps the rest', () => {
    const read = readTranscript('ep.vtt', vtt);
    expect(read.problems).toEqual([
      expect.objectContaining({
        file: 'ep.vtt',
        line: 17,
        severity: 'warning',
        message: expect.stringContaining('00:0x:12.000'),
      }),
    ]);
  });

  it('refuses a file without the WEBVTT header', () => {
    const read = readTranscript('ep.vtt', '00:00:01.000 --> 00:00:02.000\nHi.');
    expect(read.cues).toEqual([]);
    expect(read.problems[0]).toMatchObject({ file: 'ep.vtt', line: 1, severity: 'error' });
  });
});

describe('SRT', () => {
  it('reads numbered cues, strips tags and takes a leading name as the speaker', () => {
    const srt = [
      '1',
      '00:00:01,000 --> 00:00:03,500',
      '<i>Maren:</i> The tide came in early.',
      '',
      '2',
      '00:00:03,500 --> 00:00:06,000',
      '{\\an8}Two lines',
      'of one cue.',
      '',
    ].join('\r\n');
    expect(readTranscript('ep.srt', srt).cues).toEqual([
      { start: 1, end: 3.5, speaker: 'Maren', text: 'The tide came in early.' },
      { start: 3.5, end: 6, speaker: null, text: 'Two lines of one cue.' },
    ]);
  });

  it('refuses a file with no cue', () => {
    expect(readTranscript('ep.srt', 'just words').problems[0]).toMatchObject({
      severity: 'error',
      file: 'ep.srt',
    });
  });
});

describe('JSON transcripts, told by content', () => {
  it('reads Podcasting 2.0 segments and joins one speaker’s words into sentences', () => {
    const json = JSON.stringify({
      version: '1.0.0',
      segments: [
        { speaker: 'Maren', startTime: 0.5, endTime: 0.9, body: 'Oysters' },
        { speaker: 'Maren', startTime: 0.9, endTime: 1.4, body: 'filter' },
        { speaker: 'Maren', startTime: 1.4, endTime: 2.0, body: 'water.' },
        { speaker: 'Ivo', startTime: 2.2, endTime: 2.8, body: 'Fifty' },
        { speaker: 'Ivo', startTime: 2.8, endTime: 3.5, body: 'gallons' },
      ],
    });
    expect(readTranscript('ep.transcript.json', json).cues).toEqual([
      { start: 0.5, end: 2, speaker: 'Maren', text: 'Oysters filter water.' },
      { start: 2.2, end: 3.5, speaker: 'Ivo', text: 'Fifty gallons' },
    ]);
  });

  it('reads YouTube json3 events', () => {
    const json = JSON.stringify({
      wireMagic: 'pb3',
      events: [
        { tStartMs: 0, dDurationMs: 1000 },
        { tStartMs: 1200, dDurationMs: 2300, segs: [{ utf8: 'the marsh ' }, { utf8: 'is rising.' }] },
        { tStartMs: 3500, dDurationMs: 1000, segs: [{ utf8: '\n' }] },
        { tStartMs: 30000, dDurationMs: 1500, segs: [{ utf8: 'Next topic.' }] },
      ],
    });
    expect(readTranscript('ep.transcript.json', json).cues).toEqual([
      { start: 1.2, end: 3.5, speaker: null, text: 'the marsh is rising.' },
      { start: 30, end: 31.5, speaker: null, text: 'Next topic.' },
    ]);
  });

  it('reads Whisper segments, with whisperX speakers when present', () => {
    const json = JSON.stringify({
      text: 'ignored',
      segments: [
        { id: 0, start: 0, end: 4.2, text: ' Herons nest here.', speaker: 'SPEAKER_00' },
        { id: 1, start: 4.2, end: 8, text: ' Every spring.' },
      ],
    });
    expect(readTranscript('ep.transcript.json', json).cues).toEqual([
      { start: 0, end: 4.2, speaker: 'SPEAKER_00', text: 'Herons nest here.' },
      { start: 4.2, end: 8, speaker: null, text: 'Every spring.' },
    ]);
  });

  it('skips a bad segment with its index, and refuses unknown JSON by name', () => {
    const bad = JSON.stringify({
      segments: [
        { start: 0, end: 1, text: 'Fine.' },
        { start: 'x', end: 2, text: 'Bad.' },
      ],
    });
    const read = readTranscript('ep.transcript.json', bad);
    expect(read.cues).toHaveLength(1);
    expect(read.problems[0]?.message).toMatch(/^segments\[1\]\.start: .*Whisper JSON/);
    const unknown = readTranscript('ep.transcript.json', '{"words": []}');
    expect(unknown.problems[0]).toMatchObject({
      severity: 'error',
      message: expect.stringContaining('unknown transcript JSON'),
    });
    expect(readTranscript('ep.transcript.json', '{oops').problems[0]?.message).toMatch(/^invalid JSON/);
  });
});

describe('plain text and HTML', () => {
  it('reads every stamped form, speakers first or alone on their line', () => {
    const text = [
      'The Tidewater Hour 12: Salt marshes',
      '',
      '[0:00:05] Maren: Welcome back.',
      '(0:00:09) We start with the marsh.',
      '0:00:15 Ivo Brandt: It is rising',
      'faster than expected.',
      '00:00:21.500 | Pipe-separated words.',
      'Maren Holt (00:01:48)',
      'Words on the next line.',
      '[00:02:10] Ivo',
      'More words.',
    ].join('\n');
    const read = readTranscript('ep.transcript.txt', text);
    expect(read.title).toBe('The Tidewater Hour 12: Salt marshes');
    expect(read.cues).toEqual([
      { start: 5, end: 9, speaker: 'Maren', text: 'Welcome back.' },
      { start: 9, end: 15, speaker: null, text: 'We start with the marsh.' },
      { start: 15, end: 21.5, speaker: 'Ivo Brandt', text: 'It is rising faster than expected.' },
      { start: 21.5, end: 108, speaker: null, text: 'Pipe-separated words.' },
      { start: 108, end: 130, speaker: 'Maren Holt', text: 'Words on the next line.' },
      { start: 130, end: null, speaker: 'Ivo', text: 'More words.' },
    ]);
  });

  it('warns about a cue that goes back in time, naming its line', () => {
    const read = readTranscript('ep.transcript.txt', '[0:10] Later.\n[0:05] Earlier.\n[0:20] Last.');
    expect(read.cues.map((cue) => cue.start)).toEqual([10, 20]);
    expect(read.problems).toEqual([expect.objectContaining({ line: 2, severity: 'warning' })]);
  });

  it('strips HTML and takes the page title', () => {
    const html =
      '<html><head><title>Tidewater &amp; Friends</title><style>p{}</style></head><body>' +
      '<p><b>[0:01]</b> Maren: Hello <em>there</em>.</p><p>[0:04] Ivo: Hi.</p><script>var x = "[0:09] no";</script></body></html>';
    const read = readTranscript('ep.transcript.html', html);
    expect(read.title).toBe('Tidewater & Friends');
    expect(read.cues).toEqual([
      { start: 1, end: 4, speaker: 'Maren', text: 'Hello there .' },
      { start: 4, end: null, speaker: 'Ivo', text: 'Hi.' },
    ]);
  });
});

describe('joining fragments', () => {
  it('never joins across speakers or past 20 s', () => {
    const cues = joinFragments([
      { start: 0, end: 1, speaker: 'A', text: 'one' },
      { start: 25, end: 26, speaker: 'A', text: 'two' },
      { start: 26, end: 27, speaker: 'B', text: 'three' },
    ]);
    expect(cues.map((cue) => cue.text)).toEqual(['one', 'two', 'three']);
  });
});
