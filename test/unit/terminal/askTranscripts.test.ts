import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as ask } from '../../../src/terminal/ask.js';
import { captureIo } from '../../support/io.js';
import { TRANSCRIPT_FIXTURES, fixtureDir } from '../../support/transcripts.js';

/**
 * From a transcript file as people have it to `npm run ask -- --json`: every format's fixture in one
 * episodes folder, each asked about one thing its speech says once.
 */

const dataDir = mkdtempSync(join(tmpdir(), 'podqa-transcripts-data-'));
fixtureDir(
  TRANSCRIPT_FIXTURES.flatMap((fixture) => fixture.files),
  join(dataDir, 'episodes'),
);

/** How far an answer's moment may lie from the start of the cue holding the words. */
const WITHIN_SECONDS = 15;

describe.each(TRANSCRIPT_FIXTURES)('npm run ask over $format', (fixture) => {
  it('answers from the right episode, as transcript, at the cue holding the words', async () => {
    const io = captureIo({ DATA_DIR: dataDir });
    expect(await ask(['--json', fixture.question], io)).toBe(0);
    const [top] = JSON.parse(io.stdout.join('\n')).results;
    expect(top).toMatchObject({ episodeId: fixture.id, episodeTitle: fixture.title, kind: 'transcript' });
    if (fixture.at === null) {
      expect(top.start).toBeNull();
    } else {
      expect(Math.abs(top.start - fixture.at)).toBeLessThanOrEqual(WITHIN_SECONDS);
      expect(top.timestamp).not.toBeNull();
    }
  });
});

describe('a transcript answer’s link', () => {
  it('points at the cue holding the words, not at the start of its window', async () => {
    const io = captureIo({ DATA_DIR: dataDir });
    await ask(['--json', 'shallow birdbath full of pebbles'], io);
    const [top] = JSON.parse(io.stdout.join('\n')).results;
    // The window runs from the chapter at 50 s; the words were said at 73 s.
    expect(top).toMatchObject({
      start: 73,
      timestamp: '1:13',
      url: 'https://www.youtube.com/watch?v=Qm3vX8rT2pA&t=73s',
    });
    const audio = captureIo({ DATA_DIR: dataDir });
    await ask(['--json', 'trawler dragged the cable lobster pot'], audio);
    expect(JSON.parse(audio.stdout.join('\n')).results[0].url).toBe(
      'https://podcasts.example.com/deep-line/7.mp3#t=79',
    );
  });
});
