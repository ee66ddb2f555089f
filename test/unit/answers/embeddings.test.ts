import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { evaluateSets } from '../../../src/answers/evaluation.js';
import { EpisodeLibrary } from '../../../src/answers/library.js';
import { EMBEDDINGS_FILE } from '../../../src/index/meaning/embedded.js';
import type { EmbeddingsSettings } from '../../../src/index/meaning/endpoint.js';
import {
  type EmbeddingsStandin,
  type StandinMode,
  standinSettings,
  startEmbeddingsStandin,
} from '../../standin/embeddings.js';
import { copyOfData, recordingLogger } from '../../support/data.js';

/** The bundled catalogue with an embeddings endpoint (the stand-in's GloVe means) and without. */
let standin: EmbeddingsStandin;
beforeAll(async () => {
  standin = await startEmbeddingsStandin();
});
afterAll(() => standin.close());
beforeEach(() => {
  standin.mode = 'ok';
});

const settings = (overrides: Partial<EmbeddingsSettings> = {}) => standinSettings(standin, overrides);

async function open(dataDir: string, embeddings: EmbeddingsSettings | null) {
  const { logger, lines } = recordingLogger();
  const library = await EpisodeLibrary.open({ dataDir, logger, ...(embeddings ? { embeddings } : {}) });
  return { library, warnings: () => lines.filter((line) => line.level === 40).map((line) => line.msg) };
}

const QUESTIONS = [
  'what did they say about HBM',
  'why did the mayor win',
  'how are chip makers doing',
  'what happened to oil prices',
  'quantum computing stocks',
];

const answersOf = async (library: EpisodeLibrary) => {
  await library.embedQuestions(QUESTIONS);
  return QUESTIONS.map((question) => library.ask(question).results.map((result) => result.passageId));
};

describe('an embeddings endpoint', () => {
  it('holds or improves every figure of the dev set, and answers no question words did not find', async () => {
    const files = { dev: 'test/eval/questions.dev.jsonl' };
    const without = (await evaluateSets((await open(copyOfData(), null)).library, files)).dev;
    const { library, warnings } = await open(copyOfData(), settings());
    const withEndpoint = (await evaluateSets(library, files)).dev;
    expect(warnings()).toEqual([]);
    expect(withEndpoint?.hitAt3).toBeGreaterThanOrEqual(without?.hitAt3 as number);
    expect(withEndpoint?.mrr).toBeGreaterThanOrEqual((without?.mrr as number) - 0.005);
    expect(withEndpoint?.noAnswerAccuracy).toBe(without?.noAnswerAccuracy);
    expect(withEndpoint?.falseEmpty).toBe(without?.falseEmpty);
  });

  it('stores the passages it embedded beside the index, and a second start embeds none again', async () => {
    const dataDir = copyOfData();
    await open(dataDir, settings());
    expect(existsSync(join(dataDir, EMBEDDINGS_FILE))).toBe(true);
    standin.texts.length = 0;
    await open(dataDir, settings());
    expect(standin.texts).toEqual([]);
  });

  it.each(['error', 'slow', 'malformed', 'wrong-dimensions'] as StandinMode[])(
    'that is %s when the index is built and asked: the answers are those without it, with a warning',
    async (mode) => {
      const expected = await answersOf((await open(copyOfData(), null)).library);
      standin.mode = mode;
      // A slow endpoint is given up on at the timeout, made short here; the model gives 100 dimensions.
      const { library, warnings } = await open(
        copyOfData(),
        settings({ timeoutMs: 300, questionTimeoutMs: 300, dimensions: 100 }),
      );
      expect(await answersOf(library)).toEqual(expected);
      expect(warnings()).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/embedding passages stopped/),
          expect.stringMatching(/embedding questions failed/),
        ]),
      );
    },
  );

  it('down after building: the index opens and answers as without it', async () => {
    const dataDir = copyOfData();
    await open(dataDir, settings());
    const expected = await answersOf((await open(copyOfData(), null)).library);
    const down = await startEmbeddingsStandin();
    await down.close();
    const { logger } = recordingLogger();
    const library = await EpisodeLibrary.open({
      dataDir,
      logger,
      embeddings: { ...settings(), url: down.url },
    });
    expect(await answersOf(library)).toEqual(expected);
  });
});
