import { STOPWORDS, type Span, stem, stemOnce, termSpans } from '../text/analyze.js';
import type { Lexicon } from './lexicon.js';

/**
 * Question analysis: a question → the index terms it asks for, each with its weight. Reads the
 * corpus's lexicon (what the pages say, built once per index), never the passages.
 */

export { MAX_QUESTION_CHARS } from '../text/question.js';
/** A question is analysed up to MAX_QUESTION_CHARS characters and this many distinct terms. */
export const MAX_QUESTION_TERMS = 12;
/**
 * How much a word's commonness in English lowers its weight: a word is weighed by its rarity in the
 * corpus times `1 / (1 + COMMONNESS_DAMPING · log10(1 + its SemCor count))`. "made" may be rare on two
 * pages, yet a question's "made" says less than its "quantum".
 */
export const COMMONNESS_DAMPING = 1;
/**
 * A word that is neither in the pages nor in English (a name: "BYD", "Cybertruck") weighs this many
 * times the rarest word: the question is about something the pages never mention. A typo is such a
 * word too, but its near spelling in the pages still covers half of it.
 */
export const UNKNOWN_NAME_FACTOR = 2;

export interface QuestionTerm {
  term: string;
  /** In how many passages it occurs (0: the corpus never uses it). */
  df: number;
  /** Corpus terms that stand in for a term the corpus never uses (WordNet relations). */
  related: readonly string[];
  /** For a thesaurus group, the question's own words in it: passages using them rank first. */
  words: readonly string[];
  /** How many of the question's words it stands for: "Travis Kalanick" is two, met as one group. */
  size: number;
  /**
   * A word of a phrase whose other word the corpus never uses ("climate" in "climate change"): met
   * alone it is another topic, so it covers nothing and is not searched; its weight still counts.
   */
  outOfPhrase: boolean;
  /** What it says: its rarity in the corpus, less for a common English word, more for an unknown name. */
  weight: number;
}

/** The question as index terms: thesaurus groups joined, compounds found, bounded, de-duplicated. */
export function questionTerms(text: string, lexicon: Lexicon): QuestionTerm[] {
  const { vocabulary, inflected, phrases } = lexicon;
  const words = termSpans(text)
    .flatMap((word) => splitCompound(text.slice(word.start, word.end), word, lexicon))
    .map((word) => ({
      ...word,
      term: inflected.get(word.term) ?? withCurrency(word.term, vocabulary) ?? word.term,
    }));
  const spans = lexicon.thesaurus.expandSpans(words);
  const terms = new Map<string, { words: string[]; size: number }>();
  for (let i = 0; i < spans.length; i++) {
    const here = spans[i] as Span;
    const next = spans[i + 1];
    // `data centers` asked of a corpus that writes `datacenters`, or `log book` of one that writes the
    // English `logbook`: one term, not two.
    const joined = next ? stemOnce(`${here.term}${next.term}`) : null;
    if (
      joined &&
      vocabulary.has(joined) &&
      (!vocabulary.has(here.term) || (/^\p{L}+$/u.test(joined) && lexicon.commonness.has(joined)))
    ) {
      terms.set(joined, { words: [], size: 2 });
      i++;
    } else if (here.term.startsWith('~')) {
      const inside = words.filter((word) => word.start >= here.start && word.end <= here.end);
      const known = inside.map((word) => word.term).filter((word) => vocabulary.has(word));
      const seen = terms.get(here.term);
      terms.set(here.term, {
        words: [...(seen?.words ?? []), ...known],
        size: Math.max(seen?.size ?? 0, inside.length),
      });
    } else terms.set(here.term, terms.get(here.term) ?? { words: [], size: 1 });
  }
  const inPhrase = new Set(
    words.flatMap((word, i) => {
      const next = words[i + 1];
      return next && phrases.has(`${word.term} ${next.term}`) ? [word.term, next.term] : [];
    }),
  );
  return [...terms].slice(0, MAX_QUESTION_TERMS).map(([term, { words, size }]) => {
    const df = vocabulary.get(term)?.df ?? 0;
    return {
      term,
      df,
      related: df === 0 && !inPhrase.has(term) ? (lexicon.related.get(term) ?? []) : [],
      words: [...new Set(words)],
      size,
      outOfPhrase: df > 0 && inPhrase.has(term),
      weight: weightOf(term, df, lexicon),
    };
  });
}

/** A term's rarity in the corpus, less for a common English word, more for a name the pages never mention. */
function weightOf(term: string, df: number, lexicon: Lexicon): number {
  const rarity = Math.log(1 + lexicon.passageCount / Math.max(1, df));
  const commonness = lexicon.commonness.get(term);
  if (commonness === undefined && df === 0 && /^\p{L}+$/u.test(term)) return rarity * UNKNOWN_NAME_FACTOR;
  return rarity / (1 + COMMONNESS_DAMPING * Math.log10(1 + (commonness ?? 0)));
}

/** What the question's analysis reads of the corpus's vocabulary (the index's lexicon, or the test reference's map). */
interface KnownTerms {
  has(term: string): boolean;
  get(term: string): { df: number } | undefined;
}

/** A compound's halves are at least this long: "seawall" is "sea wall", but "dunmore" no "dun more". */
const MIN_HALF = 3;

/**
 * An English compound the pages never use, asked as one word ("seawall", "workweek"), that they write
 * as two: its halves, each a word they use, both over the word's span. Of several splits, the one whose
 * rarer half is most common. Only a word English knows: a name the pages lack ("bitcoin") is no "bit
 * coin".
 */
export function splitCompound(
  raw: string,
  word: Span,
  { vocabulary, commonness }: { vocabulary: KnownTerms; commonness: Pick<Lexicon['commonness'], 'has'> },
): Span[] {
  const lower = raw.toLowerCase();
  if (vocabulary.has(word.term) || !commonness.has(word.term) || !/^\p{Ll}+$/u.test(lower)) return [word];
  let best: { halves: [string, string]; df: number } | null = null;
  for (let k = MIN_HALF; k <= lower.length - MIN_HALF; k++) {
    const halves = [lower.slice(0, k), lower.slice(k)] as [string, string];
    if (halves.some((half) => STOPWORDS.has(half))) continue;
    const [a, b] = halves.map((half) => vocabulary.get(stem(half))?.df ?? 0) as [number, number];
    if (a > 0 && b > 0 && Math.min(a, b) > (best?.df ?? 0)) best = { halves, df: Math.min(a, b) };
  }
  return best ? best.halves.map((half) => ({ ...word, term: stem(half) })) : [word];
}

/**
 * An amount asked without its currency ("9b") that the pages write only with one ("$9B"), or asked
 * with one ("$1.4B") that speech never says ("one point four billion").
 */
export function withCurrency(term: string, vocabulary: Pick<KnownTerms, 'has'>): string | undefined {
  if (vocabulary.has(term)) return undefined;
  if (/^[$€£]\d/.test(term)) return vocabulary.has(term.slice(1)) ? term.slice(1) : undefined;
  if (!/^\d/.test(term)) return undefined;
  return ['$', '€', '£'].map((sign) => sign + term).find((signed) => vocabulary.has(signed));
}

/**
 * A term is matched near its spelling only when it is long, unknown to the corpus and no English word
 * (typos: "Mircon", not "warren"): the edit distance allowed, or 0. A group term is never misspelt.
 */
export function fuzzyDistance(term: QuestionTerm, lexicon: Lexicon): number {
  const long = term.term.length >= 5 && !term.term.startsWith('~') && !lexicon.commonness.has(term.term);
  if (term.df > 0 || !long) return 0;
  return term.term.length >= 6 ? 2 : 1;
}

/** The last term of an unknown word is matched as a prefix too: the asker may still be typing. */
export const matchesAsPrefix = (term: QuestionTerm, last: boolean) =>
  last && term.df === 0 && term.term.length >= 3;
