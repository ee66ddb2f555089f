import { type DraftSection, type DraftStamp, type EpisodeDraft, draftOf } from '../episodes/draft.js';
import type { Person, TranscriptCue } from '../episodes/schema.js';
import { contentEnd, findLinks, isChromeLine } from './chrome.js';
import type { Problem } from '../episodes/problem.js';
import { basename } from 'node:path';
import {
  ABOUT_SHOW,
  creditedPeople,
  pickTitle,
  readDateLine,
  readLengthLine,
  titleFromStem,
} from './pageFacts.js';
import { splitBullets } from './podcastApp.js';
import type { SetAsideLine } from './setAside.js';
import { STAMP_TEXT, countInlineStamps, findInlineStamps, malformedStamp, readPageStamp } from './stamps.js';

/**
 * The generic fallback: any document with or without a timestamped outline. Every line is one of:
 * chrome; a fact (date, length); a chapter (a stamp before, after or under its title, a range, a
 * numbered heading); a moment (a quote with its own stamp); a heading (emoji or markdown); or text.
 * Text belongs to the chapter or heading above it, and text above every chapter is the episode's
 * untimed text: nothing a page says is left out of its passages.
 */

const S = STAMP_TEXT;
/** `1. `, `## `, `**`: numbering and markup around a line's words. */
const NUMBERED = String.raw`(?:\d{1,2}[.)]\s+)?`;
/** `0:00 Title`, `(0:00) Title`, `0:00 – 2:32 Title`, `(00:00 - 02:04) Title`, `- 0:01 - Title` */
const STAMP_FIRST = new RegExp(
  String.raw`^(?:[-*•]\s*)?${NUMBERED}[([]?(${S})(?:\s*-\s*(${S}))?[)\]]?\s*(?:[-:.|]\s*)?(\S.*)$`,
);
/** `Introduction: 00:01:44`, `1. Intro (00:00 - 02:04)`, `- Title - 0:00 – 2:32` */
const STAMP_LAST = new RegExp(
  String.raw`^(?:[-*•]\s*)?(\S.*?)\s*(?:[-:|]\s*)?[([]?(${S})(?:\s*-\s*(${S}))?[)\]]?$`,
);
/** A stamp or range alone on its line: `(00:00:17)`, `0:04:21`, `[1:02:03]`, `0:00-7:59`. */
const STAMP_ALONE = new RegExp(String.raw`^(?:[-*•]\s*)?[([]?(${S})(?:\s*-\s*(${S}))?[)\]]?$`);
/** `Maren Holt (04:21): "…"`: a quote with its own second, said by someone named. */
const NAMED_QUOTE = new RegExp(
  String.raw`^(?:[-*•]\s*)?(\p{Lu}[\p{L}\p{M}.'’ -]{0,60}?)\s*[([](${S})[)\]]\s*[:-]\s*(\S.*)$`,
  'u',
);
const QUOTED = /^["“'‘]/;
const INLINE_STAMP = new RegExp(String.raw`\(${S}\)`);

const foldDashes = (text: string) => text.replace(/[\u2012-\u2015\u2212]/g, '-');
/** `## 1. Intro`, `**Intro**`: the words without markdown. */
const unmarked = (text: string) =>
  text
    .replace(/^#{1,6}\s+/, '')
    .replace(/\*\*|__/g, '')
    .trim();
const withoutNumber = (title: string) => title.replace(/^\d{1,2}[.)]\s+/, '').trim();

/** A chapter line is short; longer lines are prose, read only for inline stamps. */
const MAX_CHAPTER_LINE = 500;
/** A title is a line, not a paragraph: longer lines are text. */
const MAX_HEADING = 140;
/** Untimed or chapter text is cut into passages of about this many words, at line ends. */
const PASSAGE_WORDS = 120;

/** Headings a page puts over its parts: never the episode's title. */
export const PART_HEADING =
  /^(summary|chapters|timestamps|time ?stamps|show notes|episode notes|description|key takeaways|takeaways|highlights|transcript|notable quotes?|quotes|table of contents|contents|segments|in this episode):?$/i;
/** `🎙️ Cold open`: a section headed by an emoji, as summary sites write. */
const EMOJI_HEADING =
  /^\p{Extended_Pictographic}(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200d|\ufe0f|\s)*(\p{L}.{0,120})$/u;
const MARKDOWN_HEADING = /^#{1,6}\s+(\S.{0,140})$/;
const BULLET = /^(?:[-*•▪‣✅✔]|\d{1,2}[.)])\s+/u;

/** A line that can name a chapter: short, with letters, not a bullet, not a sentence that ends. */
export function isHeadingLike(text: string): boolean {
  return (
    text.length <= MAX_HEADING &&
    /\p{L}/u.test(text) &&
    !BULLET.test(text) &&
    !/[.,;:]$/.test(text) &&
    !QUOTED.test(text)
  );
}

type Row =
  | { kind: 'text'; line: number; text: string }
  | { kind: 'chapter'; line: number; stamp: DraftStamp; end: number | null }
  | { kind: 'alone'; line: number; start: number; end: number | null }
  | { kind: 'heading'; line: number; title: string }
  | { kind: 'label'; line: number; text: string };

interface Block {
  title: string;
  line: number;
  /** The chapter stamp's line, when the block is a chapter's: its text takes the chapter's time. */
  under: number | null;
  lines: string[];
}

export function readOutline(
  file: string,
  lines: readonly string[],
): { draft: EpisodeDraft; problems: Problem[]; setAside: SetAsideLine[]; titleIfShow: string | null } {
  const problems: Problem[] = [];
  const setAside: SetAsideLine[] = [];
  const stamps: DraftStamp[] = [];
  const moments: TranscriptCue[] = [];
  const links: string[] = [];
  const rows: Row[] = [];
  const credited: Person[] = [];
  let published: string | null = null;
  let duration: number | null = null;
  const aside = (line: number, rule: string, text: string) => setAside.push({ file, line, rule, text });

  lines.forEach((raw, i) => {
    const text = raw.trim();
    if (text === '' || isChromeLine(text)) return;
    links.push(...findLinks(text));
    const line = i + 1;
    if (countInlineStamps(text) >= 2) {
      const found = findInlineStamps(file, text, line);
      stamps.push(...found.stamps);
      problems.push(...found.problems);
      // Words before the first stamp are text; links and promos after the chapters are set aside.
      const before = text.slice(0, INLINE_STAMP.exec(text)?.index ?? 0).trim();
      if (before !== '' && !PART_HEADING.test(before)) rows.push({ kind: 'text', line, text: before });
      aside(line, 'page:promo', text);
      return;
    }
    // A credits line (`Hosts: A, B`) is who is on the episode: its names make the people passage.
    const people = creditedPeople(unmarked(text));
    if (people) {
      credited.push(...people);
      aside(line, 'page:people', text);
      return;
    }
    // Facts first: `Sat, 19 Feb 2022 07:22` and `Duration: 55:00` end in what looks like a stamp.
    const dated = readDateLine(text);
    const length = dated ? null : readLengthLine(text);
    if (dated || length !== null) {
      published ??= dated?.published ?? null;
      duration ??= dated?.duration ?? length;
      aside(line, dated ? 'page:date' : 'page:length', text);
      return;
    }
    rows.push(classify(file, text, line, problems, moments));
  });

  pairAloneStamps(rows);
  const blocks: Block[] = [];
  const preamble: { text: string; line: number }[] = [];
  // An `About <show>` block names the show; it and the lines under it are about the show, not the episode.
  const shows = new Set<string>();
  let about = false;
  for (const row of rows) {
    const aboutShow = row.kind === 'text' ? ABOUT_SHOW.exec(unmarked(row.text)) : null;
    if (aboutShow && /^about\b/i.test(row.kind === 'text' ? row.text : '')) {
      shows.add((aboutShow[1] ?? '').trim());
      about = true;
    } else if (row.kind === 'chapter' || row.kind === 'heading') about = false;
    if (about && (row.kind === 'text' || row.kind === 'label')) {
      if (row.text !== '') aside(row.line, 'page:about', row.text);
      continue;
    }
    if (row.kind === 'chapter') {
      stamps.push(row.stamp);
      blocks.push({ title: row.stamp.title, line: row.line, under: row.stamp.line, lines: [] });
    } else if (row.kind === 'heading') {
      blocks.push({ title: row.title, line: row.line, under: null, lines: [] });
    } else if (row.kind === 'alone') {
      aside(row.line, 'page:unpaired-stamp', lines[row.line - 1]?.trim() ?? '');
    } else {
      const block = blocks.at(-1);
      if (block) block.lines.push(row.text);
      else if (row.text !== '') preamble.push({ text: row.text, line: row.line });
    }
  }
  if (stamps.length === 0 && moments.length === 0) {
    problems.push({
      file,
      line: null,
      message: 'no timestamps found: expected chapter lines such as "(0:00) Intro" or "12:34 Topic"',
      severity: 'warning',
    });
  }

  const candidates = preamble.filter(({ text }) => !PART_HEADING.test(text));
  const named = pickTitle(
    candidates.map(({ text }) => text),
    { shows, fallback: blocks.flatMap((block) => (block.under === null ? [block.title] : [])) },
  );
  // A page with no title line and no heading is titled by its file name.
  const title =
    named.title.slice(0, contentEnd(named.title)).trim() ||
    named.title ||
    titleFromStem(basename(file).replace(/\.[^.]+$/, ''));
  const used = new Set(named.used.map((k) => candidates[k]?.line));
  const untimed = preamble.filter(({ line }) => !used.has(line));

  const sections: DraftSection[] = [
    ...untimedSections(untimed, title, aside),
    ...blocks.flatMap((block) => blockSections(block)),
  ];
  return {
    draft: draftOf(file, 'outline', {
      title,
      show: named.show ?? [...shows][0] ?? null,
      number: named.number,
      people: [...new Map([...named.people, ...credited].map((person) => [person.name, person])).values()],
      published,
      duration,
      links: [...new Set(links)],
      stamps,
      sections,
      moments: moments.sort((a, b) => (a.start ?? 0) - (b.start ?? 0)),
    }),
    problems,
    setAside,
    titleIfShow: named.runnerUp,
  };
}

/** What one line of an outline is: a chapter, a stamp alone, a moment (kept in `moments`), a heading or text. */
function classify(
  file: string,
  raw: string,
  line: number,
  problems: Problem[],
  moments: TranscriptCue[],
): Row {
  const text = foldDashes(unmarked(raw));
  if (PART_HEADING.test(text)) return { kind: 'label', line, text: raw };
  if (text.length > MAX_CHAPTER_LINE) return { kind: 'text', line, text: raw };
  const alone = STAMP_ALONE.exec(text);
  if (alone) {
    const start = readPageStamp(alone[1] ?? '');
    const end = alone[2] === undefined ? null : readPageStamp(alone[2]);
    if (start !== null) return { kind: 'alone', line, start, end };
    problems.push(malformedStamp(file, line, alone[1] ?? ''));
    return { kind: 'label', line, text: raw };
  }
  const quote = NAMED_QUOTE.exec(text);
  if (quote && QUOTED.test((quote[3] ?? '').trim())) {
    const start = readPageStamp(quote[2] ?? '');
    if (start !== null) {
      moments.push({ start, end: null, speaker: (quote[1] ?? '').trim(), text: (quote[3] ?? '').trim() });
      return { kind: 'label', line, text: '' };
    }
  }
  const heading = EMOJI_HEADING.exec(text) ?? MARKDOWN_HEADING.exec(raw);
  const chapter = readStampLine(file, text, line, problems);
  if (chapter === undefined) return { kind: 'text', line, text: raw };
  if (chapter) {
    // A stamped quote or sentence is a moment at that second, not a chapter.
    if (QUOTED.test(chapter.stamp.title) || chapter.stamp.title.length > MAX_HEADING) {
      moments.push({ start: chapter.stamp.start, end: null, speaker: null, text: chapter.stamp.title });
      return { kind: 'label', line, text: '' };
    }
    return chapter;
  }
  if (heading) return { kind: 'heading', line, title: (heading[1] ?? '').trim() };
  return { kind: 'text', line, text: raw };
}

/**
 * A chapter line, or null when the line has no stamp; `undefined` when it has a malformed one (a
 * warning is recorded, and the line is kept as text).
 */
function readStampLine(
  file: string,
  text: string,
  line: number,
  problems: Problem[],
): Extract<Row, { kind: 'chapter' }> | null | undefined {
  for (const [pattern, stampAt, titleAt] of [
    [STAMP_FIRST, 1, 3],
    [STAMP_LAST, 2, 1],
  ] as const) {
    const match = pattern.exec(text);
    if (!match) continue;
    const stampText = match[stampAt] ?? '';
    const title = withoutNumber(unmarked(match[titleAt] ?? ''));
    if (!/\p{L}/u.test(title)) continue;
    const start = readPageStamp(stampText);
    if (start === null) {
      problems.push(malformedStamp(file, line, stampText));
      return undefined;
    }
    const endText = match[stampAt + 1];
    return {
      kind: 'chapter',
      line,
      stamp: { title: title.slice(0, contentEnd(title)).trim() || title, start, line },
      end: endText === undefined ? null : readPageStamp(endText),
    };
  }
  return null;
}

/**
 * Gives stamps alone on their line their titles. A run of two or more is a table of contents: its
 * ranges go, in order, to the headings that follow it. A single stamp names the heading-like line
 * above it or below it, whichever the page does for most of its stamps.
 */
function pairAloneStamps(rows: Row[]): void {
  const toc: Extract<Row, { kind: 'alone' }>[] = [];
  const singles: number[] = [];
  rows.forEach((row, i) => {
    if (row.kind !== 'alone') return;
    const inRun = rows[i - 1]?.kind === 'alone' || rows[i + 1]?.kind === 'alone';
    if (inRun) toc.push(row);
    else singles.push(i);
  });

  const titleAt = (i: number) => {
    const row = rows[i];
    return row?.kind === 'text' && isHeadingLike(unmarked(row.text)) ? unmarked(row.text) : null;
  };
  const above = singles.filter((i) => titleAt(i - 1) !== null).length;
  const below = singles.filter((i) => titleAt(i + 1) !== null).length;
  const order = above >= below ? [-1, 1] : [1, -1];
  for (const i of singles) {
    const stamp = rows[i] as Extract<Row, { kind: 'alone' }>;
    const side = order.find((step) => titleAt(i + step) !== null);
    if (side === undefined) continue;
    const title = withoutNumber(titleAt(i + side) ?? '');
    const at = Math.min(i, i + side);
    // The chapter takes the place of the earlier of the two lines, so text after both is its own.
    rows[at] = {
      kind: 'chapter',
      line: rows[i + side]?.line ?? stamp.line,
      stamp: { title, start: stamp.start, line: stamp.line },
      end: stamp.end,
    };
    rows[Math.max(i, i + side)] = { kind: 'label', line: stamp.line, text: '' };
  }

  // The table's ranges, in order, to the headings after it (emoji or markdown; else heading-like lines).
  if (toc.length < 2) return;
  const after = rows.indexOf(toc.at(-1) as Row) + 1;
  const headings = rows.flatMap((row, i) => (i >= after && row.kind === 'heading' ? [i] : []));
  const targets =
    headings.length > 0
      ? headings
      : rows.flatMap((row, i) =>
          i >= after && titleAt(i) !== null && rows[i + 1]?.kind === 'text' && titleAt(i + 1) === null
            ? [i]
            : [],
        );
  toc.forEach((range, k) => {
    const at = targets[k];
    if (at === undefined) return;
    const row = rows[at] as Row;
    const title = row.kind === 'heading' ? row.title : withoutNumber(titleAt(at) ?? '');
    rows[at] = {
      kind: 'chapter',
      line: row.line,
      stamp: { title, start: range.start, line: row.line },
      end: range.end,
    };
    rows[rows.indexOf(range)] = { kind: 'label', line: range.line, text: '' };
  });
}

/** Paragraph lines into a summary, bullets into bullets, cut into passage-sized parts at line ends. */
function sectionsOf(
  title: string,
  line: number,
  body: readonly string[],
  place: Pick<DraftSection, 'under' | 'untimed'>,
): DraftSection[] {
  const parts: { summary: string[]; bullets: string[] }[] = [];
  let words = PASSAGE_WORDS;
  for (const text of body) {
    if (text === '') continue;
    const count = text.split(/\s+/).length;
    if (words + count > PASSAGE_WORDS && !(parts.at(-1)?.bullets.length === 0 && words < 12)) {
      parts.push({ summary: [], bullets: [] });
      words = 0;
    }
    const part = parts.at(-1) as { summary: string[]; bullets: string[] };
    words += count;
    // Bullets stand alone as takeaways (a run of `•` on one line is several); a line after bullets continues them.
    if (BULLET.test(text)) part.bullets.push(...splitBullets(text.replace(BULLET, '')));
    else if (part.bullets.length) part.bullets.push(text);
    else part.summary.push(text);
  }
  return parts.map((part) => ({
    kind: 'analysis',
    title,
    summary: part.summary.join(' ') || null,
    bullets: part.bullets,
    stated: null,
    line,
    ...place,
  }));
}

/** A chapter's or heading's text: timed with its chapter, or placed by content under an untimed heading. */
function blockSections(block: Block): DraftSection[] {
  if (block.lines.every((text) => text === '')) {
    // A heading with nothing under it is still a section: its title is searchable.
    return block.under === null
      ? [{ kind: 'analysis', title: block.title, summary: null, bullets: [], stated: null, line: block.line }]
      : [];
  }
  return sectionsOf(block.title, block.line, block.lines, block.under === null ? {} : { under: block.under });
}

/**
 * Text above every chapter: the episode's own, untimed, under the part heading it follows if any. A
 * part heading with nothing under it (`Chapters` above the list) is a label, set aside as such.
 */
function untimedSections(
  lines: readonly { text: string; line: number }[],
  title: string,
  aside: (line: number, rule: string, text: string) => void,
): DraftSection[] {
  const groups: { title: string; line: number; label: string | null; body: string[] }[] = [];
  lines.forEach(({ text, line }, i) => {
    // A part heading, or a short heading-like line over a sentence (`Investor Insights`, `What to Watch`).
    const next = lines[i + 1]?.text;
    const heading =
      PART_HEADING.exec(unmarked(text))?.[1] ??
      (isHeadingLike(unmarked(text)) && text.length <= 80 && next !== undefined && !isHeadingLike(next)
        ? unmarked(text)
        : null);
    if (heading !== null || groups.length === 0)
      groups.push({ title: heading ?? title, line, label: heading === null ? null : text, body: [] });
    if (heading === null) groups.at(-1)?.body.push(text);
  });
  return groups.flatMap((group) => {
    if (group.body.length) return sectionsOf(group.title, group.line, group.body, { untimed: true });
    if (group.label !== null) aside(group.line, 'page:label', group.label);
    return [];
  });
}
