import type { Logger } from '../../log.js';
import { type Steps, inBatches, runCooperatively, runNow } from '../cooperative.js';
import type { PassageEmbeddings } from './embedded.js';
import { type WordVectors, catalogueVectors, catalogueVectorsInSteps } from './glove.js';
import { Meaning, type MeaningIndex } from './meaning.js';

/**
 * An index's meaning: GloVe's vectors of its own words only (so their memory grows with the
 * catalogue's vocabulary, not the table's), with the passages' vectors from an embeddings endpoint
 * when there are any. Without the package and the endpoint it orders nothing.
 */
export function meaningOf(index: MeaningIndex, embedded: PassageEmbeddings | null, logger: Logger): Meaning {
  let vectors: WordVectors | null = null;
  try {
    vectors = catalogueVectors(runNow(catalogueWords(index)));
  } catch (err) {
    warn(logger, err);
  }
  return new Meaning(index, vectors, embedded);
}

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
