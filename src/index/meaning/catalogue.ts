import type { Logger } from '../../log.js';
import { type Steps, inBatches, runCooperatively } from '../cooperative.js';
import type { PassageEmbeddings } from './embedded.js';
import { type WordVectors, catalogueVectorsInSteps, lookupVectors } from './glove.js';
import { Meaning, type MeaningIndex } from './meaning.js';

/**
 * An index's meaning for a process that answers a question or a few and exits (a terminal command):
 * GloVe's vectors looked up on disk as its hits need them (`lookupVectors`), with the passages'
 * vectors from an embeddings endpoint when there are any. Without the package and the endpoint it
 * orders nothing.
 */
export function meaningOf(index: MeaningIndex, embedded: PassageEmbeddings | null, logger: Logger): Meaning {
  let vectors: WordVectors | null = null;
  try {
    vectors = lookupVectors();
  } catch (err) {
    warn(logger, err);
  }
  return new Meaning(index, vectors, embedded);
}

/**
 * The meaning of a long-running process, which keeps answering meanwhile: GloVe's vectors of its own
 * words in memory (so their memory grows with the catalogue's vocabulary, not the table's), read and
 * made a slice at a time.
 */
/** `meaningOf` for a process that keeps answering meanwhile: read and made a slice at a time. */
export async function meaningInSteps(
  index: MeaningIndex,
  embedded: PassageEmbeddings | null,
  logger: Logger,
): Promise<Meaning> {
  let vectors: WordVectors | null = null;
  try {
    vectors = await catalogueVectorsInSteps(await runCooperatively(catalogueWords(index)));
  } catch (err) {
    warn(logger, err);
  }
  return new Meaning(index, vectors, embedded);
}

/** The catalogue's words: each term's surface word. */
function* catalogueWords(index: MeaningIndex): Steps<Set<string>> {
  const words = new Set<string>();
  yield* inBatches(index.lexicon.vocabulary.values(), ({ surface }) => words.add(surface));
  return words;
}

function warn(logger: Logger, err: unknown): void {
  logger.warn({ err }, 'reading the word vectors failed: answers are ordered by words alone');
}
