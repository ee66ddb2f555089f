import MiniSearch from 'minisearch';
import type { Passage } from '../passages/passage.js';
import { findAcronyms } from '../text/acronyms.js';
import { STOPWORDS, stem } from '../text/analyze.js';
import { COMMON_SYNONYMS, Thesaurus } from '../text/thesaurus.js';
import { wordNet } from '../text/wordnet.js';
import { type Steps, runCooperatively, runNow } from './cooperative.js';
import { highlight } from './highlight.js';
import {
  type PassageTable,
  VocabularyCounter,
  corpusWords,
  foundTerms,
  passageTable,
  termsOf,
} from './passageTerms.js';
import {
  type CollectionStatistics,
  type Contribution,
  type Leaf,
  MATCH_WEIGHTS,
  Postings,
  type PostingsArrays,
  Scorer,
  type Source,
} from './postings.js';
import {
  type Ranked,
  type RankingOptions,
  DEFAULT_RANKING,
  essentialLeaves,
  examine,
  matchingAll,
  ownBit,
  rank,
  relatedBit,
  reservePassing,
} from './ranking.js';
import { type Lexicon, type StoredLexicon, columns, commonnessOfTerms, lexiconOf } from './lexicon.js';
import {
  MAX_QUESTION_CHARS,
  type QuestionTerm,
  fuzzyDistance,
  matchesAsPrefix,
  questionTerms,
} from './question.js';
import { inflectedTerms, inflectionGroups, phraseCandidates, phrasesOf, relatedTerms } from './related.js';
import { Suggestions } from './suggestions.js';

/**
 * The searchable form of a set of passages. MiniSearch builds the index (tokenizing with podqa's
 * analysis, fields, boosts); it is compiled into packed postings that a question is scored over in
 * one pass, then ranked by podqa's rules (`ranking.ts`). The one public class of `index/`.
 */

export const MAX_HITS = DEFAULT_RANKING.maxHits;
export const MAX_PER_SECTION = DEFAULT_RANKING.maxPerSection;

export interface SearchHit {
  /** Read from the store when first asked for: a question ranks up to `maxHits`, a reply shows a few. */
  readonly passage: Passage;
  /** The passage's episode, known without reading the passage. */
  episodeId: string;
  score: number;
  /** Share of the question's weight this passage covers, 0–1. */
  coverage: number;
  /** The index terms this passage matched (for `highlight`). */
  terms: string[];
  /** The passage's number in the index (for `textTermsOf`). */
  doc: number;
}

export interface SearchOutcome {
  /** The passages above the floor (at most `maxHits`), best first, near-duplicates collapsed. */
  hits: SearchHit[];
  /** "Did you mean": the question with misspelt words corrected, when nothing matched. */
  suggestions: string[];
  /** That correction when it replaced only typos (no word of English): fit to be answered in place. */
  correction: string | null;
  /** Why nothing could be searched (empty question, only stopwords), or null. */
  notice: string | null;
}

export interface SearchOptions {
  /** Only passages of these episodes (a filter by episode, date, guest or show, resolved by the caller). */
  episodes?: ReadonlySet<string>;
}

/** Passages by number: an array when just built, read lazily from the store when loaded. */
export interface PassageList {
  readonly length: number;
  at(index: number): Passage;
}

/** Everything an index is made of, as the store writes and reads it. */
export interface IndexParts {
  lexicon: StoredLexicon;
  postings: PostingsArrays;
  table: PassageTable;
  passages: PassageList;
}

/**
 * What every build derives from WordNet alone (its two-word phrases, its words' commonness), made
 * once per process: a new segment of 300 passages took over two seconds to make them again.
 */
const fromWordNet = (() => {
  let made: { candidates: Map<string, Set<string>>; commonness: ReadonlyMap<string, number> } | undefined;
  return () =>
    (made ??= {
      candidates: phraseCandidates(wordNet()),
      commonness: commonnessOfTerms(wordNet().frequencies()),
    });
})();

/**
 * The words a build reads from its passages before indexing them (`corpusWords` with WordNet's phrase
 * candidates): a parallel build's first pass reads them and hands them to its second with the parse.
 */
export function passageWords(passages: readonly Passage[]): ReturnType<typeof corpusWords> {
  return corpusWords(passages, fromWordNet().candidates);
}

/** What answering reads of an index: one `EpisodeIndex`, or the catalogue's segments together. */
export type SearchIndex = Pick<EpisodeIndex, 'search' | 'highlight' | 'passage'>;

export class EpisodeIndex {
  readonly postings: Postings;
  private readonly suggestions: Suggestions;
  /** Its accumulators are allocated at the first question, not when an index is swapped in. */
  private scorerOnce?: Scorer;

  private constructor(
    readonly parts: IndexParts,
    readonly lexicon: Lexicon,
    private readonly ranking: RankingOptions,
  ) {
    this.postings = new Postings(parts.postings);
    this.suggestions = new Suggestions(this.lexicon);
  }

  private get scorer(): Scorer {
    this.scorerOnce ??= new Scorer(this.postings, this.parts.table.summaryOf);
    return this.scorerOnce;
  }

  /**
   * Indexes passages. `aliases` are the moderators' groups; acronyms the passages define themselves
   * (`High Bandwidth Memory (HBM)`) are added to them.
   */
  static build(
    passages: readonly Passage[],
    aliases: readonly (readonly string[])[] = [],
    /** Called after each batch of passages, for a progress bar. */
    onProgress?: (done: number, total: number) => void,
    /**
     * The rest of the catalogue, when these passages are one segment of it, so they are analysed as
     * a build of it all would: its `tokens` (words as written: word forms are grouped across it) and
     * its `words` (stems: a pair of words it writes as one word is a compound here too).
     */
    catalogue: {
      tokens?: Iterable<string>;
      words?: Iterable<string>;
      /** `passageWords(passages)`, when read already. */
      own?: ReturnType<typeof passageWords>;
    } = {},
  ): EpisodeIndex {
    const found = passages.flatMap((passage) => findAcronyms(passage.text));
    const { candidates, commonness: wordCommonness } = fromWordNet();
    const { tokens, pairs } = catalogue.own ?? passageWords(passages);
    const catalogueTokens = new Set([...tokens, ...(catalogue.tokens ?? [])]);
    const inflections = inflectionGroups(catalogueTokens, wordNet());
    const groups = [...aliases, ...found, ...inflections].map((group) => [...group]);
    const thesaurus = new Thesaurus([...COMMON_SYNONYMS, ...groups]);
    // A pair of words is indexed as a compound only when the corpus also writes it as one word.
    const words = new Set([...catalogueTokens].filter((token) => !STOPWORDS.has(token)).map(stem));
    for (const word of catalogue.words ?? []) words.add(word);
    const textTerms: string[][] = [];
    const counter = new VocabularyCounter();
    // Takeaways of a section share its title: it is analysed once.
    let section = { text: '', found: foundTerms('', thesaurus, words) };
    const engine = new MiniSearch<{ i: number; section: string; text: string }>({
      idField: 'i',
      fields: ['section', 'text'],
      storeFields: [],
      // MiniSearch reads each passage's fields in order, section then text: while passage p is read,
      // p texts have been. The text's plain terms are kept for ranking, and the vocabulary counted.
      tokenize: (text: string, field?: string) => {
        const passage = textTerms.length;
        if (field === 'section' && text !== section.text)
          section = { text, found: foundTerms(text, thesaurus, words) };
        const found = field === 'section' ? section.found : foundTerms(text, thesaurus, words);
        counter.count(passage, text, found);
        const { terms, plain } = termsOf(found);
        if (field === 'text') textTerms.push(terms.slice(0, plain));
        return terms;
      },
      processTerm: (term: string) => term,
    });
    const BATCH = 2000;
    for (let from = 0; from < passages.length; from += BATCH) {
      engine.addAll(
        passages
          .slice(from, from + BATCH)
          .map((passage, k) => ({ i: from + k, section: passage.section ?? '', text: passage.text })),
      );
      onProgress?.(Math.min(from + BATCH, passages.length), passages.length);
    }
    const postings = Postings.fromMiniSearch(engine as MiniSearch<unknown>);
    const { vocabulary } = counter;
    const known = new Set(vocabulary.keys());
    const related = relatedTerms(tokens, known, wordNet());
    const list = [...passages];
    const corpus = columns(vocabulary);
    const commonness = new Map(wordCommonness);
    // A group of a word's forms is as common as the word: "~make" says as little as "make".
    for (const [base] of inflections) commonness.set(`~${stem(base)}`, commonness.get(stem(base)) ?? 0);
    const english = columns(commonness);
    return EpisodeIndex.fromParts({
      lexicon: {
        aliases: groups,
        vocabulary: {
          terms: corpus.terms,
          df: Uint32Array.from(corpus.values, ({ df }) => df),
          surfaces: corpus.values.map(({ surface }) => surface),
        },
        commonness: { terms: english.terms, counts: Float64Array.from(english.values) },
        related: [...related],
        inflected: [...inflectedTerms(known, wordNet())],
        phrases: [...phrasesOf(known, pairs, related, candidates)],
      },
      postings: postings.arrays,
      table: passageTable(
        list,
        thesaurus,
        (term) => postings.id(term),
        (p) => textTerms[p] as string[],
      ),
      passages: { length: list.length, at: (i) => list[i] as Passage },
    });
  }

  /** An index from its stored parts (see `store.ts`). */
  static fromParts(parts: IndexParts, ranking: RankingOptions = DEFAULT_RANKING): EpisodeIndex {
    return runNow(EpisodeIndex.assemble(parts, ranking));
  }

  /** `fromParts` a slice at a time, so a process answering questions meanwhile never stalls for long. */
  static load(parts: IndexParts, ranking: RankingOptions = DEFAULT_RANKING): Promise<EpisodeIndex> {
    return runCooperatively(EpisodeIndex.assemble(parts, ranking));
  }

  /** `fromParts` in steps (see `cooperative.ts`). */
  static *assemble(parts: IndexParts, ranking: RankingOptions = DEFAULT_RANKING): Steps<EpisodeIndex> {
    const lexicon = yield* lexiconOf(parts.lexicon, parts.passages.length);
    return new EpisodeIndex(parts, lexicon, ranking);
  }

  /**
   * Readies the index for questions before they come, in a long-running process (after opening, and
   * before a rebuilt index is swapped in): the accumulators' memory mapped, the spellings sorted, and
   * questions of its own words asked so their code is compiled. The first questions would otherwise
   * pay for each, tens of milliseconds. A slice at a time, so answers meanwhile never wait long.
   */
  warm(): Promise<void> {
    return runCooperatively(this.warmUp());
  }

  private *warmUp(): Steps<void> {
    yield* this.scorer.reserve();
    yield* reservePassing(this.parts.passages.length);
    yield* this.suggestions.prepare();
    for (const question of warmUpQuestions(this.parts.lexicon.vocabulary)) {
      this.search(question);
      yield;
    }
  }

  /** All passages above the relevance floor for a question, best first. */
  search(question: string, { episodes }: SearchOptions = {}): SearchOutcome {
    const text = question.slice(0, MAX_QUESTION_CHARS);
    const terms = questionTerms(text, this.lexicon);
    if (terms.length === 0) return unsearchable(text);
    const allowed = episodes === undefined ? undefined : this.episodeFilter(episodes);
    const scored = this.scoreTerms(terms, allowed);
    return outcomeOf(scored.rank().map(scored.hit), text, this.suggestions);
  }

  /**
   * A question's terms scored over these passages (`allowed`: only the passages it holds, a filter
   * or a segment's live passages; `collection`: the statistics to score with when this index is one
   * segment of a catalogue), to be ranked before this index scores another question. `matchingAll`
   * passages match every term; `rank` ranks them as this index alone answers; `examine` gives a
   * segment's share of a ranking over segments (`inCatalogue`: the catalogue's count matching every
   * term), `hit` the answer a ranked passage makes. `near`: a term's near spellings among this
   * index's terms when found once for the catalogue (its segments' dictionaries joined).
   */
  scoreTerms(
    terms: readonly QuestionTerm[],
    allowed?: (doc: number) => boolean,
    collection?: CollectionStatistics,
    near: NearSpellings = (term, distance) => this.postings.near(term, distance),
  ) {
    const { leaves, distinct, contributions } = this.plan(terms, near);
    const leafCredits = (leaf: Leaf) =>
      [leaf.exact, ...leaf.related].reduce((bits, s) => bits | s.credits, 0);
    const { order, essential } = essentialLeaves(leaves, leafCredits, terms, this.ranking);
    const scored = this.scorer.score(order, distinct, allowed, essential, collection);
    const ownWords = () =>
      [...new Set(terms.flatMap((term) => term.words))]
        .map((word) => this.postings.id(word))
        .filter((id) => id >= 0);
    const table = this.parts.table;
    return {
      matchingAll: matchingAll(scored, leaves.length),
      rank: () => rank(scored, terms, leaves.length, ownWords(), table, this.ranking),
      examine: (inCatalogue: number) =>
        examine(scored, terms, leaves.length, ownWords(), table, this.ranking, inCatalogue),
      hit: (ranked: Ranked) => this.hit(ranked, contributions),
    };
  }

  /** A passage by its id, read from the passages of its episode only (ids are `<episode id>#…`). */
  passage(id: string): Passage | undefined {
    const { episodeIds, episodeOf } = this.parts.table;
    const episode = episodeIds.indexOf(id.slice(0, id.indexOf('#')));
    if (episode < 0) return undefined;
    for (let doc = 0; doc < episodeOf.length; doc++) {
      if (episodeOf[doc] !== episode) continue;
      const passage = this.parts.passages.at(doc);
      if (passage.id === id) return passage;
    }
    return undefined;
  }

  /** Passage `doc`'s text terms, as indexed (stems, without compounds or groups): for meaning (`meaning/`). */
  textTermsOf({ doc }: Pick<SearchHit, 'doc'>): string[] {
    const { textStart, textTerms } = this.parts.table;
    const terms: string[] = [];
    for (let i = textStart[doc] as number; i < (textStart[doc + 1] as number); i++)
      terms.push(this.postings.term(textTerms[i] as number));
    return terms;
  }

  /** The character ranges `[start, end)` of a hit's text that matched. */
  highlight({ passage, terms }: SearchHit): [number, number][] {
    return highlight(passage.text, terms, this.lexicon.thesaurus);
  }

  /**
   * The question's terms as leaves to score: each term exactly, as a prefix when it is the last and
   * unknown, near its spelling when it is a long unknown word, or else through its relations. Terms
   * met alone out of their phrase are not searched.
   */
  private plan(terms: readonly QuestionTerm[], near: NearSpellings) {
    const distinctOf = new Map<string, number>();
    const contributions = new Set<number>();
    const { sectionBoost, relatedBoost } = this.ranking;
    const source = (term: string, derived: { term: number; weight: number }[], factor: number): Source => {
      let distinct = distinctOf.get(term);
      if (distinct === undefined) distinctOf.set(term, (distinct = distinctOf.size));
      let credits = 0;
      terms.forEach((other, i) => {
        if (other.term === term) credits |= ownBit(i);
        if (other.related.includes(term)) credits |= relatedBit(i);
      });
      const boosts = [sectionBoost * factor, factor];
      for (const { term: id } of derived) contributions.add(id);
      return {
        distinct,
        credits,
        contributions: derived.map((d): Contribution => ({ ...d, boosts })),
      };
    };
    const exactly = (term: string) => {
      const id = this.postings.id(term);
      return id >= 0 ? [{ term: id, weight: 1 }] : [];
    };
    const leaves: Leaf[] = [];
    for (const term of terms) {
      if (term.outOfPhrase) continue;
      const derived = exactly(term.term);
      const prefixed = new Set<number>();
      if (matchesAsPrefix(term, term === terms.at(-1))) {
        for (const id of this.postings.longerWithPrefix(term.term)) {
          const length = this.postings.term(id).length;
          prefixed.add(id);
          derived.push({
            term: id,
            weight: (MATCH_WEIGHTS.prefix * length) / (length + 0.3 * (length - term.term.length)),
          });
        }
      }
      const distance = fuzzyDistance(term, this.lexicon);
      if (distance > 0) {
        for (const [id, edits] of near(term.term, distance)) {
          if (prefixed.has(id)) continue;
          const length = this.postings.term(id).length;
          derived.push({ term: id, weight: (MATCH_WEIGHTS.fuzzy * length) / (length + edits) });
        }
      }
      leaves.push({
        exact: source(term.term, derived, 1),
        related: term.related.map((other) => source(other, exactly(other), relatedBoost)),
      });
    }
    return { leaves, distinct: distinctOf.size, contributions: [...contributions] };
  }

  /** The passages of the episodes `allowed` holds (a filter by episode, or a segment's live episodes). */
  episodeFilter(allowed: { has(id: string): boolean }): (doc: number) => boolean {
    const { episodeIds, episodeOf } = this.parts.table;
    const byNumber = Uint8Array.from(episodeIds, (id) => (allowed.has(id) ? 1 : 0));
    return (doc) => byNumber[episodeOf[doc] as number] === 1;
  }

  /** A ranked passage as a hit; its passage and the terms it matched are found when asked for (only shown hits are). */
  private hit({ doc, score, coverage }: Ranked, contributions: readonly number[]): SearchHit {
    let terms: string[] | undefined;
    let passage: Passage | undefined;
    const { postings, parts } = this;
    return {
      get passage() {
        passage ??= parts.passages.at(doc);
        return passage;
      },
      episodeId: parts.table.episodeIds[parts.table.episodeOf[doc] as number] as string,
      doc,
      score,
      coverage,
      get terms() {
        terms ??= contributions.filter((id) => postings.contains(id, doc)).map((id) => postings.term(id));
        return terms;
      },
    };
  }
}

/**
 * The terms of an index within `distance` edits of `term`, without it: term number → edits, in
 * ascending term order (the order their scores are summed in).
 */
export type NearSpellings = (term: string, distance: number) => Iterable<[number, number]>;

/**
 * A warm-up question's common word is in at most this many passages: enough for its loops to be
 * compiled, and one question stays a few milliseconds at any size (warming runs while the previous
 * index answers, and one step is one question).
 */
const WARM_UP_PASSAGES = 2000;
/** Dictionary entries read to choose the warm-up's words. */
const WARM_UP_SAMPLE = 500;

/**
 * Questions of an index's own words that take each path of `search`: a common word alone and with
 * others, rare words, a prefix, a typo, and words it has never seen (suggestions).
 */
function warmUpQuestions(vocabulary: StoredLexicon['vocabulary']): string[] {
  // A sample of the dictionary, not all of it: reading a million entries is itself a long step.
  // Its words of at most WARM_UP_PASSAGES passages: the most common of them, and six spread out.
  const words: string[] = [];
  let common = '';
  let most = -1;
  const { terms, df, surfaces } = vocabulary;
  const step = Math.max(1, Math.floor(terms.length / WARM_UP_SAMPLE));
  for (let i = 0; i < terms.length; i += step) {
    const [surface, count] = [surfaces[i] as string, df[i] as number];
    if (count > WARM_UP_PASSAGES) continue;
    words.push(surface);
    if (count > most) [common, most] = [surface, count];
  }
  if (words.length === 0) return [];
  const [a, b, c, d, e, f] = Array.from(
    { length: 6 },
    (_, i) => words[Math.floor(((i + 0.5) * words.length) / 6)] as string,
  ) as [string, string, string, string, string, string];
  // Five letters: near spellings are walked at one edit, not two, which at a million passages can take
  // a hundred milliseconds for one word, and a warm-up step must stay short.
  const typo = (word: string) => `${word.slice(0, 4).padEnd(4, 'x')}q`;
  const questions = [
    common,
    `${common} ${a}`,
    b,
    `what did they say about ${c} and ${d}`,
    typo(e),
    `${f} ${a.slice(0, 4)}`,
    `zq${b.slice(0, 3)} ${typo(c)}`,
    `${d} ${common} ${e} ${f}`,
  ];
  // Asked five times: fewer left the first real questions at twice their later time (300k passages).
  return Array.from({ length: 5 }, () => questions).flat();
}

/** The outcome of a question with no words to search. */
export function unsearchable(text: string): SearchOutcome {
  const notice =
    text.trim() === ''
      ? 'The question is empty.'
      : 'The question has no words to search for (only common words, punctuation or symbols).';
  return { hits: [], suggestions: [], correction: null, notice };
}

/** A question's outcome from its hits: "did you mean" when nothing matched. */
export function outcomeOf(hits: SearchHit[], text: string, suggestions: Suggestions): SearchOutcome {
  const suggestion = hits.length ? null : suggestions.suggest(text);
  return {
    hits,
    suggestions: suggestion ? [suggestion.text] : [],
    correction: suggestion?.onlyTypos ? suggestion.text : null,
    notice: null,
  };
}
