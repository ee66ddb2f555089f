import { describe, expect, it } from 'vitest';
import { queryMix, random, syntheticEpisode, vocabulary } from '../../../src/bench/corpus.js';
import type { Episode } from '../../../src/episodes/schema.js';
import { EpisodeIndex, MAX_HITS } from '../../../src/index/EpisodeIndex.js';
import { buildPassages } from '../../../src/passages/passage.js';
import { parseSource } from '../../../src/sources/loadEpisodes.js';
import { ReferenceIndex } from '../../support/referenceIndex.js';

/**
 * The one-pass engine answers as today's MiniSearch-search-based ranking did (kept in the test folder
 * as the reference): over a synthetic catalogue and the bench's mix of questions (whole, misspelt,
 * half-typed, made-up), the same passages in the same order, except passages whose scores tie exactly.
 * EQUIVALENCE_PASSAGES and EQUIVALENCE_QUESTIONS change its size (defaults: 30,000 and 2,000, as the
 * scale issue asks; about 30 s on two cores).
 */
const PASSAGES = Number(process.env.EQUIVALENCE_PASSAGES ?? 30_000);
const QUESTIONS = Number(process.env.EQUIVALENCE_QUESTIONS ?? 2_000);

function catalogue(size: number): { episodes: Episode[]; texts: string[] } {
  const rand = random(42);
  const vocab = vocabulary(random(1));
  const episodes: Episode[] = [];
  const texts: string[] = [];
  for (let n = 0, passages = 0; passages < size; n++) {
    const document = syntheticEpisode(n, vocab, rand);
    const { episode } = parseSource(`${document.id}.json`, JSON.stringify(document));
    if (!episode) throw new Error(`synthetic episode ${n} did not parse`);
    episodes.push(episode);
    passages += buildPassages(episode).length;
    if (rand() < 0.3) texts.push(document.sections[0]?.bullets[0] ?? document.title);
  }
  return { episodes, texts };
}

/**
 * Hits as passage ids in runs of equal score (a run's order is free), with scores to 9 significant
 * digits: pruned questions sum their terms in another order than MiniSearch, so scores may differ in
 * the last bits, and exact ties become near ones. When the hits stop at MAX_HITS, the last run may
 * have been cut: which of its tied passages made the cut is free too, so only its size is kept.
 */
const runs = (hits: readonly { passage: { id: string }; score: number }[]) => {
  const out: { score: number; ids: string[] }[] = [];
  for (const hit of hits) {
    const last = out.at(-1);
    if (last && Math.abs(last.score - hit.score) <= 1e-9 * Math.abs(hit.score)) last.ids.push(hit.passage.id);
    else out.push({ score: hit.score, ids: [hit.passage.id] });
  }
  const cut = hits.length === MAX_HITS ? out.at(-1) : undefined;
  return out.map(({ score, ids }) => ({
    score: Number(score.toPrecision(9)),
    ids: ids === cut?.ids ? [`${ids.length} tied at the cut`] : ids.sort(),
  }));
};

describe('the one-pass engine against the reference', () => {
  it(`returns the same passages in the same order for ${QUESTIONS} questions over ${PASSAGES} passages`, async () => {
    // Long synchronous work is broken by turns of the event loop, so the test runner stays responsive.
    const turn = () => new Promise((resolve) => setImmediate(resolve));
    const { episodes, texts } = catalogue(PASSAGES);
    const passages = episodes.flatMap(buildPassages);
    await turn();
    const engine = EpisodeIndex.build(passages);
    await turn();
    const reference = ReferenceIndex.build(passages);
    await turn();
    const questions = queryMix(random(7), vocabulary(random(1)), texts, QUESTIONS);
    // Every fourth question is filtered to a few episodes, as filters by date, guest or show do.
    const someEpisodes = new Set(episodes.filter((_, i) => i % 7 === 0).map((episode) => episode.id));
    let answered = 0;
    const differing: string[] = [];
    for (const [i, question] of questions.entries()) {
      if (i % 50 === 0) await turn();
      const options = i % 4 === 0 ? { episodes: someEpisodes } : {};
      const ours = engine.search(question, options).hits;
      const theirs = reference.search(question, options).hits;
      if (ours.length) answered++;
      if (JSON.stringify(runs(ours)) !== JSON.stringify(runs(theirs))) differing.push(question);
    }
    expect(differing).toEqual([]);
    // The mix must exercise the engine: most answerable questions find passages.
    expect(answered).toBeGreaterThan(QUESTIONS / 3);
  }, 300_000);
});
