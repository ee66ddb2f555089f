import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { queryMix, random, syntheticEpisode, vocabulary } from '../../../src/bench/corpus.js';
import { topFiveAgreement } from '../../../src/bench/agreement.js';
import { EpisodeIndex, passageWords } from '../../../src/index/EpisodeIndex.js';
import { buildIndexFile, rebuildIndex } from '../../../src/index/build.js';
import { mergeSegments } from '../../../src/index/merge.js';
import { planSlices } from '../../../src/index/parallelBuild.js';
import { SegmentedIndex } from '../../../src/index/segmented.js';
import { buildPassages } from '../../../src/passages/passage.js';
import { parseSource } from '../../../src/sources/loadEpisodes.js';

const logger = pino({ level: 'silent' });

/** A catalogue of `count` synthetic episodes, and the first takeaway of each (questions are made of them). */
function catalogue(count: number): {
  dataDir: string;
  texts: string[];
  vocab: ReturnType<typeof vocabulary>;
} {
  const dataDir = mkdtempSync(join(tmpdir(), 'podqa-parallel-'));
  mkdirSync(join(dataDir, 'episodes'));
  const vocab = vocabulary(random(1), 4000);
  const texts: string[] = [];
  for (let n = 0; n < count; n++) {
    const episode = syntheticEpisode(n, vocab, random(100 + n));
    texts.push(...episode.sections.flatMap((section) => section.bullets.slice(0, 1)));
    writeFileSync(join(dataDir, 'episodes', `${episode.id}.json`), JSON.stringify(episode));
  }
  return { dataDir, texts, vocab };
}

const answers = (index: Pick<SegmentedIndex, 'search'>, question: string) =>
  index.search(question).hits.map((hit) => [hit.passage.id, hit.score.toFixed(6), hit.terms.join('+')]);

describe('a full build in parallel', () => {
  it('builds a segment per slice of the sources, analysed with the whole catalogue, answering as one build does', async () => {
    const { dataDir, texts, vocab } = catalogue(24);
    // The acronym is defined in the first slice and used in the last: its passages are grouped alike.
    writeFileSync(
      join(dataDir, 'episodes', 'zz-pier.txt'),
      'Pier Talk\n0:00 Intro\n2:15 Divers inspected the TEA blades beside the pier at dawn\n',
    );
    writeFileSync(
      join(dataDir, 'episodes', 'aa-harbour.txt'),
      'Harbour Talk\n0:00 Intro\n4:10 The Tidal Energy Array (TEA) turns under the harbour wall\n',
    );
    // A refused source and a file of no known kind: what the parse says of them passes the hand-off.
    writeFileSync(join(dataDir, 'episodes', 'mm-broken.json'), '{"not": "an episode"');
    writeFileSync(join(dataDir, 'episodes', 'mm-cover.png'), 'png');
    const stored = await rebuildIndex({ dataDir, logger, sliceSources: 7 });
    expect(stored.segments).toHaveLength(4);
    expect(stored.manifest.counts.episodes).toBe(26);
    const parallel = SegmentedIndex.of(stored.segments);
    const { index: whole, file } = await buildIndexFile({ dataDir, logger });
    expect(stored.manifest.counts).toEqual(file.manifest.counts);
    expect(stored.manifest.rejected.map((r) => r.file)).toEqual(['mm-broken.json']);
    expect(stored.manifest.rejected).toEqual(file.manifest.rejected);
    expect(stored.manifest.warnings).toContainEqual(expect.objectContaining({ file: 'mm-cover.png' }));
    expect(stored.manifest.warnings).toEqual(file.manifest.warnings);
    expect(stored.manifest.fileCoverage).toEqual(file.manifest.fileCoverage);
    expect(stored.manifest.coverage).toEqual(file.manifest.coverage);
    expect(answers(parallel, 'tidal energy array divers')[0]?.[0]).toMatch(/^zz-pier#/);
    const questions = queryMix(random(7), vocab, texts, 1000);
    // Passages are analysed alike and scored with the catalogue's statistics; a weak partial match a
    // segment's own ranking cuts may differ (999 of these 1,000 top fives are the same).
    expect(topFiveAgreement(parallel, whole, questions)).toBeGreaterThanOrEqual(0.99);

    const merged = await mergeSegments({ dataDir }, { all: true });
    const one = SegmentedIndex.of(merged?.segments ?? []);
    for (const question of questions.slice(0, 200))
      expect(answers(one, question)).toEqual(answers(whole, question));
  }, 300_000);

  it('builds in one pass when two slices hold episodes of one id, refusing one as a full build does', async () => {
    const { dataDir } = catalogue(6);
    const copy = syntheticEpisode(0, vocabulary(random(1), 4000), random(100));
    writeFileSync(join(dataDir, 'episodes', 'zz-same.json'), JSON.stringify(copy));
    const stored = await rebuildIndex({ dataDir, logger, sliceSources: 3 });
    expect(stored.segments).toHaveLength(1);
    expect(stored.manifest.rejected.map((r) => r.file)).toEqual(['zz-same.json']);
  }, 120_000);

  it('indexes a slice from the words its first pass handed off exactly as from its passages', () => {
    const vocab = vocabulary(random(1), 4000);
    const episodes = Array.from({ length: 4 }, (_, n) => {
      const document = syntheticEpisode(n, vocab, random(100 + n));
      return parseSource(`${document.id}.json`, JSON.stringify(document)).episode;
    });
    // Two-word phrases of WordNet, which the handed-off words must carry too.
    const phrases = 'Pier Talk\n0:00 Intro\n2:15 Real estate by the pier, and ice cream at dawn\n';
    episodes.push(parseSource('pier.txt', phrases).episode);
    const passages = episodes.flatMap((episode) => (episode ? buildPassages(episode) : []));
    const own = deserialize(serialize(passageWords(passages))) as ReturnType<typeof passageWords>;
    const handed = EpisodeIndex.build(passages, [], undefined, { tokens: ['datacenters'], own }).parts;
    const read = EpisodeIndex.build(passages, [], undefined, { tokens: ['datacenters'] }).parts;
    expect(own.pairs.size).toBeGreaterThan(0);
    expect(handed.lexicon).toEqual(read.lexicon);
    expect(handed.postings).toEqual(read.postings);
    expect(handed.table).toEqual(read.table);
  });

  describe('slices', () => {
    const names = ['b.txt', 'a.json', 'c.txt', 'c.meta.json', 'c.vtt', 'd.json', 'e.txt', 'f.txt', 'g.txt'];

    it('keeps a stem whole and the names in order', () => {
      expect(planSlices(names, 4, 1)).toEqual([
        ['a.json', 'b.txt', 'c.meta.json', 'c.txt', 'c.vtt'],
        ['d.json', 'e.txt', 'f.txt', 'g.txt'],
      ]);
    });

    it('makes more, even slices when there are more than cores, so no last slice runs alone', () => {
      // Seven stems at most 3 a slice is three slices; on two cores, four of one or two stems.
      const slices = planSlices(names, 3, 2);
      expect(slices.map((slice) => new Set(slice.map((name) => name.split('.')[0])).size)).toEqual([
        1, 2, 2, 2,
      ]);
      expect(slices.flat().sort()).toEqual([...names].sort());
      expect(planSlices(names, 2, 4)).toHaveLength(4);
      expect(planSlices(names, 1, 4)).toHaveLength(8);
    });

    it('leaves fewer slices than cores as they are: each runs at once', () => {
      expect(planSlices(names, 4, 8)).toHaveLength(2);
      expect(planSlices(names, 7, 2)).toHaveLength(1);
    });
  });
});
