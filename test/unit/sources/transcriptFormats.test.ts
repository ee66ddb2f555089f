import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPassages } from '../../../src/passages/passage.js';
import { loadEpisodes } from '../../../src/sources/loadEpisodes.js';
import { TRANSCRIPT_FIXTURES, fixtureDir } from '../../support/transcripts.js';

/**
 * Every transcript format podqa reads, from a fixture written for the project, read whole: the same
 * cues, passages and words as the same speech given as a canonical JSON document, every line either a
 * cue's words or set aside by a named rule.
 */

const onlyIn = (files: readonly string[], from: string) => {
  const dir = mkdtempSync(join(tmpdir(), 'podqa-format-'));
  for (const file of files) copyFileSync(join(from, file), join(dir, file));
  return dir;
};

const transcriptOf = (episode: Parameters<typeof buildPassages>[0]) => {
  const windows = buildPassages(episode).filter((passage) => passage.kind === 'transcript');
  return {
    passages: windows.length,
    words: windows.map((w) => w.text.split(/\s+/).length).reduce((a, b) => a + b, 0),
  };
};

describe.each(TRANSCRIPT_FIXTURES)('$format ($files.0)', (fixture) => {
  it('becomes one episode, titled by its meta, info or name, never refused and never a cue line', async () => {
    const loaded = await loadEpisodes(fixtureDir(fixture.files));
    expect(loaded.rejected).toEqual([]);
    expect(loaded.unknown).toEqual([]);
    expect(loaded.episodes.map((e) => [e.id, e.title, e.format])).toEqual([
      [fixture.id, fixture.title, 'transcript'],
    ]);
  });

  it('is read whole: the cues, passages and words of the same speech as canonical JSON', async () => {
    const [episode] = (await loadEpisodes(fixtureDir(fixture.files))).episodes;
    const canonical = await loadEpisodes(
      onlyIn([`${fixture.canonical}.json`], 'test/fixtures/transcripts/canonical'),
    );
    const [expected] = canonical.episodes;
    expect(canonical.rejected).toEqual([]);
    expect(episode?.transcript).toEqual(expected?.transcript);
    expect(transcriptOf(episode!)).toEqual(transcriptOf(expected!));
    expect(transcriptOf(episode!).passages).toBeGreaterThan(0);
  });

  it('sets aside only lines that are no words said, each by its named rule', async () => {
    const loaded = await loadEpisodes(fixtureDir(fixture.files));
    const byRule: Record<string, number> = {};
    for (const line of loaded.setAside) byRule[line.rule] = (byRule[line.rule] ?? 0) + 1;
    expect(byRule).toEqual(fixture.setAside);
  });

  it('loses no word: the coverage report counts every word searchable or set aside by a rule', async () => {
    const loaded = await loadEpisodes(fixtureDir(fixture.files));
    const files: readonly string[] = fixture.files;
    const transcript = loaded.coverage.filter((file) => files.includes(file.file));
    expect(transcript.length).toBeGreaterThan(0);
    for (const file of transcript) {
      expect(file.unexplained).toEqual({ words: 0, examples: [] });
      expect(file.searchable).toBeGreaterThan(0);
    }
  });
});
