import MiniSearch, { type Query, type SearchResult } from 'minisearch';
import type { Passage } from '../../src/passages/passage.js';
import { findAcronyms } from '../../src/text/acronyms.js';
import { type Span, STOPWORDS, stem, termSpans } from '../../src/text/analyze.js';
import { COMMON_SYNONYMS, Thesaurus } from '../../src/text/thesaurus.js';
import { wordNet } from '../../src/text/wordnet.js';
import {
  inflectedTerms,
  inflectionGroups,
  phraseCandidates,
  phrasesOf,
  relatedTerms,
} from '../../src/index/related.js';
import { commonnessOfTerms } from '../../src/index/lexicon.js';
import {
  VocabularyCounter,
  corpusWords,
  foundTerms,
  indexTerms,
  contextOf,
  sectionKey,
} from '../../src/index/passageTerms.js';
import {
  COMMONNESS_DAMPING,
  MAX_QUESTION_CHARS,
  MAX_QUESTION_TERMS,
  type QuestionTerm,
  UNKNOWN_NAME_FACTOR,
  splitCompound,
  withCurrency,
} from '../../src/index/question.js';
import { DEFAULT_RANKING } from '../../src/index/ranking.js';
import type { SearchHit, SearchOutcome } from '../../src/index/EpisodeIndex.js';

/**
 * The searchable form of a set of passages: MiniSearch over the shared text analysis, with podqa's
 * ranking rules on top. One class; options and constants are documented where they are defined.
 */

const {
  minCoverage: MIN_COVERAGE,
  minMatchedTerms: MIN_MATCHED_TERMS,
  maxPerSection: MAX_PER_SECTION,
  maxHits: MAX_HITS,
  maxExamined: MAX_EXAMINED,
  duplicateOverlap: DUPLICATE_OVERLAP,
  sectionBoost: SECTION_BOOST,
  relatedCredit: RELATED_CREDIT,
  relatedBoost: RELATED_BOOST,
  fuzzyCredit: FUZZY_CREDIT,
  contextCredit: CONTEXT_CREDIT,
  titleCredit: TITLE_CREDIT,
} = DEFAULT_RANKING;

type Term = Omit<QuestionTerm, 'weight'>;

/**
 * Today's ranking kept as the reference for the equivalence test (test/unit/index/equivalence.test.ts):
 * MiniSearch's own search, AND then OR, ranked and collapsed by re-analysing passage text. The engine
 * in src/index must return the same passages in the same order, except exact-score ties.
 */
export class ReferenceIndex {
  private constructor(
    private readonly engine: MiniSearch<IndexedPassage>,
    readonly passages: readonly Passage[],
    private readonly thesaurus: Thesaurus,
    private readonly aliases: string[][],
    private readonly vocabulary: ReadonlyMap<string, { df: number; surface: string }>,
    private readonly related: Map<string, string[]>,
    private readonly commonness: Map<string, number>,
    private readonly inflected: Map<string, string>,
    private readonly phrases: Set<string>,
  ) {
    this.summaryOf = contextOf(passages);
  }

  /** Each passage's context passage (a passage number), -1 for none. */
  private readonly summaryOf: Int32Array;

  /**
   * Indexes passages. `aliases` are the moderators' groups; acronyms the passages define themselves
   * (`High Bandwidth Memory (HBM)`) are added to them.
   */
  static build(
    passages: readonly Passage[],
    aliases: readonly (readonly string[])[] = [],
    /** Called after each batch of passages, for a progress bar. */
    onProgress?: (done: number, total: number) => void,
  ): ReferenceIndex {
    const found = passages.flatMap((passage) => findAcronyms(passage.text));
    const candidates = phraseCandidates(wordNet());
    const { tokens, pairs } = corpusWords(passages, candidates);
    const inflections = inflectionGroups(tokens, wordNet());
    const groups = [...aliases, ...found, ...inflections].map((group) => [...group]);
    const thesaurus = new Thesaurus([...COMMON_SYNONYMS, ...groups]);
    const commonness = commonnessOfTerms(wordNet().frequencies());
    for (const [base] of inflections) commonness.set(`~${stem(base)}`, commonness.get(stem(base)) ?? 0);
    // A pair of words is indexed as a compound only when the corpus also writes it as one word.
    const words = new Set([...tokens].filter((token) => !STOPWORDS.has(token)).map(stem));
    const engine = new MiniSearch<IndexedPassage>(engineOptions(thesaurus, words));
    const BATCH = 2000;
    for (let from = 0; from < passages.length; from += BATCH) {
      engine.addAll(
        passages
          .slice(from, from + BATCH)
          .map((passage, k) => ({ i: from + k, section: passage.section ?? '', text: passage.text })),
      );
      onProgress?.(Math.min(from + BATCH, passages.length), passages.length);
    }
    // The vocabulary in a reading of its own, as the old path did; the engine counts it while indexing.
    const counter = new VocabularyCounter();
    passages.forEach((passage, p) => {
      for (const field of [passage.section ?? '', passage.text])
        counter.count(p, field, foundTerms(field, thesaurus, words));
    });
    const { vocabulary } = counter;
    const known = new Set(vocabulary.keys());
    const related = relatedTerms(tokens, known, wordNet());
    return new ReferenceIndex(
      engine,
      [...passages],
      thesaurus,
      groups,
      vocabulary,
      related,
      commonness,
      inflectedTerms(known, wordNet()),
      phrasesOf(known, pairs, related, candidates),
    );
  }

  /**
   * All passages above the relevance floor for a question, best first; with `episodes`, only passages
   * of those episodes (a filter by episode, date, guest or show, resolved by the caller).
   */
  search(question: string, { episodes }: { episodes?: ReadonlySet<string> } = {}): SearchOutcome {
    const text = question.slice(0, MAX_QUESTION_CHARS);
    const terms = this.questionTerms(text);
    if (terms.length === 0) {
      const notice =
        text.trim() === ''
          ? 'The question is empty.'
          : 'The question has no words to search for (only common words, punctuation or symbols).';
      return { hits: [], suggestions: [], correction: null, notice };
    }
    const weights = terms.map((term) => this.weight(term));
    const questionWords = terms.reduce((sum, term) => sum + term.size, 0);
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    const filter =
      episodes === undefined
        ? undefined
        : (result: SearchResult) => episodes.has(this.passages[result.id as number]?.episodeId ?? '');

    const leaves = terms
      .filter((term) => !term.outOfPhrase)
      .map((term) => this.leaf(term, term === terms.at(-1)));
    const all = new Map<number, SearchResult>();
    for (const combineWith of ['AND', 'OR'] as const) {
      for (const result of this.engine.search({ combineWith, queries: leaves } as Query, { filter })) {
        if (!all.has(result.id as number)) all.set(result.id as number, result);
      }
      if (combineWith === 'AND' && (all.size >= MAX_HITS || (all.size > 0 && terms.length === 1))) break;
    }

    const passes = ({ coverage, count }: { coverage: number; count: number }) =>
      coverage >= MIN_COVERAGE && count >= Math.min(MIN_MATCHED_TERMS, questionWords);
    const ranked = [...all.values()]
      .map((result) => {
        // Arrays, not sets: a result matches a dozen terms at most, and there may be thousands of results.
        const matched = result.queryTerms;
        const inSummary = all.get(this.summaryOf[result.id as number] ?? -1)?.queryTerms ?? [];
        const window = this.passages[result.id as number]?.kind === 'transcript';
        const lent = window ? TITLE_CREDIT : CONTEXT_CREDIT;
        const coverageWith = (context: readonly string[], share: number) => {
          let covered = 0;
          let count = 0;
          terms.forEach((term, i) => {
            const credited = Math.max(credit(term, matched), share * credit(term, context));
            covered += credited * (weights[i] as number);
            if (credited > 0) count += term.size;
          });
          return { coverage: total === 0 ? 0 : covered / total, count };
        };
        // A transcript window passes by its own words; its episode's title only orders it.
        const own = window ? passes(coverageWith([], 0)) : true;
        const { coverage, count } = coverageWith(inSummary, lent);
        return { result, coverage, count: own ? count : 0 };
      })
      .filter(passes)
      // Passages that cover more of the question first (in steps, so near-equal coverage ranks by score).
      .sort((a, b) => coverageStep(b.coverage) - coverageStep(a.coverage) || b.result.score - a.result.score);

    const hits = this.collapse(
      ranked.map(({ result, coverage }) => ({
        passage: this.passages[result.id as number] as Passage,
        episodeId: (this.passages[result.id as number] as Passage).episodeId,
        doc: result.id as number,
        score: result.score,
        coverage,
        terms: result.terms,
      })),
      new Set(terms.flatMap((term) => term.words)),
    );
    return { hits, suggestions: [], correction: null, notice: null };
  }

  /**
   * What a question's term says: its rarity in the corpus, less for a common English word, more for a
   * name the pages never mention.
   */
  private weight(term: Term): number {
    const rarity = Math.log(1 + this.passages.length / Math.max(1, term.df));
    const commonness = this.commonness.get(term.term);
    if (commonness === undefined && term.df === 0 && /^\p{L}+$/u.test(term.term)) {
      return rarity * UNKNOWN_NAME_FACTOR;
    }
    return rarity / (1 + COMMONNESS_DAMPING * Math.log10(1 + (commonness ?? 0)));
  }

  /** The question as index terms: thesaurus groups joined, compounds found, bounded, de-duplicated. */
  private questionTerms(text: string): Term[] {
    const lexicon = { vocabulary: this.vocabulary, commonness: this.commonness };
    const words = termSpans(text)
      .flatMap((word) => splitCompound(text.slice(word.start, word.end), word, lexicon))
      .map((word) => ({
        ...word,
        term: this.inflected.get(word.term) ?? withCurrency(word.term, this.vocabulary) ?? word.term,
      }));
    const spans = this.thesaurus.expandSpans(words);
    const terms = new Map<string, { words: string[]; size: number }>();
    for (let i = 0; i < spans.length; i++) {
      const here = spans[i] as Span;
      const next = spans[i + 1];
      // `data centers` asked of a corpus that writes `datacenters`: one term, not two.
      const joined = next ? stem(`${here.term}${next.term}`) : null;
      if (joined && !this.vocabulary.has(here.term) && this.vocabulary.has(joined)) {
        terms.set(joined, { words: [], size: 2 });
        i++;
      } else if (here.term.startsWith('~')) {
        const inside = words.filter((word) => word.start >= here.start && word.end <= here.end);
        const known = inside.map((word) => word.term).filter((word) => this.vocabulary.has(word));
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
        return next && this.phrases.has(`${word.term} ${next.term}`) ? [word.term, next.term] : [];
      }),
    );
    return [...terms].slice(0, MAX_QUESTION_TERMS).map(([term, { words, size }]) => {
      const df = this.vocabulary.get(term)?.df ?? 0;
      return {
        term,
        df,
        related: df === 0 && !inPhrase.has(term) ? (this.related.get(term) ?? []) : [],
        words: [...new Set(words)],
        size,
        outOfPhrase: df > 0 && inPhrase.has(term),
      };
    });
  }

  /** An amount asked without its currency ("9b") that the pages write only with one ("$9B"). */
  /**
   * Exact for known terms; fuzzy only for long unknown ones that are no English word (typos: "Mircon",
   * not "warren"); prefix only on the last term (still typing).
   */
  private leaf(term: Term, last: boolean): Query {
    const known = term.df > 0;
    const long = term.term.length >= 5 && !term.term.startsWith('~') && !this.commonness.has(term.term);
    const weighted = (terms: readonly string[], factor: number) => ({
      queries: [...terms],
      boost: { section: SECTION_BOOST * factor, text: factor },
    });
    const exact = {
      ...weighted([term.term], 1),
      fuzzy: !known && long ? (term.term.length >= 6 ? 2 : 1) : false,
      prefix: last && !known && term.term.length >= 3,
    } as Query;
    const alternatives = [
      exact,
      ...(term.related.length ? [weighted(term.related, RELATED_BOOST) as Query] : []),
    ];
    return alternatives.length === 1 ? exact : ({ combineWith: 'OR', queries: alternatives } as Query);
  }

  /**
   * At most MAX_PER_SECTION passages of a section, and no near-duplicates; the first MAX_HITS.
   *
   * Synonyms meet through their group's term ("GPUs" meets "chips"); within a step of coverage, the
   * passages that use the question's own words (`ownWords`) come first: asked about GPUs, GPUs first.
   * Sorted here, over the examined passages, rather than queried: a second query per common group
   * cost a quarter of p99 at 100k passages.
   */
  private collapse(hits: SearchHit[], ownWords: ReadonlySet<string>): SearchHit[] {
    const textTerms = new Map<SearchHit, Set<string>>();
    const termsOf = (hit: SearchHit) => {
      let terms = textTerms.get(hit);
      if (!terms) textTerms.set(hit, (terms = new Set(indexTerms(hit.passage.text, this.thesaurus).terms)));
      return terms;
    };
    let examined = hits.slice(0, MAX_EXAMINED);
    if (ownWords.size > 0) {
      const sectionTerms = new Map<string, Set<string>>();
      const uses = (hit: SearchHit) => {
        const section = hit.passage.section ?? '';
        if (!sectionTerms.has(section))
          sectionTerms.set(section, new Set(indexTerms(section, this.thesaurus).terms));
        const inSection = sectionTerms.get(section) as Set<string>;
        let count = 0;
        for (const word of ownWords) if (termsOf(hit).has(word) || inSection.has(word)) count++;
        return count;
      };
      examined = examined
        .map((hit) => ({ hit, step: coverageStep(hit.coverage), uses: uses(hit) }))
        .sort((a, b) => b.step - a.step || b.uses - a.uses || b.hit.score - a.hit.score)
        .map(({ hit }) => hit);
    }
    const perSection = new Map<string, number>();
    const kept: { hit: SearchHit; terms: Set<string> }[] = [];
    for (const hit of examined) {
      if (kept.length >= MAX_HITS) break;
      const key = sectionKey(hit.passage);
      const count = perSection.get(key) ?? 0;
      if (count >= MAX_PER_SECTION) continue;
      const terms = termsOf(hit);
      if (kept.some((other) => overlap(terms, other.terms) >= DUPLICATE_OVERLAP)) continue;
      perSection.set(key, count + 1);
      kept.push({ hit, terms });
    }
    return kept.map(({ hit }) => hit);
  }
}

interface IndexedPassage {
  i: number;
  section: string;
  text: string;
}

/** `words`: the corpus's own words, to tell compounds; a loaded index adds no documents and needs none. */
function engineOptions(thesaurus: Thesaurus, words: ReadonlySet<string> = new Set()) {
  return {
    idField: 'i',
    fields: ['section', 'text'],
    storeFields: [],
    tokenize: (text: string) => indexTerms(text, thesaurus, words).terms,
    processTerm: (term: string) => term,
    // Questions arrive as index terms already: leave them as they are.
    searchOptions: { tokenize: (text: string) => [text], processTerm: (term: string) => term },
  };
}

/**
 * How much of a question term's weight a passage covers, given the query terms it matched
 * (MiniSearch's `queryTerms`): all for the word itself, less through a near spelling or a WordNet
 * relation.
 */
function credit(term: Term, matched: readonly string[]): number {
  if (term.outOfPhrase) return 0;
  if (matched.includes(term.term)) return term.df === 0 ? FUZZY_CREDIT : 1;
  return term.related.some((other) => matched.includes(other)) ? RELATED_CREDIT : 0;
}

/** For each passage, its section summary's number when it is a takeaway, else -1. */
/** Coverage in steps of a tenth: within a step, other signals decide. */
const coverageStep = (coverage: number) => Math.round(coverage * 10);

function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const term of a) if (b.has(term)) shared++;
  return shared / Math.max(1, Math.min(a.size, b.size));
}
