import { z } from 'zod';

/**
 * The one way podqa reaches an embeddings server: `POST EMBEDDINGS_URL` with a batch of texts, as
 * OpenAI's `/v1/embeddings` (also served by Ollama and llama.cpp's server) or Ollama's own `/api/embed`
 * take it. The URL is the host's own setting, so it may be on loopback or the private network (an
 * embeddings server on the same machine is the usual case); it is the only address ever fetched here,
 * and a redirect elsewhere is refused. Every failure (down, slow, 5xx, malformed, wrong size) throws
 * `EmbeddingsError`; callers fall back to words and say so in a warning.
 */

/** Texts sent in one request: small enough for a CPU server to answer within the timeout. */
export const EMBEDDING_BATCH = 32;
/** Characters of a text sent: a transcript window (90–120 s of speech) fits; longer is cut. */
export const MAX_EMBEDDING_CHARS = 2000;
/** The largest answer read: a batch of the largest vectors, as JSON numbers. */
const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
/** Dimensions accepted from a server (common models have 384 to 4096). */
export const MAX_DIMENSIONS = 8192;

export interface EmbeddingsSettings {
  /** The endpoint itself, e.g. `http://127.0.0.1:11434/v1/embeddings`. */
  url: string;
  /** The model name sent with each request; also part of every stored vector's key. */
  model: string;
  /** Time for one request, in ms. */
  timeoutMs: number;
  /** Time a question waits for its vector, in ms (Discord wants a reply within 3 s): 1,500 unless a test says. */
  questionTimeoutMs?: number;
  /** The vectors' expected length: a server answering another is refused. Unset: the first answer's. */
  dimensions?: number;
}

/** Why a batch could not be embedded, naming the endpoint. */
export class EmbeddingsError extends Error {
  override name = 'EmbeddingsError';
  constructor(url: string, reason: string) {
    super(`embeddings endpoint ${url}: ${reason}`);
  }
}

const Vector = z.array(z.number().finite()).min(1).max(MAX_DIMENSIONS);
/** OpenAI's shape (`/v1/embeddings`), or Ollama's (`/api/embed`). */
const EmbeddingsAnswer = z.union([
  z.object({
    data: z.array(z.object({ embedding: Vector, index: z.number().int().nonnegative().optional() })),
  }),
  z.object({ embeddings: z.array(Vector) }),
]);

/** The texts' vectors, in order, each of `settings.dimensions` (or the first's) length. */
export async function embedTexts(
  settings: EmbeddingsSettings,
  texts: readonly string[],
): Promise<Float32Array[]> {
  const { url } = settings;
  const fail = (reason: string) => new EmbeddingsError(url, reason);
  const signal = AbortSignal.timeout(settings.timeoutMs);
  const request = () =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        model: settings.model,
        input: texts.map((text) => text.slice(0, MAX_EMBEDDING_CHARS)),
      }),
      redirect: 'error',
      signal,
    });
  let body: string;
  try {
    // A kept-alive connection the server has just closed fails at once: one new connection is tried.
    const response = await request().catch((err: unknown) => {
      if (signal.aborted) throw err;
      return request();
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw fail(`answered HTTP ${response.status}`);
    }
    body = await boundedText(response, fail);
  } catch (err) {
    if (err instanceof EmbeddingsError) throw err;
    throw fail(signal.aborted ? `no answer within ${settings.timeoutMs} ms` : `unreachable (${String(err)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw fail('answered something that is not JSON');
  }
  const parsed = EmbeddingsAnswer.safeParse(json);
  if (!parsed.success)
    throw fail('answered JSON without embeddings (expected data[].embedding or embeddings[])');
  const vectors =
    'data' in parsed.data
      ? parsed.data.data
          .map(({ embedding, index }, at) => ({ embedding, at: index ?? at }))
          .sort((a, b) => a.at - b.at)
          .map(({ embedding }) => embedding)
      : parsed.data.embeddings;
  if (vectors.length !== texts.length)
    throw fail(`answered ${vectors.length} vectors for ${texts.length} texts`);
  const dimensions = settings.dimensions ?? vectors[0]?.length;
  const wrong = vectors.find((vector) => vector.length !== dimensions);
  if (wrong) throw fail(`answered a vector of ${wrong.length} dimensions, expected ${dimensions}`);
  return vectors.map((vector) => Float32Array.from(vector));
}

async function boundedText(response: Response, fail: (reason: string) => Error): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.length;
    if (bytes > MAX_RESPONSE_BYTES) {
      await reader.cancel();
      throw fail(`answered more than ${MAX_RESPONSE_BYTES} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
