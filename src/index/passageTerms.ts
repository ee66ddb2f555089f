import type { Passage } from '../passages/passage.js';
import { type Span, STOPWORDS, stem, stemOnce, tokenSpans, tokenize } from '../text/analyze.js';
import type { Thesaurus } from '../text/thesaurus.js';

/**
 * How a passage's text becomes index terms: the one analysis MiniSearch indexes with, that collapse
 * and "own words" ordering read back (precomputed at build), and that questions are analysed against.
 */

/**
 * A text's index terms: analysed, thesaurus groups joined, plus joined neighbours for compounds.
 * The compounds come last: `plain` counts the terms before them.
 */
export function indexTerms(
  text: string,
  thesaurus: Thesaurus,
  words: ReadonlySet<string> = new Set(),
): { terms: string[]; plain: number } {
  return termsOf(foundTerms(text, thesaurus, words));
}

/** `indexTerms` of what `foundTerms` found. */
export function termsOf(found: readonly FoundTerm[]): { terms: string[]; plain: number } {
  const terms = found.map(({ term }) => term);
  return { terms, plain: terms.length - found.filter(({ joined }) => joined !== undefined).length };
}

/** An index term, and where the words it stands for are in the text (a compound: the two words joined). */
export interface FoundTerm extends Span {
  joined?: string;
}

/**
 * Every word's stem, plus each thesaurus group a word or phrase belongs to (so synonyms meet), plus
 * joined neighbours that the corpus also writes as one word (so `data centers` meets `datacenters`).
 * The words stay beside their group so a misspelt question can still reach them.
 */
export function foundTerms(text: string, thesaurus: Thesaurus, words: ReadonlySet<string>): FoundTerm[] {
  const tokens = tokenSpans(text).filter((span) => !STOPWORDS.has(span.term));
  const out: FoundTerm[] = tokens.map((span) => ({
    term: stem(span.term),
    start: span.start,
    end: span.end,
  }));
  for (const span of thesaurus.expandSpans(out)) if (span.term.startsWith('~')) out.push(span);
  // Joined pairs are one-off strings: stemmed without filling the words' memo (which they would churn).
  for (let i = 1; i < tokens.length && words.size > 0; i++) {
    const a = tokens[i - 1] as Span;
    const b = tokens[i] as Span;
    const joined = stemOnce(`${a.term}${b.term}`);
    if (words.has(joined))
      out.push({ term: joined, start: a.start, end: b.end, joined: `${a.term}${b.term}` });
  }
  return out;
}

/** The word a found term was written as (lowercase, no possessive), shown in spelling suggestions. */
export function surfaceOf(text: string, found: FoundTerm): string {
  return (
    found.joined ??
    text
      .slice(found.start, found.end)
      .toLowerCase()
      .replace(/['\u2019]s$/, '')
  );
}

/**
 * The corpus's words, in one reading of every section and text: each token as written, and the
 * neighbouring terms that are one of `phrases` (first term → second terms), as `"term term"` (a
 * stopword between two words parts them).
 */
export function corpusWords(
  passages: readonly Passage[],
  phrases: ReadonlyMap<string, ReadonlySet<string>>,
): { tokens: Set<string>; pairs: Set<string> } {
  const tokens = new Set<string>();
  const pairs = new Set<string>();
  for (const passage of passages) {
    for (const part of [passage.section ?? '', passage.text]) {
      let previous: string | null = null;
      for (const token of tokenize(part)) {
        tokens.add(token);
        const term = STOPWORDS.has(token) ? null : stem(token);
        if (previous && term && phrases.get(previous)?.has(term)) pairs.add(`${previous} ${term}`);
        previous = term;
      }
    }
  }
  return { tokens, pairs };
}

/**
 * The corpus's vocabulary, counted as passages are read: each term (of a passage's section or text) →
 * in how many passages it occurs, and the first surface word it came from (shown in suggestions).
 */
export class VocabularyCounter {
  private readonly entries = new Map<string, { df: number; surface: string; last: number }>();

  /**
   * Counts the terms found in a field of passage number `passage` (passages in order, a passage's
   * fields one after another). A surface is made only for a term met for the first time.
   */
  count(passage: number, text: string, found: readonly FoundTerm[]): void {
    for (const term of found) {
      const entry = this.entries.get(term.term);
      if (!entry) this.entries.set(term.term, { df: 1, surface: surfaceOf(text, term), last: passage });
      else if (entry.last !== passage) {
        entry.df++;
        entry.last = passage;
      }
    }
  }

  get vocabulary(): ReadonlyMap<string, { df: number; surface: string }> {
    return this.entries;
  }
}

/** Passages of one section of one episode share this key (MAX_PER_SECTION, a takeaway's summary). */
export const sectionKey = (passage: Pick<Passage, 'episodeId' | 'section'>) =>
  `${passage.episodeId}\u0000${passage.section ?? ''}`;

/**
 * What ranking needs of each passage, as numbers read at query time instead of text analysed: its
 * episode, its section (an episode's section is one group), a takeaway's section summary, and the
 * dictionary terms of its text and of its section's title (for near-duplicates and own-words order).
 */
export interface PassageTable {
  /** Passage → its episode's number in `episodeIds`. */
  episodeOf: Uint32Array;
  episodeIds: readonly string[];
  /** Passage → its section group (one episode's one section). */
  groupOf: Uint32Array;
  /**
   * Passage → the passage whose matched words lend it context, else -1: a takeaway's section summary,
   * a transcript window's episode title (see `contextOf`).
   */
  summaryOf: Int32Array;
  /** Passage `p`'s text terms, sorted: `textTerms` from `textStart[p]` to `textStart[p+1]`. */
  textStart: Uint32Array;
  textTerms: Uint32Array;
  /** Group `g`'s section-title terms, sorted, likewise. */
  groupStart: Uint32Array;
  groupTerms: Uint32Array;
}

/**
 * Builds the table. `termId` maps a term to its dictionary number; `textTerms` gives each passage's
 * text terms as its text field was indexed (without compounds), so every one has a number.
 */
export function passageTable(
  passages: readonly Passage[],
  thesaurus: Thesaurus,
  termId: (term: string) => number,
  textTermsOf: (passage: number) => readonly string[],
): PassageTable {
  const episodes = new Map<string, number>();
  const groups = new Map<string, number>();
  const n = passages.length;
  const episodeOf = new Uint32Array(n);
  const groupOf = new Uint32Array(n);
  const textStart = new Uint32Array(n + 1);
  const text: number[] = [];
  const groupStart: number[] = [0];
  const groupTerms: number[] = [];
  const idsOf = (terms: readonly string[]) =>
    [...new Set(terms.map(termId))].filter((id) => id >= 0).sort((a, b) => a - b);
  passages.forEach((passage, p) => {
    let episode = episodes.get(passage.episodeId);
    if (episode === undefined) episodes.set(passage.episodeId, (episode = episodes.size));
    episodeOf[p] = episode;
    const key = sectionKey(passage);
    let group = groups.get(key);
    if (group === undefined) {
      groups.set(key, (group = groups.size));
      groupTerms.push(...idsOf(indexTerms(passage.section ?? '', thesaurus).terms));
      groupStart.push(groupTerms.length);
    }
    groupOf[p] = group;
    text.push(...idsOf(textTermsOf(p)));
    textStart[p + 1] = text.length;
  });
  return {
    episodeOf,
    episodeIds: [...episodes.keys()],
    groupOf,
    summaryOf: contextOf(passages),
    textStart,
    textTerms: Uint32Array.from(text),
    groupStart: Uint32Array.from(groupStart),
    groupTerms: Uint32Array.from(groupTerms),
  };
}

/**
 * Each passage's context passage, whose matched words count for it in part (`contextCredit`), or -1:
 * a takeaway is read in its section (its summary); a transcript window in its episode, whose title
 * and description say what the whole hour is about while a window says "she" and "that trip" (the
 * summary under the episode's own title, or else the passage naming its title and people: a list of
 * names says less of the hour than the page's description of it).
 */
export function contextOf(passages: readonly Passage[]): Int32Array {
  const summaries = new Map<string, number>();
  const titles = new Map<string, number>();
  passages.forEach((passage, p) => {
    if (passage.kind === 'summary') summaries.set(sectionKey(passage), p);
    const naming =
      passage.kind === 'people' || (passage.kind === 'summary' && passage.section === passage.episodeTitle);
    if (naming && (passage.kind === 'summary' || !titles.has(passage.episodeId)))
      titles.set(passage.episodeId, p);
  });
  return Int32Array.from(passages, (passage) => {
    if (passage.kind === 'takeaway') return summaries.get(sectionKey(passage)) ?? -1;
    return passage.kind === 'transcript' ? (titles.get(passage.episodeId) ?? -1) : -1;
  });
}
