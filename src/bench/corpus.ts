import type { EpisodeDocument } from '../episodes/schema.js';

/**
 * A synthetic back catalogue shaped like the seeds: episodes with publisher chapters, analysis
 * sections with summaries and bullets, and quick insights (40–80 passages each), written in a
 * vocabulary with a Zipf tail plus names, tickers and numbers. Deterministic for a seed.
 */

/** mulberry32: small, fast, good enough to draw words. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES =
  'ba be bi bo bu ca ce co da de di do fa fe fi ga ge go ha he hi ka ke ko la le li lo ma me mi mo na ne ni no pa pe pi po ra re ri ro sa se si so ta te ti to va ve vi wa we ya yo za zu'.split(
    ' ',
  );
const COMMON =
  'the and of to in a is that for on with as it was about they said market growth model company deal price chips data power cost rate year quarter team growth'.split(
    ' ',
  );

export interface Vocabulary {
  words: string[];
  /** Draws a word with Zipf-distributed rank. */
  draw(): string;
  names: string[];
  tickers: string[];
}

export function vocabulary(rand: () => number, size = 40_000): Vocabulary {
  const words = new Set<string>(COMMON);
  while (words.size < size) {
    const n = 2 + Math.floor(rand() * 3);
    let word = '';
    for (let i = 0; i < n; i++) word += SYLLABLES[Math.floor(rand() * SYLLABLES.length)];
    words.add(word);
  }
  const list = [...words];
  // Zipf (s = 1.07): cumulative weights, drawn by binary search.
  const cumulative: number[] = [];
  let total = 0;
  for (let rank = 1; rank <= list.length; rank++) cumulative.push((total += 1 / rank ** 1.07));
  const draw = () => {
    const x = rand() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return list[lo] as string;
  };
  const capital = (word: string) => word[0]?.toUpperCase() + word.slice(1);
  const names = Array.from(
    { length: 400 },
    () => `${capital(draw())} ${capital(list[Math.floor(rand() * list.length)] as string)}`,
  );
  const tickers = Array.from(
    { length: 300 },
    () => list[Math.floor(rand() * 2000) + 500]?.slice(0, 4).toUpperCase() as string,
  );
  return { words: list, draw, names, tickers };
}

function sentence(rand: () => number, vocab: Vocabulary, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    const roll = rand();
    if (roll < 0.03) out.push(vocab.names[Math.floor(rand() * vocab.names.length)] as string);
    else if (roll < 0.05) out.push(`(${vocab.tickers[Math.floor(rand() * vocab.tickers.length)]})`);
    else if (roll < 0.07)
      out.push(['$6M', '5.2%', '30-year', '$40B', '4x', '85%', '$3T'][Math.floor(rand() * 7)] as string);
    else out.push(vocab.draw());
  }
  const text = out.join(' ');
  return `${text[0]?.toUpperCase()}${text.slice(1)}.`;
}

/** Episode `n` of a catalogue: 7–12 chapters, 4–7 sections of 4–7 bullets, insights. */
export function syntheticEpisode(n: number, vocab: Vocabulary, rand: () => number): EpisodeDocument {
  const duration = 3600 + Math.floor(rand() * 3600);
  const chapterCount = 7 + Math.floor(rand() * 6);
  const chapters = Array.from({ length: chapterCount }, (_, i) => ({
    title: sentence(rand, vocab, 5 + Math.floor(rand() * 6)).slice(0, -1),
    start: Math.floor((i * duration) / chapterCount),
  }));
  const sections = Array.from({ length: 4 + Math.floor(rand() * 4) }, () => ({
    kind: 'analysis' as const,
    // Sections reuse words of a chapter title, as real summaries do, so alignment has work to do.
    title: (chapters[Math.floor(rand() * chapters.length)]?.title ?? 'Topic')
      .split(' ')
      .slice(0, 4)
      .join(' '),
    summary: sentence(rand, vocab, 25 + Math.floor(rand() * 15)),
    bullets: Array.from({ length: 4 + Math.floor(rand() * 4) }, () =>
      sentence(rand, vocab, 15 + Math.floor(rand() * 15)),
    ),
    start: null,
    end: null,
  }));
  return {
    id: `synthetic-${n}`,
    title: sentence(rand, vocab, 6 + Math.floor(rand() * 5)).slice(0, -1),
    show: 'Synthetic Show',
    number: n,
    image: null,
    published: `20${String(10 + (n % 15)).padStart(2, '0')}-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`,
    duration,
    people: [{ name: vocab.names[n % vocab.names.length] as string, role: 'guest' }],
    videoUrl: `https://www.youtube.com/watch?v=${String(n).padStart(11, 'x')}`,
    audioUrl: null,
    insights: sentence(rand, vocab, 50 + Math.floor(rand() * 20)),
    chapters,
    sections,
    links: [],
  };
}

/**
 * Questions in the mix the bot sees: 1–6 words taken from passages (answerable), with typos, with
 * the last word cut short (still typing), and made-up words (no answer).
 */
export function queryMix(
  rand: () => number,
  vocab: Vocabulary,
  texts: readonly string[],
  count = 400,
): string[] {
  const queries: string[] = [];
  for (let i = 0; i < count; i++) {
    const words = (texts[Math.floor(rand() * texts.length)] ?? '')
      .replace(/[().,]/g, '')
      .split(' ')
      .filter(Boolean);
    const length = 1 + Math.floor(rand() * 6);
    const from = Math.floor(rand() * Math.max(1, words.length - length));
    let query = words.slice(from, from + length);
    const kind = i % 4;
    if (kind === 1)
      query = query.map((w) =>
        w.length >= 6 && rand() < 0.5 ? `${w.slice(0, 2)}${w[3]}${w[2]}${w.slice(4)}` : w,
      );
    else if (kind === 2) query[query.length - 1] = (query.at(-1) ?? '').slice(0, 3);
    else if (kind === 3) query = Array.from({ length: length }, () => `zq${vocab.draw()}xv`);
    queries.push(query.join(' '));
  }
  return queries;
}

/**
 * Import `n` of a bench: an episode of about 300 passages (several synthetic episodes' sections under
 * one id), with a phrase no other episode uses to ask for it.
 */
export function importedEpisode(n: number, vocab: Vocabulary): { episode: EpisodeDocument; phrase: string } {
  const rand = random(10_000 + n);
  const parts = Array.from({ length: 6 }, (_, i) => syntheticEpisode(900_000 + n * 10 + i, vocab, rand));
  const [first] = parts as [EpisodeDocument];
  const phrase = `zephyrine${n} quorlaxian${n}`;
  const sections = parts.flatMap((part) => part.sections);
  sections[0] = { ...(sections[0] as (typeof sections)[0]), summary: `The ${phrase} came up at last.` };
  return { episode: { ...first, id: `imported-${n}`, sections }, phrase };
}
