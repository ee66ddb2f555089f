import { STOPWORDS, stem, tokenize } from '../../text/analyze.js';
import type { SearchHit } from '../EpisodeIndex.js';
import type { Lexicon } from '../lexicon.js';
import { type PassageEmbeddings, cosine } from './embedded.js';
import { DIMENSIONS, type WordVectors } from './glove.js';

/**
 * Meaning without a model: a question and a passage are each the rarity-weighted mean of their words'
 * GloVe vectors, and passages whose words mean what the question's do move up. Only within what words
 * already found: it reorders passages that cover the same share of the question (to a tenth), by
 * reciprocal rank fusion of the lexical order and the order by meaning. A passage never rises above
 * one that covers more of the question, so strong lexical evidence is never overridden, and nothing is
 * answered that words did not find, so no no-answer floor moves.
 *
 * With an embeddings endpoint (`embedded.ts`), the order by meaning is the endpoint's vectors' when the
 * question and every passage reordered have one, fused the same way; else GloVe's.
 */

/** How far down the lexical order meaning is consulted: the page a listener sees and a little more. */
export const MEANING_DEPTH = 30;
/** Reciprocal rank fusion's constant: the usual 60 lets neither order's first place dominate. */
export const FUSION_K = 60;
/** How much the order by meaning counts against the lexical order (1: as much). */
export const MEANING_WEIGHT = 1;

/** What meaning reads of an index (one `EpisodeIndex`, or the catalogue's segments): its lexicon, a hit's terms. */
export interface MeaningIndex {
  readonly lexicon: Lexicon;
  textTermsOf(hit: SearchHit): string[];
}

export class Meaning {
  constructor(
    private readonly index: MeaningIndex,
    /** GloVe's vectors of the catalogue's words (null without the package). */
    private readonly vectors: WordVectors | null,
    /** The endpoint's vectors of passages, when one is configured and has answered. */
    readonly embedded: PassageEmbeddings | null = null,
  ) {}

  /** This meaning with other stored passage vectors (the endpoint embedded more, or a file was rewritten). */
  withEmbedded(embedded: PassageEmbeddings | null): Meaning {
    return new Meaning(this.index, this.vectors, embedded);
  }

  /** A term's rarity in the corpus: log(1 + N / df); a word the corpus lacks counts as the rarest. */
  private rarity(term: string): number {
    const { passageCount, vocabulary } = this.index.lexicon;
    const count = vocabulary.get(term)?.df ?? 1;
    return Math.log(1 + passageCount / Math.max(1, count));
  }

  /** The question's words (stopwords out) as one vector, each weighted by its rarity; null if none is known. */
  questionVector(question: string): Float32Array | null {
    if (this.vectors === null) return null;
    const sum = new Float32Array(DIMENSIONS);
    let any = false;
    for (const word of tokenize(question)) {
      if (STOPWORDS.has(word)) continue;
      const term = stem(word);
      // Only the catalogue's words have vectors in memory: an inflection the catalogue says otherwise
      // ("bought" for its "buy") has its term's word's vector.
      const vector = this.vectors.vector(word) ?? this.surfaceVector(term);
      if (!vector) continue;
      add(sum, vector, this.rarity(term));
      any = true;
    }
    return any ? normalized(sum) : null;
  }

  /** A passage's text terms as one vector (each term by its first surface word), or null. */
  passageVector(hit: SearchHit): Float32Array | null {
    if (this.vectors === null) return null;
    const sum = new Float32Array(DIMENSIONS);
    let any = false;
    for (const term of this.index.textTermsOf(hit)) {
      const vector = this.surfaceVector(term);
      if (!vector) continue;
      add(sum, vector, this.rarity(term));
      any = true;
    }
    return any ? normalized(sum) : null;
  }

  /** A corpus term's vector: its surface word's. */
  private surfaceVector(term: string): Int8Array | undefined {
    const surface = this.index.lexicon.vocabulary.get(term)?.surface;
    return surface === undefined ? undefined : this.vectors?.vector(surface);
  }

  /**
   * The hits with those of one coverage step reordered by fused lexical and meaning ranks.
   * `embeddedQuestion`: the question's unit vector from the endpoint, when it answered.
   */
  order(question: string, hits: readonly SearchHit[], embeddedQuestion?: Float32Array): SearchHit[] {
    if (hits.length < 2) return [...hits];
    const depth = Math.min(hits.length, MEANING_DEPTH);
    const top = hits.slice(0, depth);
    const similarity = this.similarity(question, top, embeddedQuestion);
    return similarity === null ? [...hits] : [...fuseWithinSteps(top, similarity), ...hits.slice(depth)];
  }

  /** Each hit's cosine with the question: the endpoint's when all have one, else GloVe's; null when neither can say. */
  similarity(question: string, hits: readonly SearchHit[], embeddedQuestion?: Float32Array): number[] | null {
    return this.embeddedSimilarity(embeddedQuestion, hits) ?? this.wordSimilarity(question, hits);
  }

  /** Cosines by the endpoint's vectors, or null unless the question and every hit have one. */
  private embeddedSimilarity(asked: Float32Array | undefined, hits: readonly SearchHit[]): number[] | null {
    if (asked === undefined || this.embedded === null) return null;
    const similarity: number[] = [];
    for (const { passage } of hits) {
      const vector = this.embedded.passageVector(passage);
      const value = vector === undefined ? null : cosine(asked, vector);
      if (value === null) return null;
      similarity.push(value);
    }
    return similarity;
  }

  /** Cosines by GloVe, or null when no word of the question has a vector. */
  private wordSimilarity(question: string, hits: readonly SearchHit[]): number[] | null {
    const asked = this.questionVector(question);
    if (asked === null) return null;
    return hits.map((hit) => {
      const vector = this.passageVector(hit);
      return vector === null ? -1 : dot(asked, vector);
    });
  }
}

/**
 * Reorders runs of hits in one coverage step (a tenth, as the lexical ranking steps them) by
 * reciprocal rank fusion of their lexical rank and their rank by `similarity`.
 */
export function fuseWithinSteps(hits: readonly SearchHit[], similarity: readonly number[]): SearchHit[] {
  const step = (hit: SearchHit) => Math.floor(hit.coverage * 10 + 1e-9);
  const byMeaning = similarity
    .map((_, i) => i)
    .sort((a, b) => (similarity[b] as number) - (similarity[a] as number));
  const meaningRank = new Array<number>(hits.length);
  byMeaning.forEach((i, rank) => (meaningRank[i] = rank));
  const fused = (i: number) => 1 / (FUSION_K + i) + MEANING_WEIGHT / (FUSION_K + (meaningRank[i] as number));
  const out: SearchHit[] = [];
  for (let from = 0; from < hits.length;) {
    let to = from + 1;
    while (to < hits.length && step(hits[to] as SearchHit) === step(hits[from] as SearchHit)) to++;
    const run = Array.from({ length: to - from }, (_, k) => from + k).sort(
      (a, b) => fused(b) - fused(a) || a - b,
    );
    for (const i of run) out.push(hits[i] as SearchHit);
    from = to;
  }
  return out;
}

function add(sum: Float32Array, vector: Int8Array, weight: number): void {
  for (let d = 0; d < DIMENSIONS; d++) sum[d] = (sum[d] as number) + (vector[d] as number) * weight;
}

function normalized(vector: Float32Array): Float32Array {
  let norm = 0;
  for (const value of vector) norm += value * value;
  norm = Math.sqrt(norm) || 1;
  for (let d = 0; d < DIMENSIONS; d++) vector[d] = (vector[d] as number) / norm;
  return vector;
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let d = 0; d < DIMENSIONS; d++) sum += (a[d] as number) * (b[d] as number);
  return sum;
}
