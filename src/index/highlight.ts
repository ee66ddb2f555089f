import { termSpans } from '../text/analyze.js';
import type { Thesaurus } from '../text/thesaurus.js';

/**
 * The character ranges `[start, end)` of a text that matched `terms`: words, and phrases matched
 * through the thesaurus, merged where they touch. Computed per shown hit, not per match, since
 * analysing text costs.
 */
export function highlight(text: string, terms: readonly string[], thesaurus: Thesaurus): [number, number][] {
  const matched = new Set(terms);
  const words = termSpans(text);
  const spans = [...words, ...thesaurus.expandSpans(words)].filter((span) => matched.has(span.term));
  const marks: [number, number][] = [];
  for (const { start, end } of spans.sort((a, b) => a.start - b.start || b.end - a.end)) {
    const last = marks.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else marks.push([start, end]);
  }
  return marks;
}
