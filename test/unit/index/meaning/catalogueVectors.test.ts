import { describe, expect, it } from 'vitest';
import {
  catalogueVectors,
  catalogueVectorsInSteps,
  gloveVectors,
  lookupVectors,
} from '../../../../src/index/meaning/glove.js';

describe("a catalogue's word vectors", () => {
  it('hold only its words in memory, and read any other word GloVe knows from the packed file', async () => {
    // Before the whole table is read in this process (a test file is a process of its own).
    const catalogue = catalogueVectors(new Set(['senator', 'trip', 'notaglovewordzz']));
    expect(catalogue?.words).toEqual(['trip', 'senator']);
    // Made a slice at a time (a swap while answering), the same.
    const inSteps = await catalogueVectorsInSteps(new Set(['senator', 'trip', 'notaglovewordzz']));
    expect(inSteps?.words).toEqual(['trip', 'senator']);
    expect(inSteps?.vector('politician')).toEqual(catalogue?.vector('politician'));
    // A terminal command's: nothing in memory, every word read from the file when first asked for.
    const looked = lookupVectors();
    expect(looked?.words).toEqual([]);
    const whole = gloveVectors();
    for (const vectors of [catalogue, looked]) {
      for (const word of ['senator', 'politician', 'banana', 'café', 'zucchini', 'the'])
        expect(vectors?.vector(word), word).toEqual(
          whole?.vector(word) && Int8Array.from(whole.vector(word) as Int8Array),
        );
      expect(vectors?.vector('notaglovewordzz')).toBeUndefined();
      expect(vectors?.vector('politicia')).toBeUndefined();
    }
  });
});
