import { STOPWORDS, stem } from '../text/analyze.js';
import type { WordNet } from '../text/wordnet.js';

/**
 * What a question's word may mean in this corpus: for each word the pages never use but WordNet relates
 * to one they do ("servers" → "computer"), the corpus terms it stands for. Computed once per build from
 * the corpus's own words, so searching needs no dictionary.
 *
 * @param words the corpus's words as written (lowercase, before stemming)
 * @param known the corpus's terms: a question's term already among them needs no stand-in
 */
export function relatedTerms(
  words: Iterable<string>,
  known: ReadonlySet<string>,
  wordnet: WordNet,
): Map<string, string[]> {
  const related = new Map<string, Set<string>>();
  for (const word of words) {
    if (word.length < 3 || !/^\p{L}+$/u.test(word) || STOPWORDS.has(word)) continue;
    const term = stem(word);
    for (const other of wordnet.related(word)) {
      if (STOPWORDS.has(other)) continue;
      const otherTerm = stem(other);
      if (otherTerm === term || known.has(otherTerm)) continue;
      const terms = related.get(otherTerm) ?? new Set<string>();
      terms.add(term);
      related.set(otherTerm, terms);
    }
  }
  // An irregular form stands for what its base stands for: "lost" for what "lose" does.
  for (const [form, base] of wordnet.inflections()) {
    const [formTerm, baseTerm] = [stem(form), stem(base)];
    const terms = related.get(baseTerm);
    if (terms && !known.has(formTerm) && !related.has(formTerm)) related.set(formTerm, terms);
  }
  return new Map([...related].map(([term, terms]) => [term, [...terms].sort()]));
}

/**
 * The same word in the form the corpus uses: for an irregular form the pages never use ("spent"),
 * its base when they use that ("spend"), and the other way round. A question's word is this term,
 * wholly, not a relation of it.
 *
 * @param known the corpus's terms
 */
export function inflectedTerms(known: ReadonlySet<string>, wordnet: WordNet): Map<string, string> {
  const inflected = new Map<string, string>();
  for (const [form, base] of wordnet.inflections()) {
    // "was" → "be", "did" → "do": stopwords on both sides, nothing to search.
    if (STOPWORDS.has(form) || STOPWORDS.has(base)) continue;
    const [formTerm, baseTerm] = [stem(form), stem(base)];
    if (known.has(baseTerm) && !known.has(formTerm) && !inflected.has(formTerm)) {
      inflected.set(formTerm, baseTerm);
    } else if (known.has(formTerm) && !known.has(baseTerm) && !inflected.has(baseTerm)) {
      inflected.set(baseTerm, formTerm);
    }
  }
  return inflected;
}

/**
 * The phrases in which a word means the phrase, not itself: two-word WordNet lemmas ("nuclear
 * fusion", "climate change") with a word the corpus never uses. Such a word's relations are not
 * followed ("fusion" is no "mix" there), and the other word, met alone, is another topic (the
 * "business climate" is no "climate change"). As `"term term"`, the phrase's stems.
 *
 * @param known the corpus's terms: a phrase whose words it all uses needs no rule
 * @param related what `relatedTerms` found: a phrase of two unused words matters only for relations
 */
export function phrasesOf(
  known: ReadonlySet<string>,
  related: ReadonlyMap<string, unknown>,
  wordnet: WordNet,
): Set<string> {
  const phrases = new Set<string>();
  for (const words of wordnet.phrases()) {
    if (!words.every((word) => /^\p{L}+$/u.test(word) && !STOPWORDS.has(word))) continue;
    const terms = words.map(stem);
    const usedWords = terms.filter((term) => known.has(term)).length;
    // Neither word used: only relations to withhold, and only when there are some to follow.
    if (usedWords === 1 || (usedWords === 0 && terms.some((term) => related.has(term))))
      phrases.add(terms.join(' '));
  }
  return phrases;
}
