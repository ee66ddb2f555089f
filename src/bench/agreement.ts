import type { SearchIndex } from '../index/EpisodeIndex.js';

/**
 * How far two indexes of the same catalogue answer alike: the share of questions whose first five
 * passages are the same, in the same order. Passages whose scores tie exactly may come in either
 * order (which of two equal scores comes first is no difference in the answers), so each run of
 * equal scores is compared as a set.
 */
export function topFiveAgreement(a: SearchIndex, b: SearchIndex, questions: readonly string[]): number {
  if (questions.length === 0) return 1;
  const same = questions.filter((question) => {
    const [x, y] = [a, b].map((index) => topFive(index, question));
    return x === y;
  });
  return same.length / questions.length;
}

/**
 * The first five passages as a key: ids in order, each run of exactly equal scores sorted, the run
 * the fifth passage ends in taken whole (which of the passages tied there makes fifth is chance).
 */
function topFive(index: SearchIndex, question: string): string {
  const { hits } = index.search(question);
  const runs: string[][] = [];
  let last: number | null = null;
  for (const [i, hit] of hits.entries()) {
    if (i >= 5 && hit.score !== last) break;
    const id = hit.passage.id;
    if (last !== null && hit.score === last) runs.at(-1)?.push(id);
    else runs.push([id]);
    last = hit.score;
  }
  return runs.map((run) => run.sort().join('|')).join('\n');
}
