import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EpisodeIndex } from '../../../../src/index/EpisodeIndex.js';
import {
  PassageEmbeddings,
  QuestionEmbeddings,
  embedPassages,
} from '../../../../src/index/meaning/embedded.js';
import {
  EmbeddingsError,
  type EmbeddingsSettings,
  embedTexts,
} from '../../../../src/index/meaning/endpoint.js';
import { Meaning } from '../../../../src/index/meaning/meaning.js';
import type { Passage } from '../../../../src/passages/passage.js';
import {
  type EmbeddingsStandin,
  standinSettings,
  startEmbeddingsStandin,
  windowOf,
} from '../../../standin/embeddings.js';
import { recordingLogger } from '../../../support/data.js';

let standin: EmbeddingsStandin;
const settings = (overrides: Partial<EmbeddingsSettings> = {}) => standinSettings(standin, overrides);

beforeAll(async () => {
  standin = await startEmbeddingsStandin();
});
afterAll(() => standin.close());
beforeEach(() => {
  standin.mode = 'ok';
  standin.dropNext = 0;
  standin.texts.length = 0;
});

const passage = (i: number, text: string) => windowOf(i, text, 'Harbour Hours');

describe('the embeddings endpoint', () => {
  it('returns one vector per text, in order, from OpenAI-shaped and Ollama-shaped answers', async () => {
    for (const url of [standin.url, standin.ollamaUrl]) {
      const [senator, banana] = await embedTexts(settings({ url }), ['the senator', 'a banana']);
      expect(senator).toHaveLength(100);
      expect(banana).toHaveLength(100);
      expect(senator).not.toEqual(banana);
    }
  });

  it.each([
    ['error', /answered HTTP 500/],
    ['malformed', /not JSON/],
    ['wrong-dimensions', /50 dimensions, expected 100/],
    ['slow', /no answer within 300 ms/],
  ] as const)('refuses a server that is %s, naming the endpoint', async (mode, reason) => {
    standin.mode = mode;
    const attempt = embedTexts(settings({ dimensions: 100, timeoutMs: 300 }), ['the senator']);
    await expect(attempt).rejects.toThrow(EmbeddingsError);
    await expect(attempt).rejects.toThrow(reason);
    await expect(attempt).rejects.toThrow(standin.url);
  });

  it('tries a new connection once when one is dropped unanswered (a kept-alive one the server closed)', async () => {
    standin.dropNext = 1;
    expect(await embedTexts(settings(), ['the senator'])).toHaveLength(1);
    standin.dropNext = 2;
    await expect(embedTexts(settings(), ['the senator'])).rejects.toThrow(/unreachable/);
  });

  it('refuses an endpoint that is down', async () => {
    const down = await startEmbeddingsStandin();
    await down.close();
    await expect(embedTexts(settings({ url: down.url }), ['x'])).rejects.toThrow(/unreachable/);
  });
});

describe('stored passage vectors', () => {
  const passages = [
    passage(0, 'The senator flew to the capital to meet voters.'),
    passage(1, 'Our ferry home ran late and the sea was cold.'),
    passage(2, 'A recipe for banana bread with walnuts.'),
  ];

  it('embeds each passage once: a rebuild reuses them, a changed passage alone is embedded again', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'podqa-embeddings-'));
    const { logger } = recordingLogger();
    const first = await embedPassages(dataDir, passages, settings(), logger);
    expect(standin.texts).toHaveLength(3);
    expect(first?.count).toBe(3);
    expect(first?.passageVector(passages[1] as Passage)).toHaveLength(100);

    standin.texts.length = 0;
    expect((await embedPassages(dataDir, passages, settings(), logger))?.count).toBe(3);
    expect(standin.texts).toEqual([]);

    const changed = passage(2, 'A recipe for banana bread with pecans.');
    const second = await embedPassages(
      dataDir,
      [passages[0] as Passage, passages[1] as Passage, changed],
      settings(),
      logger,
    );
    expect(standin.texts).toEqual([expect.stringContaining('pecans')]);
    // The old text's vector is gone with it: the file holds the passages indexed, no more.
    expect(second?.count).toBe(3);
    expect(second?.passageVector(passages[2] as Passage)).toBeUndefined();
    expect(second?.passageVector(changed)).toHaveLength(100);
  });

  it('keeps what was embedded when the endpoint fails, says so, and embeds the rest next time', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'podqa-embeddings-'));
    const { logger, lines } = recordingLogger();
    standin.mode = 'error';
    expect(await embedPassages(dataDir, passages, settings(), logger)).toBeNull();
    expect(lines.some((line) => line.level === 40 && /embedding passages stopped/.test(line.msg))).toBe(true);
    standin.mode = 'ok';
    expect((await embedPassages(dataDir, passages, settings(), logger))?.count).toBe(3);
  });

  it('are not read for another model (a new model embeds anew)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'podqa-embeddings-'));
    await embedPassages(dataDir, passages, settings(), recordingLogger().logger);
    expect(PassageEmbeddings.open(dataDir, { model: 'standin-glove' })?.count).toBe(3);
    expect(PassageEmbeddings.open(dataDir, { model: 'another-model' })).toBeNull();
  });
});

describe('meaning by the endpoint', () => {
  it('orders passages words found equally by what the endpoint says they mean, without GloVe in memory', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'podqa-embeddings-'));
    const passages = [
      passage(0, 'The trip was long.'),
      passage(1, 'Our trip home on the ferry ran late and cold.'),
      passage(2, 'The trip went to the capital, where the senator met voters, lawmakers and the governor.'),
    ];
    const index = EpisodeIndex.build(passages);
    const { logger, lines } = recordingLogger();
    const embedded = await embedPassages(dataDir, passages, settings(), logger);
    expect(lines.filter((line) => line.level >= 40)).toEqual([]);
    const questions = new QuestionEmbeddings(settings(), logger);
    const question = 'the politician trip';
    await questions.embed([question]);
    const meaning = new Meaning(index, null, embedded);
    const hits = index.search('trip').hits;
    expect(hits.map((h) => h.doc)).toEqual([0, 1, 2]);
    // The question's other words are in no passage: only the endpoint's vectors can lift the senator's trip.
    expect(meaning.order(question, hits, questions.vectorOf(question)).map((h) => h.doc)).toEqual([0, 2, 1]);
    // Without the question's vector (the endpoint did not answer), the lexical order stands.
    expect(meaning.order(question, hits).map((h) => h.doc)).toEqual([0, 1, 2]);
  });

  it('a failed question is answered without it, and the endpoint is left alone for a while', async () => {
    const { logger, lines } = recordingLogger();
    const questions = new QuestionEmbeddings(settings(), logger);
    standin.mode = 'error';
    await questions.embed(['first question']);
    expect(questions.vectorOf('first question')).toBeUndefined();
    expect(lines.filter((line) => line.level === 40)).toHaveLength(1);
    standin.mode = 'ok';
    await questions.embed(['second question']);
    expect(questions.vectorOf('second question')).toBeUndefined();
    expect(standin.texts).toEqual([]);
  });
});
