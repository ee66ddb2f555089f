import type { Logger } from '../../log.js';
import type { PassageEmbeddings } from './embedded.js';
import { type WordVectors, catalogueVectors } from './glove.js';
import { Meaning, type MeaningIndex } from './meaning.js';

/**
 * An index's meaning: GloVe's vectors of its own words only (so their memory grows with the
 * catalogue's vocabulary, not the table's), with the passages' vectors from an embeddings endpoint
 * when there are any. Without the package and the endpoint it orders nothing.
 */
export function meaningOf(index: MeaningIndex, embedded: PassageEmbeddings | null, logger: Logger): Meaning {
  return new Meaning(index, catalogueVectorsOrNull(index, logger), embedded);
}

function catalogueVectorsOrNull(index: MeaningIndex, logger: Logger): WordVectors | null {
  try {
    const words = new Set<string>();
    for (const { surface } of index.lexicon.vocabulary.values()) words.add(surface);
    return catalogueVectors(words);
  } catch (err) {
    logger.warn({ err }, 'reading the word vectors failed: answers are ordered by words alone');
    return null;
  }
}
