import { type DraftSection, type EpisodeDraft, draftOf } from '../episodes/draft.js';
import type { Person } from '../episodes/schema.js';
import { parseDuration, parseStamp } from '../episodes/time.js';
import { findLinks, isChromeLine } from './chrome.js';
import { splitBullets } from './podcastApp.js';
import type { Problem } from '../episodes/problem.js';
import { STAMP_TEXT, countInlineStamps, findInlineStamps, malformedStamp } from './stamps.js';

/**
 * The video chapter-summary page (seed 003): title, a description with `(m:ss)` stamps and links,
 * people run together with their roles, `Jan 31, 20251h 49m`, then `CHAPTERS`: numbered chapters with
 * `m:ss – m:ss` ranges, a title, a summary paragraph and `•` bullets.
 */

const CHAPTER_HEAD = new RegExp(
  String.raw`^(?:-\s*)?(\d{1,3})\.\s+(${STAMP_TEXT})(?:\s*-\s*(${STAMP_TEXT}))?\s*$`,
);
const ROLE = /(.+?)(co-host|host|guest|moderator|producer)(?=\p{Lu}|$)/gu;
const DATE_AND_DURATION =
  /^((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}, \d{4})\s*((?:\d+h)?\s*(?:\d+m)?)/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Ranges use en dashes on the page; intake leaves them, so compare on a dash-folded copy. */
const foldDashes = (text: string) => text.replace(/[\u2012-\u2015\u2212]/g, '-');

export function looksLikeVideoChapters(lines: readonly string[]): boolean {
  const chaptersAt = lines.findIndex((line) => line.trim() === 'CHAPTERS');
  return (
    chaptersAt >= 0 && lines.slice(chaptersAt).some((line) => CHAPTER_HEAD.test(foldDashes(line.trim())))
  );
}

export function readVideoChapters(
  file: string,
  lines: readonly string[],
): { draft: EpisodeDraft; problems: Problem[] } {
  const problems: Problem[] = [];
  const chaptersAt = lines.findIndex((line) => line.trim() === 'CHAPTERS');
  const head = lines.slice(0, chaptersAt).map((text, i) => ({ text: text.trim(), number: i + 1 }));
  const content = head.filter((line) => line.text !== '' && !isChromeLine(line.text));

  const descriptionLine = content.find((line) => countInlineStamps(line.text) >= 2);
  const title = content.find((line) => line !== descriptionLine)?.text ?? '';
  const found = descriptionLine
    ? findInlineStamps(file, descriptionLine.text, descriptionLine.number)
    : { stamps: [], problems: [] };
  problems.push(...found.problems);

  let people: Person[] = [];
  let published: string | null = null;
  let duration: number | null = null;
  for (const line of content) {
    const cast = readPeople(line.text);
    if (cast.length >= 2 && people.length === 0) people = cast;
    const dated = DATE_AND_DURATION.exec(line.text);
    if (dated && published === null) {
      published = isoDate(dated[1] ?? '');
      duration = dated[2]?.trim() ? parseDuration(dated[2]) : null;
    }
  }

  return {
    draft: draftOf(file, 'video-chapters', {
      title,
      published,
      duration,
      people,
      links: descriptionLine ? [...new Set(findLinks(descriptionLine.text))] : [],
      stamps: found.stamps,
      sections: readChapters(file, lines, chaptersAt + 1, problems),
    }),
    problems,
  };
}

/** `Jason CalacanishostTravis Kalanickguest` → two people with roles; [] when the line is not a cast list. */
export function readPeople(text: string): Person[] {
  const people: Person[] = [];
  let consumed = 0;
  for (const match of text.matchAll(ROLE)) {
    if (match.index !== consumed) return [];
    const name = (match[1] ?? '').trim();
    if (!/^\p{Lu}/u.test(name) || name.length > 60) return [];
    people.push({ name, role: match[2] ?? 'guest' });
    consumed = (match.index ?? 0) + match[0].length;
  }
  return consumed === text.length ? people : [];
}

function isoDate(text: string): string | null {
  const match = /^([A-Za-z]{3})[a-z]*\.? (\d{1,2}), (\d{4})$/.exec(text.trim());
  if (!match) return null;
  const month = MONTHS.indexOf((match[1] ?? '').toLowerCase()) + 1;
  if (month === 0) return null;
  return `${match[3]}-${String(month).padStart(2, '0')}-${(match[2] ?? '').padStart(2, '0')}`;
}

/** Numbered chapters: a head line with the range, the title, summary lines, then `•` bullets. */
function readChapters(
  file: string,
  lines: readonly string[],
  from: number,
  problems: Problem[],
): DraftSection[] {
  const sections: DraftSection[] = [];
  let current: (DraftSection & { summaryLines: string[] }) | null = null;
  const finish = () => {
    if (current) {
      const { summaryLines, ...section } = current;
      sections.push({ ...section, summary: summaryLines.join(' ') || null });
    }
    current = null;
  };
  for (let i = from; i < lines.length; i++) {
    const text = (lines[i] ?? '').trim();
    if (text === '') continue;
    if (isChromeLine(text)) {
      finish();
      continue;
    }
    const head = CHAPTER_HEAD.exec(foldDashes(text));
    if (head) {
      finish();
      const start = parseStamp(head[2] ?? '');
      const end = head[3] === undefined ? null : parseStamp(head[3]);
      if (start === null) problems.push(malformedStamp(file, i + 1, head[2] ?? ''));
      if (head[3] !== undefined && end === null) problems.push(malformedStamp(file, i + 1, head[3]));
      current = {
        kind: 'chapter',
        title: '',
        summary: null,
        bullets: [],
        stated: start === null ? null : { start, end },
        line: i + 1,
        summaryLines: [],
      };
      continue;
    }
    if (!current) continue;
    const chapter: DraftSection & { summaryLines: string[] } = current;
    if (chapter.title === '') chapter.title = text;
    else if (text.startsWith('•') || (text.startsWith('- ') && chapter.bullets.length > 0))
      chapter.bullets.push(...splitBullets(text.replace(/^-\s+/, '')));
    else if (chapter.bullets.length === 0) chapter.summaryLines.push(text);
    else chapter.bullets.push(text);
  }
  finish();
  return sections.filter((section) => {
    if (section.title !== '') return true;
    problems.push({
      file,
      line: section.line,
      message: 'chapter has a time range but no title',
      severity: 'warning',
    });
    return false;
  });
}
