import { appendFileSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReindexInProgressError } from '../../../src/answers/engine.js';
import { EpisodeLibrary } from '../../../src/answers/library.js';
import { copyOfData, recordingLogger } from '../../support/data.js';

async function open(dataDir: string) {
  const { logger, lines } = recordingLogger();
  const library = await EpisodeLibrary.open({ dataDir, logger });
  return { library, lines: lines.map((line) => line.msg) };
}

describe('EpisodeLibrary', () => {
  it('answers the quick-start question with the Micron passages at 1:01:46 and a link to that moment', async () => {
    const { library } = await open(copyOfData());
    const answer = library.ask('what did they say about HBM');
    expect(answer.results[0]).toMatchObject({
      episodeId: 'socialists-sweep-nyc',
      section: 'Micron Technology (MU)',
      start: 3706,
      timestamp: '1:01:46',
      approximate: true,
      url: 'https://www.youtube.com/watch?v=w8ah_tA0yfg&t=3706s',
    });
    const [first] = answer.results;
    expect(first?.marks.map(([s, e]) => first.text.slice(s, e))).toContain('HBM');
  });

  it('builds the index when missing, then loads it without rebuilding', async () => {
    const dir = copyOfData();
    expect((await open(dir)).lines).toContain('rebuilding the index: no index file yet');
    expect((await open(dir)).lines).toEqual([]);
  });

  it('opens an index of no episodes (every source refused) instead of rebuilding it', async () => {
    const dir = copyOfData();
    for (const name of readdirSync(join(dir, 'episodes'))) rmSync(join(dir, 'episodes', name));
    writeFileSync(join(dir, 'episodes/refused.json'), '{"not": "an episode"');
    expect((await open(dir)).lines).toContain('rebuilding the index: no index file yet');
    const again = await open(dir);
    expect(again.lines).toEqual([]);
    expect(again.library.report.rejected.map((r) => r.file)).toEqual(['refused.json']);
  });

  it('rebuilds, saying why, when the sources changed', async () => {
    const dir = copyOfData();
    await open(dir);
    appendFileSync(join(dir, 'episodes/000_18c48776791e99b0.txt'), '\n');
    writeFileSync(join(dir, 'episodes/new.txt'), 'New Show\n0:00 Intro\n');
    const { library, lines } = await open(dir);
    expect(lines[0]).toMatch(/sources changed \(changed: 000_18c48776791e99b0\.txt; added: new\.txt\)/);
    expect(library.episodes().map((e) => e.id)).toContain('new');
  });

  it.each([
    ['truncated', (text: string) => text.slice(0, text.length / 2), /corrupt/],
    [
      'of another format',
      (text: string) => text.replace(/"formatVersion":\d+/, '"formatVersion":1'),
      /format 1/,
    ],
    ['not an index', () => '{"hello": "world"}', /format undefined/],
    [
      'built with another analysis',
      (text: string) => text.replace(/"analysis":"\w+"/, '"analysis":"older"'),
      /built with other stopwords or synonyms/,
    ],
  ])('rebuilds from the sources when the index file is %s', async (_, damage, reason) => {
    const dir = copyOfData();
    await open(dir);
    const path = join(dir, 'index.json');
    writeFileSync(path, damage(readFileSync(path, 'utf8')));
    const { library, lines } = await open(dir);
    expect(lines[0]).toMatch(reason);
    expect(library.ask('HBM').results.length).toBeGreaterThan(0);
    expect(JSON.parse(readFileSync(path, 'utf8')).manifest.counts.episodes).toBe(2);
  });

  it('keeps serving the old index, and the old file whole, when a rebuild fails', async () => {
    const dir = copyOfData();
    const { library } = await open(dir);
    const before = readFileSync(join(dir, 'index.json'), 'utf8');
    rmSync(join(dir, 'episodes'), { recursive: true });
    await expect(library.reindex()).rejects.toThrow(/cannot read the episodes directory/);
    expect(readFileSync(join(dir, 'index.json'), 'utf8')).toBe(before);
    expect(library.episodes()).toHaveLength(2);
    expect(library.ask('HBM').results.length).toBeGreaterThan(0);
    expect(readdirSync(dir).filter((name) => name.startsWith('index.json.'))).toEqual([]);
  });

  it('refuses a second reindex while one runs, and answers from the old index meanwhile', async () => {
    const dir = copyOfData();
    const { library } = await open(dir);
    writeFileSync(join(dir, 'episodes/new.txt'), 'Brand New Show about Zeppelins\n0:00 Zeppelins\n');
    const first = library.reindex();
    await expect(library.reindex()).rejects.toBeInstanceOf(ReindexInProgressError);
    expect(library.ask('zeppelins').results).toEqual([]);
    const report = await first;
    expect(report).toMatchObject({ episodes: 3, rejected: [] });
    expect(library.ask('zeppelins').results[0]?.episodeId).toBe('new');
  });

  it('warms each index when long-running: answers the same meanwhile and after, and swaps in a warm rebuild', async () => {
    const dir = copyOfData();
    const { logger, lines } = recordingLogger();
    const warm = await EpisodeLibrary.open({ dataDir: dir, logger, warm: true });
    const cold = await EpisodeLibrary.open({ dataDir: dir, logger });
    const during = warm.ask('what did they say about HBM');
    await warm.warmedUp();
    const strip = ({ tookMs: _ms, ...answer }: ReturnType<EpisodeLibrary['ask']>) => answer;
    expect(strip(during)).toEqual(strip(cold.ask('what did they say about HBM')));
    expect(strip(warm.ask('what did they say about HBM'))).toEqual(strip(during));
    writeFileSync(join(dir, 'episodes/new.txt'), 'Brand New Show about Zeppelins\n0:00 Zeppelins\n');
    await warm.reindex();
    expect(warm.ask('zeppelins').results[0]?.episodeId).toBe('new');
    expect(lines.filter((line) => line.level >= 40)).toEqual([]);
  });

  it('reports refused files with their problems', async () => {
    const dir = copyOfData();
    writeFileSync(join(dir, 'episodes/broken.json'), '{"title": 42}');
    const { library } = await open(dir);
    expect(library.report.rejected).toEqual([
      {
        file: 'broken.json',
        problems: [expect.objectContaining({ message: expect.stringMatching(/^title: /) })],
      },
    ]);
  });

  it('answers the spelling correction when the question as typed finds nothing, and says so', async () => {
    const { library } = await open(copyOfData());
    const corrected = library.ask('chna coding');
    expect(corrected).toMatchObject({
      query: 'chna coding',
      showingResultsFor: 'china coding',
      suggestions: [],
    });
    expect(corrected.results.map((r) => r.passageId)).toEqual(
      library.ask('china coding').results.map((r) => r.passageId),
    );
    expect(corrected.results.length).toBeGreaterThan(0);
    expect(library.ask('china coding').showingResultsFor).toBeNull();
    // A correction that matches only in part is another question: it stays a suggestion.
    expect(library.ask('chipotle quarterly earnings')).toMatchObject({
      results: [],
      showingResultsFor: null,
      suggestions: ['chipotle quarter earnings'],
    });
    // An English word the pages never use is asked as meant, not answered as its nearest spelling.
    expect(library.ask('gold prices')).toMatchObject({ results: [], showingResultsFor: null });
    const nothing = library.ask('nvdia earnings');
    expect(nothing).toMatchObject({ results: [], showingResultsFor: null, suggestions: ['nvidia earnings'] });
  });

  it('pages through one result set and says when an episode does not exist', async () => {
    const { library } = await open(copyOfData());
    const all = library.ask('chips', { limit: 50 });
    const second = library.ask('chips', { limit: 2, offset: 2 });
    expect(second.results.map((r) => r.passageId)).toEqual(all.results.slice(2, 4).map((r) => r.passageId));
    expect(library.ask('chips', { episodeId: 'nope' }).notice).toMatch(/No episode "nope"/);
  });
});
