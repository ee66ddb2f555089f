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
 * fusion", "climate change", "super bowl") that the corpus never writes as a pair. A word of one
 * that the corpus never uses has its relations withheld ("fusion" is no "mix" there); a word it does
 * use, met alone, is another topic (the "business climate" is no "climate change", a "super-founder"
 * no "Super Bowl"). As `"term term"`, the phrase's stems.
 *
 * @param known the corpus's terms
 * @param pairs the corpus's neighbouring terms, as `"term term"`: a phrase it writes needs no rule
 * @param related what `relatedTerms` found: a phrase of two unused words matters only for relations
 * @param candidates WordNet's phrases (`phraseCandidates`)
 */
export function phrasesOf(
  known: ReadonlySet<string>,
  pairs: ReadonlySet<string>,
  related: ReadonlyMap<string, unknown>,
  candidates: ReadonlyMap<string, ReadonlySet<string>>,
): Set<string> {
  const phrases = new Set<string>();
  for (const [first, seconds] of candidates) {
    for (const second of seconds) {
      const phrase = `${first} ${second}`;
      if (pairs.has(phrase)) continue;
      // Neither word used: only relations to withhold, and only when there are some to follow.
      if ([first, second].some((term) => known.has(term) || related.has(term))) phrases.add(phrase);
    }
  }
  return phrases;
}

/**
 * WordNet's two-word phrases of words (no stopword, no digit), as stems: first term → second terms.
 * The corpus's neighbouring terms need be noted only when they are one of these.
 */
export function phraseCandidates(wordnet: WordNet): Map<string, Set<string>> {
  const candidates = new Map<string, Set<string>>();
  for (const words of wordnet.phrases()) {
    if (!words.every((word) => /^\p{L}+$/u.test(word) && !STOPWORDS.has(word))) continue;
    const [first, second] = words.map(stem) as [string, string];
    const seconds = candidates.get(first);
    if (seconds) seconds.add(second);
    else candidates.set(first, new Set([second]));
  }
  return candidates;
}

/**
 * Irregular forms and their bases that the corpus both uses ("bought" and "buy", "worse" and "bad"),
 * each as a group of the thesaurus, so a question in either form meets passages in both. A form that
 * is a noun of its own is left apart ("left" is no "leave", "lost" no "lose"), unless it is an
 * adjective's degree ("worse" of "bad").
 *
 * @param words the corpus's words as written (lowercase, before stemming)
 */
export function inflectionGroups(
  words: ReadonlySet<string>,
  wordnet: WordNet,
): [base: string, form: string][] {
  const groups: [base: string, form: string][] = [];
  for (const [form, base] of wordnet.inflections()) {
    if (STOPWORDS.has(form) || STOPWORDS.has(base) || !words.has(form) || !words.has(base)) continue;
    if (stem(form) === stem(base)) continue;
    const forms = wordnet.baseForms(form);
    const degree = forms.some((f) => f.part === 'adj' && f.lemma === base);
    if (degree || !forms.some((f) => f.part === 'noun' && f.lemma === form)) groups.push([base, form]);
  }
  return groups;
}
