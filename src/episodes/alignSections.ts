import { STOPWORDS, stem, stemOnce, tokenize } from '../text/analyze.js';
import { commonThesaurus } from '../text/thesaurus.js';
import type { Chapter } from './schema.js';

/**
 * Which publisher chapter a summary part talks about, judged by its content, then by the page's order
 * where the content leaves a part misplaced or unplaced (`followPageOrder`).
 */

/** What a summary part says: its title names the topic; its summary and bullets show how much it is discussed. */
export interface SectionContent {
  title: string;
  summary: string | null;
  bullets: readonly string[];
}

/**
 * The best chapter must score at least this much: about one distinctive word of a chapter title that
 * the section both names in its title and discusses, or several it discusses. A word shared by two
 * chapter titles ("AI") is not enough alone. Below it, a section gets no time.
 */
const MIN_SCORE = 2.5;
/** ...and beat the runner-up by this factor, or the choice is a coin toss and no time is given. */
const MIN_MARGIN = 1.25;
/** A chapter word that the section's title names counts this much more than one its body mentions. */
const TITLE_BONUS = 3;

/**
 * Stemmed content words with their counts (thesaurus groups included), and joined neighbours
 * (`data centers` → `datacent`) so a chapter's `datacenters` meets a section's two words.
 */
export function contentTerms(text: string): { words: Map<string, number>; joined: Set<string> } {
  const tokens = tokenize(text).filter((token) => !STOPWORDS.has(token));
  const words = new Map<string, number>();
  for (const term of commonThesaurus.expand(tokens.map(stem))) words.set(term, (words.get(term) ?? 0) + 1);
  const joined = new Set(tokens.slice(1).map((token, i) => stemOnce(`${tokens[i]}${token}`)));
  return { words, joined };
}

export interface Alignment {
  /** Index into the chapters, or null when no chapter matches with confidence. */
  chapter: number | null;
  score: number;
  runnerUp: number;
  /** When no chapter won clearly: the chapters that scored within the margin of the best. */
  ties: number[];
  /** Every chapter's score, by chapter index: what the page's order chooses among. */
  scores: number[];
}

/**
 * Scores each chapter title against the section: every title word the section discusses adds its
 * rarity among the chapter titles (a word in every title tells nothing) times how much the section
 * dwells on it (log-damped), and the sum is divided by the square root of the title's own rarity mass,
 * so a long chapter title does not win by sheer length.
 */
export function alignSection(
  section: SectionContent,
  chapters: readonly Pick<Chapter, 'title'>[],
  /** Terms that say who speaks, not what about (the episode's people): ignored. */
  speakers: ReadonlySet<string> = new Set(),
): Alignment {
  return alignToTitles(section, chapterTitles(chapters), speakers);
}

/** The chapter titles' terms, and each term's rarity among them: read once for all of an episode's sections. */
function chapterTitles(chapters: readonly Pick<Chapter, 'title'>[]) {
  const titles = chapters.map((chapter) => contentTerms(chapter.title));
  const documentFrequency = new Map<string, number>();
  for (const { words } of titles)
    for (const term of words.keys()) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  const rarity = (term: string) => Math.log(1 + chapters.length / (documentFrequency.get(term) ?? 1));
  return { titles, rarity };
}

function alignToTitles(
  section: SectionContent,
  { titles, rarity }: ReturnType<typeof chapterTitles>,
  speakers: ReadonlySet<string>,
): Alignment {
  const title = contentTerms(section.title);
  const body = contentTerms([section.summary ?? '', ...section.bullets].join('\n'));
  const evidence = (term: string) => {
    if (speakers.has(term)) return 0;
    const inBody = body.words.get(term) ?? (body.joined.has(term) ? 1 : 0);
    return (
      (title.words.has(term) || title.joined.has(term) ? TITLE_BONUS : 0) +
      (inBody > 0 ? 1 + Math.log(inBody) : 0)
    );
  };

  const scores = titles.map(({ words, joined }) => {
    let matched = 0;
    let mass = 0;
    for (const term of words.keys()) {
      mass += rarity(term);
      matched += rarity(term) * evidence(term);
    }
    // A chapter's compound (`datacenters`) that the section writes as two words.
    for (const term of joined)
      if (!words.has(term) && (title.words.has(term) || body.words.has(term))) matched += rarity(term);
    return mass === 0 ? 0 : matched / Math.sqrt(mass);
  });
  const ranked = scores.map((score, index) => ({ score, index })).sort((a, b) => b.score - a.score);
  const best = ranked[0];
  const runnerUp = ranked[1]?.score ?? 0;
  if (!best || best.score < MIN_SCORE)
    return { chapter: null, score: best?.score ?? 0, runnerUp, ties: [], scores };
  if (best.score < runnerUp * MIN_MARGIN) {
    const ties = ranked.filter(({ score }) => score * MIN_MARGIN >= best.score).map(({ index }) => index);
    return { chapter: null, score: best.score, runnerUp, ties, scores };
  }
  return { chapter: best.index, score: best.score, runnerUp, ties: [], scores };
}

/**
 * Aligns every section of a summary, then settles what one section alone cannot:
 * - A section torn between chapters goes to the one of them that no clearly aligned section has
 *   taken, when there is exactly one: a summary covers the episode chapter by chapter, so a chapter
 *   that already has its own section is the less likely home. ("DOGE, Debt…" scores as high for "Fed
 *   holds rates, how DOGE can impact rate cuts", which "Interest Rates…" clearly has, as for "DOGE's
 *   first 10 days", which nothing else has.)
 * - A section that matches no chapter takes its neighbours' chapter when both have the same.
 */
export function alignSections(
  sections: readonly SectionContent[],
  chapters: readonly Pick<Chapter, 'title'>[],
  speakers: ReadonlySet<string> = new Set(),
): Alignment[] {
  const titles = chapterTitles(chapters);
  const alignments = sections.map((section) => alignToTitles(section, titles, speakers));
  const taken = new Set(alignments.flatMap(({ chapter }) => (chapter === null ? [] : [chapter])));
  const settled = alignments.map((alignment) => {
    const free = alignment.ties.filter((chapter) => !taken.has(chapter));
    return free.length === 1 && free.length < alignment.ties.length
      ? { ...alignment, chapter: free[0] as number }
      : alignment;
  });
  // A section that matches nothing, between two that sit in one chapter, is in that chapter too:
  // pages may reorder topics, but not split one chapter's sections around another's.
  const filled = settled.map((alignment, i) => {
    if (alignment.chapter !== null) return alignment;
    const before = settled.slice(0, i).findLast(({ chapter }) => chapter !== null)?.chapter;
    const after = settled.slice(i + 1).find(({ chapter }) => chapter !== null)?.chapter;
    return before !== undefined && before === after ? { ...alignment, chapter: before } : alignment;
  });
  return followPageOrder(filled);
}

/**
 * Order as evidence: summary pages list their parts mostly in the episode's order, so a part between
 * two parts at chapters X ≤ Z belongs to a chapter in [X, Z]. A part aligned outside that range goes
 * to the best-scoring chapter inside it, when it has any evidence there — unless the chapter it left
 * would then have no part at all: a summary covers the episode chapter by chapter, and a part that
 * alone covers a chapter is where the page moved a topic, not a part misled by shared words. A part
 * that matched nothing takes the range's clear best (order narrows the choice, so half the usual
 * score suffices). Where the neighbours themselves are out of order (X > Z), order says nothing.
 */
function followPageOrder(alignments: readonly Alignment[]): Alignment[] {
  const result = [...alignments];
  result.forEach((alignment, i) => {
    const before = result.slice(0, i).findLast(({ chapter }) => chapter !== null)?.chapter;
    const after = result.slice(i + 1).find(({ chapter }) => chapter !== null)?.chapter;
    if (before === undefined || before === null || after === undefined || after === null) return;
    if (before > after) return;
    const { chapter } = alignment;
    if (chapter !== null && chapter >= before && chapter <= after) return;
    const inRange = alignment.scores
      .map((score, index) => ({ score, index }))
      .filter(({ index }) => index >= before && index <= after)
      .sort((a, b) => b.score - a.score);
    const [best, second] = inRange;
    if (!best || best.score <= 0) return;
    if (chapter !== null) {
      const alone = !result.some((other, k) => k !== i && other.chapter === chapter);
      if (!alone) result[i] = { ...alignment, chapter: best.index };
    } else if (best.score >= MIN_SCORE / 2 && best.score >= (second?.score ?? 0) * MIN_MARGIN) {
      result[i] = { ...alignment, chapter: best.index };
    }
  });
  return result;
}
