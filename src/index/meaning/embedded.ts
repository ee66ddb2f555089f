import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import type { Logger } from '../../log.js';
import type { Passage } from '../../passages/passage.js';
import { MAX_QUESTION_CHARS } from '../../text/question.js';
import { EMBEDDING_BATCH, type EmbeddingsSettings, MAX_DIMENSIONS, embedTexts } from './endpoint.js';

/**
 * Passages' vectors from the embeddings endpoint, kept in one file beside the index manifest,
 * `DATA_DIR/embeddings.bin`, keyed by a hash of the model and the text embedded: an unchanged passage
 * is never embedded twice, whichever build or segment it is in, and a rebuild reuses every vector.
 * Only the keys are held in memory (16 bytes a passage); a question reads the vectors of the few
 * passages it reorders from the file (the operating system caches the pages).
 *
 * Layout: `MAGIC`, the header's byte length (4 bytes), the header (JSON), the keys sorted (16 bytes
 * each), then each key's vector in the same order, one signed byte a dimension (the vector scaled
 * so its largest component is ±127: only directions are compared).
 */

export const EMBEDDINGS_FILE = 'embeddings.bin';
const MAGIC = 'podqa-embeddings-1\n';
const KEY_BYTES = 16;
/** Batches embedded between two writes of the file, so an interrupted first run keeps most of its work. */
const BATCHES_PER_WRITE = 64;

const Header = z.object({
  model: z.string(),
  dimensions: z.number().int().min(1).max(MAX_DIMENSIONS),
  count: z.number().int().nonnegative(),
});

/** What is embedded of a passage: where it is and what it says (the endpoint cuts long texts). */
export function embeddingText(passage: Pick<Passage, 'episodeTitle' | 'section' | 'text'>): string {
  const where = passage.section ? `${passage.episodeTitle}: ${passage.section}` : passage.episodeTitle;
  return `${where}\n${passage.text}`;
}

function keyOf(model: string, text: string): Buffer {
  return createHash('sha256').update(model).update('\0').update(text).digest().subarray(0, KEY_BYTES);
}

/** The stored vectors: keys in memory, vectors read from the file when asked for. */
export class PassageEmbeddings {
  private fd: number | null;

  private constructor(
    path: string,
    readonly model: string,
    readonly dimensions: number,
    /** `count` keys of `KEY_BYTES`, sorted. */
    private readonly keys: Buffer,
    private readonly vectorsAt: number,
  ) {
    this.fd = openSync(path, 'r');
  }

  get count(): number {
    return this.keys.length / KEY_BYTES;
  }

  /** The file of `dataDir`, when it holds vectors of `settings.model`; null when absent, of another model, or unreadable. */
  static open(
    dataDir: string,
    settings: Pick<EmbeddingsSettings, 'model' | 'dimensions'>,
  ): PassageEmbeddings | null {
    const path = join(dataDir, EMBEDDINGS_FILE);
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch {
      return null;
    }
    try {
      const start = Buffer.alloc(MAGIC.length + 4);
      if (readSync(fd, start, 0, start.length, 0) !== start.length) return null;
      if (start.subarray(0, MAGIC.length).toString() !== MAGIC) return null;
      const headerBytes = start.readUInt32LE(MAGIC.length);
      const headerBuffer = Buffer.alloc(headerBytes);
      readSync(fd, headerBuffer, 0, headerBytes, start.length);
      const header = Header.safeParse(JSONparse(headerBuffer.toString('utf8')));
      if (!header.success || header.data.model !== settings.model) return null;
      const { dimensions, count } = header.data;
      if (settings.dimensions !== undefined && settings.dimensions !== dimensions) return null;
      const keysAt = start.length + headerBytes;
      const keys = Buffer.alloc(count * KEY_BYTES);
      if (readSync(fd, keys, 0, keys.length, keysAt) !== keys.length) return null;
      return new PassageEmbeddings(path, settings.model, dimensions, keys, keysAt + keys.length);
    } finally {
      closeSync(fd);
    }
  }

  private slotOf(key: Buffer): number {
    let low = 0;
    let high = this.count;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const order = this.keys.compare(key, 0, KEY_BYTES, middle * KEY_BYTES, (middle + 1) * KEY_BYTES);
      if (order === 0) return middle;
      if (order > 0) high = middle;
      else low = middle + 1;
    }
    return -1;
  }

  /** The stored vector of a key, or undefined. */
  vectorOf(key: Buffer): Int8Array | undefined {
    const slot = this.slotOf(key);
    if (slot < 0 || this.fd === null) return undefined;
    const vector = new Int8Array(this.dimensions);
    const read = readSync(this.fd, vector, 0, this.dimensions, this.vectorsAt + slot * this.dimensions);
    return read === this.dimensions ? vector : undefined;
  }

  /** A passage's stored vector, or undefined when it was not embedded. */
  passageVector(passage: Pick<Passage, 'episodeTitle' | 'section' | 'text'>): Int8Array | undefined {
    return this.vectorOf(keyOf(this.model, embeddingText(passage)));
  }

  /** Releases the file; later reads find nothing. */
  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  /** Every key with its vector, for writing the next file. */
  *entries(): IterableIterator<[Buffer, Int8Array]> {
    for (let slot = 0; slot < this.count; slot++) {
      const key = this.keys.subarray(slot * KEY_BYTES, (slot + 1) * KEY_BYTES);
      const vector = this.vectorOf(key);
      if (vector) yield [key, vector];
    }
  }
}

function JSONparse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** A vector as stored: scaled so its largest component is ±127. */
export function quantized(vector: Float32Array): Int8Array {
  let largest = 0;
  for (const value of vector) largest = Math.max(largest, Math.abs(value));
  const scale = largest === 0 ? 0 : 127 / largest;
  return Int8Array.from(vector, (value) => Math.round(value * scale));
}

async function writeEmbeddings(
  path: string,
  model: string,
  dimensions: number,
  entries: Map<string, Int8Array>,
): Promise<void> {
  const sorted = [...entries.keys()].sort();
  const header = Buffer.from(JSON.stringify({ model, dimensions, count: sorted.length }));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length);
  const keys = Buffer.concat(sorted.map((key) => Buffer.from(key, 'hex')));
  const vectors = Buffer.alloc(sorted.length * dimensions);
  sorted.forEach((key, slot) => {
    const vector = entries.get(key) as Int8Array;
    vectors.set(new Uint8Array(vector.buffer, vector.byteOffset, dimensions), slot * dimensions);
  });
  await writeFileAtomic(path, Buffer.concat([Buffer.from(MAGIC), length, header, keys, vectors]));
}

/**
 * Embeds the passages the file lacks, a batch at a time, and writes the file (atomically: a reader
 * sees the old file or the new one) with the vectors of exactly these passages, so it never grows
 * with passages gone. The first failure stops embedding: it is logged as a warning, what was
 * embedded is kept, and the passages left are tried again at the next build or start. Returns the
 * file as written (or as it was when nothing changed), or null when it holds nothing.
 */
export async function embedPassages(
  dataDir: string,
  passages: Iterable<Pick<Passage, 'episodeTitle' | 'section' | 'text'>>,
  settings: EmbeddingsSettings,
  logger: Logger,
): Promise<PassageEmbeddings | null> {
  const path = join(dataDir, EMBEDDINGS_FILE);
  const stored = PassageEmbeddings.open(dataDir, settings);
  const wanted = new Map<string, string>();
  for (const passage of passages) {
    const text = embeddingText(passage);
    wanted.set(keyOf(settings.model, text).toString('hex'), text);
  }
  const entries = new Map<string, Int8Array>();
  let pruned = 0;
  if (stored) {
    for (const [key, vector] of stored.entries()) {
      const hex = key.toString('hex');
      if (wanted.has(hex)) entries.set(hex, vector);
      else pruned++;
    }
    stored.close();
  }
  const missing = [...wanted].filter(([key]) => !entries.has(key));
  if (missing.length === 0 && pruned === 0) return stored ? PassageEmbeddings.open(dataDir, settings) : null;
  if (missing.length > 0) logger.info({ missing: missing.length }, `embedding ${missing.length} passages`);
  let dimensions = settings.dimensions ?? stored?.dimensions;
  let batches = 0;
  for (let from = 0; from < missing.length; from += EMBEDDING_BATCH) {
    const batch = missing.slice(from, from + EMBEDDING_BATCH);
    let vectors: Float32Array[];
    try {
      vectors = await embedTexts(
        dimensions === undefined ? settings : { ...settings, dimensions },
        batch.map(([, text]) => text),
      );
    } catch (err) {
      logger.warn(
        { err, embedded: from, left: missing.length - from },
        `embedding passages stopped, answers use words for the ${missing.length - from} left: ${String((err as Error).message)}`,
      );
      break;
    }
    dimensions ??= vectors[0]?.length;
    vectors.forEach((vector, i) => entries.set((batch[i] as [string, string])[0], quantized(vector)));
    if (++batches % BATCHES_PER_WRITE === 0 && dimensions !== undefined)
      await writeEmbeddings(path, settings.model, dimensions, entries);
  }
  if (dimensions === undefined || entries.size === 0) return null;
  await writeEmbeddings(path, settings.model, dimensions, entries);
  return PassageEmbeddings.open(dataDir, settings);
}

/**
 * Questions' vectors, asked of the endpoint before a question is answered (answering itself is
 * synchronous) and kept for the answer and its next pages. A failure is a warning; the question is
 * then answered without it.
 */
export class QuestionEmbeddings {
  private static readonly KEPT = 4096;
  /** A listener waits at most this for a question's vector, unless the settings say (Discord wants a reply within 3 s). */
  static readonly WAIT_MS = 1500;
  /** After a failure, questions are answered without asking the endpoint for this long. */
  static readonly PAUSE_MS = 60_000;
  private readonly vectors = new Map<string, Float32Array>();
  private pausedUntil = 0;

  constructor(
    private readonly settings: EmbeddingsSettings,
    private readonly logger: Logger,
  ) {}

  /** A question's unit vector, when it was embedded. */
  vectorOf(question: string): Float32Array | undefined {
    return this.vectors.get(question);
  }

  /** Embeds the questions not embedded yet; a failure is logged and pauses asking for `PAUSE_MS`. */
  async embed(questions: readonly string[]): Promise<void> {
    const wanted = [...new Set(questions)].filter((question) => !this.vectors.has(question));
    const settings = {
      ...this.settings,
      timeoutMs: Math.min(this.settings.timeoutMs, QuestionEmbeddings.WAIT_MS),
    };
    for (let from = 0; from < wanted.length && Date.now() >= this.pausedUntil; from += EMBEDDING_BATCH) {
      const batch = wanted.slice(from, from + EMBEDDING_BATCH);
      try {
        // Cut as the question is answered: only what is searched is sent.
        const vectors = await embedTexts(
          settings,
          batch.map((question) => question.slice(0, MAX_QUESTION_CHARS)),
        );
        vectors.forEach((vector, i) => this.keep(batch[i] as string, unit(vector)));
      } catch (err) {
        this.pausedUntil = Date.now() + QuestionEmbeddings.PAUSE_MS;
        this.logger.warn(
          { err },
          `embedding questions failed, answering by words for a minute: ${String((err as Error).message)}`,
        );
      }
    }
  }

  private keep(question: string, vector: Float32Array): void {
    this.vectors.delete(question);
    this.vectors.set(question, vector);
    // Oldest first in a Map: the least recently embedded question goes.
    if (this.vectors.size > QuestionEmbeddings.KEPT)
      this.vectors.delete(this.vectors.keys().next().value as string);
  }
}

function unit(vector: Float32Array): Float32Array {
  let norm = 0;
  for (const value of vector) norm += value * value;
  norm = Math.sqrt(norm) || 1;
  return vector.map((value) => value / norm);
}

/** Cosine of a unit question vector and a stored passage vector; null when their sizes differ. */
export function cosine(asked: Float32Array, stored: Int8Array): number | null {
  if (asked.length !== stored.length) return null;
  let dot = 0;
  let norm = 0;
  for (let d = 0; d < stored.length; d++) {
    const value = stored[d] as number;
    dot += (asked[d] as number) * value;
    norm += value * value;
  }
  return norm === 0 ? 0 : dot / Math.sqrt(norm);
}
