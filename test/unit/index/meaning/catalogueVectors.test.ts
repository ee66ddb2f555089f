import { describe, expect, it } from 'vitest';
import {
  catalogueVectors,
  catalogueVectorsInSteps,
  gloveVectors,
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
    const whole = gloveVectors();
    for (const word of ['senator', 'politician', 'banana', 'café', 'zucchini'])
      expect(catalogue?.vector(word), word).toEqual(
        whole?.vector(word) && Int8Array.from(whole.vector(word) as Int8Array),
      );
    expect(catalogue?.vector('notaglovewordzz')).toBeUndefined();
    expect(catalogue?.vector('politicia')).toBeUndefined();
  });
});
