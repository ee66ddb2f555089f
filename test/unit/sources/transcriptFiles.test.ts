import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashInputs } from '../../../src/index/store.js';
import { loadEpisodes } from '../../../src/sources/loadEpisodes.js';

/** Transcript files in an episodes directory, by the naming contract: `<stem><suffix>` beside `<stem>.txt|.json`. */

function episodesDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'podqa-transcripts-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

const VTT =
  'WEBVTT\n\n00:00:01.250 --> 00:00:04.000\n<v Maren>The herons are back.\n\n00:02:05.000 --> 00:02:09.000\n<v Ivo>Forty nests this spring.\n';
const PAGE = 'Tidewater Hour 2: Boats and birds\n0:00 Intro\n2:00 Heron rookery\n';

describe('transcript files', () => {
  it('joins the page of its stem, and is not read as an episode of its own', async () => {
    const loaded = await loadEpisodes(episodesDir({ 'ep2.txt': PAGE, 'ep2.vtt': VTT }));
    expect(loaded.episodes).toHaveLength(1);
    expect(loaded.episodes[0]?.transcript).toEqual([
      { start: 1.25, end: 4, speaker: 'Maren', text: 'The herons are back.' },
      { start: 125, end: 129, speaker: 'Ivo', text: 'Forty nests this spring.' },
    ]);
    expect(loaded.sources.map((s) => s.file)).toEqual(['ep2.txt', 'ep2.vtt']);
  });

  it('stands alone as an episode when no page shares its stem, titled by its header or its stem', async () => {
    const loaded = await loadEpisodes(
      episodesDir({
        'tidewater_ep9.transcript.json': JSON.stringify({ segments: [{ start: 0, end: 3, text: 'Hello.' }] }),
        'ep10.vtt': VTT.replace('WEBVTT', 'WEBVTT - Tidewater Hour 10'),
        'ep10.meta.json': JSON.stringify({ audioUrl: 'https://example.com/ep10.mp3' }),
      }),
    );
    expect(loaded.episodes.map((e) => [e.id, e.title, e.format, e.duration, e.chapters.length])).toEqual([
      ['ep10', 'Tidewater Hour 10', 'transcript', 129, 0],
      ['tidewater_ep9', 'tidewater ep9', 'transcript', 3, 0],
    ]);
    expect(loaded.episodes[0]?.audioUrl).toBe('https://example.com/ep10.mp3');
  });

  it('keeps the page when its transcript is unreadable, warning by file name', async () => {
    const loaded = await loadEpisodes(episodesDir({ 'ep2.txt': PAGE, 'ep2.srt': 'no cues at all' }));
    expect(loaded.episodes[0]?.transcript).toEqual([]);
    expect(loaded.warnings).toContainEqual(expect.objectContaining({ file: 'ep2.srt', severity: 'warning' }));
  });

  it('takes one transcript per episode, in the contract’s order, and says which was ignored', async () => {
    const loaded = await loadEpisodes(
      episodesDir({ 'ep2.txt': PAGE, 'ep2.vtt': VTT, 'ep2.transcript.txt': '[0:01] Other words.' }),
    );
    expect(loaded.episodes[0]?.transcript[0]?.text).toBe('The herons are back.');
    expect(loaded.warnings).toContainEqual(
      expect.objectContaining({ file: 'ep2.transcript.txt', message: expect.stringContaining('ep2.vtt') }),
    );
  });

  it('refuses a standalone transcript with no cues by name, and keeps the others', async () => {
    const loaded = await loadEpisodes(episodesDir({ 'bad.vtt': 'not webvtt', 'ep2.txt': PAGE }));
    expect(loaded.episodes.map((e) => e.id)).toEqual(['ep2']);
    expect(loaded.rejected).toEqual([{ file: 'bad.vtt', problems: [expect.objectContaining({ line: 1 })] }]);
  });

  it('counts as an input of the index, so adding or editing one makes the index stale', async () => {
    const dir = episodesDir({ 'ep2.txt': PAGE, 'ep2.vtt': VTT, 'ep3.transcript.html': '<p>[0:01] Hi.</p>' });
    const files = (await hashInputs(dir, join(dir, 'aliases.json'))).map((input) => input.file);
    expect(files).toEqual(['ep2.txt', 'ep2.vtt', 'ep3.transcript.html']);
  });
});
