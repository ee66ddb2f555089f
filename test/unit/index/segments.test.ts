import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EpisodeLibrary } from '../../../src/answers/library.js';
import { MERGE_AT } from '../../../src/index/merge.js';
import { copyOfData, recordingLogger } from '../../support/data.js';

/** The manifest as written: its segments' data files and deletion sets. */
const segmentsOf = (dataDir: string): { file: string; deleted: string[] }[] =>
  JSON.parse(readFileSync(join(dataDir, 'index.json'), 'utf8')).segments;

async function open(dataDir: string) {
  const { logger, lines } = recordingLogger();
  const library = await EpisodeLibrary.open({ dataDir, logger });
  return { library, lines: lines.map((line) => line.msg) };
}

const PAGE =
  'Harbour Talk\n0:00 Intro\n4:10 The lighthouse keeper logs every brigantine that anchors offshore\n';

describe('index segments', () => {
  it('indexes an added source as a new segment beside the old one, answering from both', async () => {
    const dir = copyOfData();
    await open(dir);
    const [base] = segmentsOf(dir);
    writeFileSync(join(dir, 'episodes/harbour.txt'), PAGE);
    const { library, lines } = await open(dir);
    expect(lines).toEqual(['updating the index: sources changed (added: harbour.txt)']);
    const segments = segmentsOf(dir);
    expect(segments).toHaveLength(2);
    expect(segments[0]).toMatchObject({ file: base?.file, deleted: [] });
    expect(library.ask('brigantine lighthouse keeper').results[0]).toMatchObject({
      episodeId: 'harbour',
      timestamp: '4:10',
    });
    expect(library.ask('what did they say about HBM').results[0]?.episodeId).toBe('socialists-sweep-nyc');
    expect(library.report).toMatchObject({ episodes: 3 });
    // Opened again, the two segments are the index: nothing is rebuilt.
    expect((await open(dir)).lines).toEqual([]);
  });

  it('deletes a changed episode from its old segment and answers only its new text', async () => {
    const dir = copyOfData();
    writeFileSync(join(dir, 'episodes/harbour.txt'), PAGE);
    await open(dir);
    writeFileSync(
      join(dir, 'episodes/harbour.txt'),
      PAGE.replace('brigantine that anchors offshore', 'schooner that moors at the quay'),
    );
    const { library } = await open(dir);
    const segments = segmentsOf(dir);
    expect(segments.map((segment) => segment.deleted)).toEqual([['harbour'], []]);
    expect(library.ask('brigantine anchors offshore').results).toEqual([]);
    expect(library.ask('schooner moors quay').results[0]?.episodeId).toBe('harbour');
    expect(library.episodes().filter((episode) => episode.id === 'harbour')).toHaveLength(1);
    expect(library.report).toMatchObject({ episodes: 3 });
  });

  it('deletes the episode of a removed source, and drops a segment once all of it is deleted', async () => {
    const dir = copyOfData();
    await open(dir);
    writeFileSync(join(dir, 'episodes/harbour.txt'), PAGE);
    await open(dir);
    rmSync(join(dir, 'episodes/harbour.txt'));
    const { library, lines } = await open(dir);
    expect(lines).toEqual(['updating the index: sources changed (removed: harbour.txt)']);
    expect(segmentsOf(dir)).toHaveLength(1);
    expect(library.ask('brigantine lighthouse keeper').results).toEqual([]);
    expect(library.episodes().map((episode) => episode.id)).not.toContain('harbour');
    // The dropped segment's data file is removed with the manifest that named it.
    expect(readdirSync(dir).filter((name) => name.endsWith('.bin'))).toHaveLength(1);
  });

  it('rebuilds whole when the aliases change: they shape every passage', async () => {
    const dir = copyOfData();
    await open(dir);
    writeFileSync(join(dir, 'aliases.json'), JSON.stringify({ groups: [['brigantine', 'two-master']] }));
    const { lines } = await open(dir);
    expect(lines[0]).toMatch(/^rebuilding the index: sources changed \(changed: \.\.\/aliases\.json\)/);
    expect(segmentsOf(dir)).toHaveLength(1);
  });

  it('reports a source refused in an update, and forgets it once fixed', async () => {
    const dir = copyOfData();
    await open(dir);
    writeFileSync(join(dir, 'episodes/broken.json'), '{"not": "an episode"');
    expect((await open(dir)).library.report.rejected.map(({ file }) => file)).toEqual(['broken.json']);
    writeFileSync(join(dir, 'episodes/broken.json'), JSON.stringify({ title: 'Fixed', chapters: [] }));
    const { library } = await open(dir);
    expect(library.report.rejected).toEqual([]);
  });

  it('swaps a running library to the new segment on reindex, keeping its open segment', async () => {
    const dir = copyOfData();
    const { library } = await open(dir);
    const [base] = segmentsOf(dir);
    writeFileSync(join(dir, 'episodes/harbour.txt'), PAGE);
    const report = await library.reindex();
    expect(report).toMatchObject({ episodes: 3 });
    expect(segmentsOf(dir).map((segment) => segment.file)[0]).toBe(base?.file);
    expect(library.ask('brigantine lighthouse keeper').results[0]?.episodeId).toBe('harbour');
    expect(library.timeline('brigantine lighthouse').entries.map((entry) => entry.episodeId)).toContain(
      'harbour',
    );
  }, 60_000);

  it("analyses a new segment with the catalogue's acronyms and compounds, as a full build does", async () => {
    const dir = copyOfData();
    await open(dir);
    writeFileSync(
      join(dir, 'episodes/harbour.txt'),
      `${PAGE}9:30 The Tidal Energy Array (TEA) turns under the pier, and its breakwater holds\n`,
    );
    await open(dir);
    // A later source uses the acronym without defining it, and writes the compound as two words.
    writeFileSync(
      join(dir, 'episodes/quay.txt'),
      'Quay Talk\n0:00 Intro\n2:15 Divers inspected the TEA blades beside the break water at dawn\n',
    );
    const { library } = await open(dir);
    expect(segmentsOf(dir)).toHaveLength(3);
    const asked = (question: string) =>
      library.ask(question).results.map(({ episodeId, timestamp }) => `${episodeId} ${timestamp}`);
    expect(asked('tidal energy array blades divers')[0]).toBe('quay 2:15');
    const segmented = asked('divers breakwater tidal energy array');
    rmSync(join(dir, 'index.json'));
    const { library: rebuilt, lines } = await open(dir);
    expect(lines[0]).toMatch(/^rebuilding the index/);
    expect(segmented).toEqual(
      rebuilt
        .ask('divers breakwater tidal energy array')
        .results.map(({ episodeId, timestamp }) => `${episodeId} ${timestamp}`),
    );
    expect(segmented[0]).toBe('quay 2:15');
  });

  it('indexes an older episode again when a new source defines an acronym it uses, as a full build analyses it', async () => {
    const dir = copyOfData();
    await open(dir);
    writeFileSync(
      join(dir, 'episodes/quay.txt'),
      'Quay Talk\n0:00 Intro\n2:15 Divers inspected the TEA blades at dawn\n',
    );
    await open(dir);
    writeFileSync(
      join(dir, 'episodes/harbour.txt'),
      `${PAGE}9:30 The Tidal Energy Array (TEA) turns under the pier\n`,
    );
    const { library, lines } = await open(dir);
    expect(lines).toEqual(['updating the index: sources changed (added: harbour.txt)']);
    // The quay's segment is left with nothing live, so it is dropped; the quay is in the new one.
    expect(segmentsOf(dir)).toHaveLength(2);
    expect(library.ask('tidal energy array divers').results[0]).toMatchObject({
      episodeId: 'quay',
      timestamp: '2:15',
    });
  });

  it('merges small segments in the background once the policy asks, answering the same', async () => {
    const dir = copyOfData();
    const { library } = await open(dir);
    for (let n = 0; n < MERGE_AT; n++) {
      writeFileSync(join(dir, `episodes/harbour-${n}.txt`), PAGE.replace('brigantine', `brigantine${n}`));
      await library.reindex();
    }
    await library.mergesSettled();
    expect(segmentsOf(dir)).toHaveLength(2);
    for (let n = 0; n < MERGE_AT; n++) {
      expect(library.ask(`brigantine${n} lighthouse keeper`).results[0]?.episodeId).toBe(`harbour-${n}`);
    }
    expect(library.report).toMatchObject({ episodes: 2 + MERGE_AT });
  }, 240_000);

  it("reports the sources' coverage after an update as a full build of them does", async () => {
    const dir = copyOfData();
    const before = (await open(dir)).library.report.coverage;
    writeFileSync(join(dir, 'episodes/harbour.txt'), `${PAGE}Follow us on our socials for more\n`);
    const updated = (await open(dir)).library.report.coverage;
    expect(segmentsOf(dir)).toHaveLength(2);
    expect(updated?.files).toBe((before?.files ?? 0) + 1);
    const { logger } = recordingLogger();
    expect(updated).toEqual((await EpisodeLibrary.rebuild({ dataDir: dir, logger })).report.coverage);
    rmSync(join(dir, 'episodes/harbour.txt'));
    expect((await open(dir)).library.report.coverage).toEqual(before);
  });

  it("scopes a server's view over several segments: only its episodes are searched and counted", async () => {
    const dir = copyOfData();
    writeFileSync(join(dir, 'episodes/harbour.txt'), PAGE);
    await open(dir);
    writeFileSync(join(dir, 'episodes/harbour.txt'), PAGE.replace('Harbour Talk', 'Harbour Talk again'));
    const { library } = await open(dir);
    expect(segmentsOf(dir)).toHaveLength(2);
    const harbour = library.within({ only: new Set(['harbour']) });
    const others = library.within({ except: new Set(['harbour']) });
    expect(harbour.ask('brigantine lighthouse keeper').results[0]?.episodeId).toBe('harbour');
    expect(others.ask('brigantine lighthouse keeper').results).toEqual([]);
    const all = library.facts().passages;
    expect(harbour.facts().passages).toBeGreaterThan(0);
    expect(harbour.facts().passages + others.facts().passages).toBe(all);
    expect(all).toBe(library.report.passages);
  });
});
