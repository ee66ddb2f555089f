import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EmbeddingsSettings } from '../../src/index/meaning/endpoint.js';
import { DIMENSIONS, gloveVectors } from '../../src/index/meaning/glove.js';
import type { Passage } from '../../src/passages/passage.js';
import { STOPWORDS, tokenize } from '../../src/text/analyze.js';

/**
 * An embeddings server for tests, on 127.0.0.1: it answers OpenAI's `POST /v1/embeddings` and
 * Ollama's `POST /api/embed` with real vectors (each text's mean GloVe vector, stopwords out), so
 * what fusion does is tested on meaning, not noise. `mode` makes it fail the ways real ones do.
 */
export type StandinMode = 'ok' | 'error' | 'slow' | 'malformed' | 'wrong-dimensions';

export interface EmbeddingsStandin {
  url: string;
  /** Ollama's own endpoint on the same server. */
  ollamaUrl: string;
  mode: StandinMode;
  /** Requests to drop by closing their connection unanswered, as a server closing an idle kept-alive one. */
  dropNext: number;
  /** Texts embedded so far, in order. */
  readonly texts: string[];
  close(): Promise<void>;
}

export function meanGlove(text: string): number[] {
  const vectors = gloveVectors();
  const sum = new Array<number>(DIMENSIONS).fill(0);
  for (const word of tokenize(text)) {
    const vector = STOPWORDS.has(word) ? undefined : vectors?.vector(word);
    if (vector) vector.forEach((value, d) => (sum[d] = (sum[d] as number) + value / 127));
  }
  return sum;
}

export async function startEmbeddingsStandin(): Promise<EmbeddingsStandin> {
  const held: (() => void)[] = [];
  const standin: EmbeddingsStandin = {
    url: '',
    ollamaUrl: '',
    mode: 'ok',
    dropNext: 0,
    texts: [],
    close: () =>
      new Promise((resolve) => {
        for (const release of held) release();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer((request, response) => {
    if (standin.dropNext > 0) {
      standin.dropNext--;
      return void request.socket.destroy();
    }
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      const { input } = JSON.parse(body) as { model: string; input: string[] };
      const send = (status: number, text: string) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(text);
      };
      if (standin.mode === 'error') return send(500, '{"error":"model not loaded"}');
      if (standin.mode === 'slow') return void held.push(() => send(200, '{}'));
      if (standin.mode === 'malformed') return send(200, '{"data": [{"embedding": [0.1, 0.2');
      standin.texts.push(...input);
      const vectors = input.map((text) =>
        standin.mode === 'wrong-dimensions' ? meanGlove(text).slice(0, 50) : meanGlove(text),
      );
      send(
        200,
        JSON.stringify(
          request.url === '/api/embed'
            ? { model: 'standin', embeddings: vectors }
            : {
                object: 'list',
                data: vectors.map((embedding, index) => ({ object: 'embedding', index, embedding })),
              },
        ),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  standin.url = `http://127.0.0.1:${port}/v1/embeddings`;
  standin.ollamaUrl = `http://127.0.0.1:${port}/api/embed`;
  return standin;
}

/** Settings for the stand-in, with long waits: a loaded machine must not turn a wait into a different answer. */
export const standinSettings = (
  standin: EmbeddingsStandin,
  overrides: Partial<EmbeddingsSettings> = {},
): EmbeddingsSettings => ({
  url: standin.url,
  model: 'standin-glove',
  timeoutMs: 30_000,
  questionTimeoutMs: 30_000,
  ...overrides,
});

/** A transcript window of episode `e`, each in its own chapter (a chapter shows at most two windows). */
export const windowOf = (i: number, text: string, episodeTitle = 'E'): Passage => ({
  id: `e#transcript-${i}`,
  episodeId: 'e',
  episodeTitle,
  kind: 'transcript',
  section: `Part ${i}`,
  text,
  start: i * 60,
  end: i * 60 + 60,
  approximate: false,
  url: null,
});
