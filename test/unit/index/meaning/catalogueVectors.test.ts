import { describe, expect, it } from 'vitest';
import { catalogueVectors, gloveVectors } from '../../../../src/index/meaning/glove.js';

describe("a catalogue's word vectors", () => {
  it('hold only its words in memory, and read any other word GloVe knows from the packed file', () => {
    // Before the whole table is read in this process (a test file is a process of its own).
    const catalogue = catalogueVectors(new Set(['senator', 'trip', 'notaglovewordzz']));
    expect(catalogue?.words).toEqual(['trip', 'senator']);
    const whole = gloveVectors();
    for (const word of ['senator', 'politician', 'banana', 'café', 'zucchini'])
      expect(catalogue?.vector(word), word).toEqual(
        whole?.vector(word) && Int8Array.from(whole.vector(word) as Int8Array),
      );
    expect(catalogue?.vector('notaglovewordzz')).toBeUndefined();
    expect(catalogue?.vector('politicia')).toBeUndefined();
  });
});
