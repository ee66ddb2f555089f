import type { Problem } from './problem.js';
import { analyze } from '../text/analyze.js';
import { type Alignment, alignSections } from './alignSections.js';
import type { DraftSection, EpisodeDraft } from './draft.js';
import type { Chapter, Section } from './schema.js';
import { formatStamp } from './time.js';

export interface ResolvedTimeline {
  chapters: Chapter[];
  sections: Section[];
  /** Warnings about times that were dropped or doubted (never errors: a page with bad times still reads). */
  problems: Problem[];
}

/**
 * A stated time may sit this far outside the chapter its content aligns to and still agree with it:
 * summary pages round to the minute and start a topic a little early or late.
 */
const AGREEMENT_SLACK = 90;

/**
 * Places every chapter and section of a draft on the episode's clock.
 *
 * The publisher's stamps are the clock. A summary's own times are kept only when they agree with it;
 * otherwise each section is aligned by content to a publisher chapter and given that chapter's start,
 * marked approximate. A section that aligns with nothing gets no time. No time is ever past the end.
 */
export function resolveTimeline(draft: EpisodeDraft): ResolvedTimeline {
  const problems: Problem[] = [];
  const kept = judgeStamps(draft, problems);
  const chapters = kept.map(({ line: _line, ...chapter }) => chapter);
  const chapterAtLine = new Map(kept.map((chapter) => [chapter.line, chapter]));
  const stated = draft.sections.filter((section) => section.stated !== null);
  const speakers = new Set(draft.people.flatMap((person) => analyze(person.name)));
  // Sections placed by where they stand on the page are not placed by content.
  const byContent = draft.sections.flatMap((section, i) =>
    section.under === undefined && !section.untimed ? [i] : [],
  );
  const alignments: (Alignment | undefined)[] = [];
  if (chapters.length) {
    const found = alignSections(
      byContent.map((i) => draft.sections[i] as DraftSection),
      chapters,
      speakers,
    );
    byContent.forEach((i, k) => (alignments[i] = found[k]));
  }

  const pastEnd = statedPastEnd(draft);
  const trustStated =
    stated.length > 0 &&
    pastEnd === null &&
    statedIncreasing(draft) &&
    draft.sections.every((section, i) => agrees(section, alignments[i]?.chapter ?? null, chapters));

  const sections = draft.sections.map((section, i): Section => {
    const base = {
      kind: section.kind,
      title: section.title,
      summary: section.summary,
      bullets: section.bullets,
      stated: section.stated,
    };
    // Text written under a chapter's stamp has that chapter's time; text under none has no time.
    const under = section.under === undefined ? undefined : chapterAtLine.get(section.under);
    if (under)
      return { ...base, start: under.start, end: under.end, approximate: false, timing: 'publisher' };
    if (section.untimed) return { ...base, start: null, end: null, approximate: false, timing: 'none' };
    if (trustStated && section.stated) {
      const nextStart = draft.sections.slice(i + 1).find((next) => next.stated)?.stated?.start ?? null;
      return {
        ...base,
        start: section.stated.start,
        end: section.stated.end ?? nextStart ?? draft.duration,
        // With no publisher clock to check against, a summary's time is the page's word alone.
        approximate: chapters.length === 0,
        timing: 'summary',
      };
    }
    const aligned = alignments[i]?.chapter;
    const chapter = aligned === null || aligned === undefined ? undefined : chapters[aligned];
    if (chapter)
      return { ...base, start: chapter.start, end: chapter.end, approximate: true, timing: 'aligned' };
    return { ...base, start: null, end: null, approximate: false, timing: 'none' };
  });

  if (stated.length > 0 && !trustStated) {
    problems.push(
      pastEnd ?? {
        file: draft.source,
        line: stated[0]?.line ?? null,
        message:
          "the summary's own chapter times disagree with the publisher's chapters; they were placed by content instead",
        severity: 'warning',
      },
    );
  }
  return { chapters, sections, problems };
}

/** Publisher stamps in page order; one that goes backwards, repeats, or lies past the end is dropped. */
function judgeStamps(draft: EpisodeDraft, problems: Problem[]): (Chapter & { line: number })[] {
  const kept: { title: string; start: number; line: number }[] = [];
  for (const stamp of draft.stamps) {
    const last = kept.at(-1);
    const warn = (message: string) =>
      problems.push({ file: draft.source, line: stamp.line, message, severity: 'warning' });
    if (draft.duration !== null && stamp.start >= draft.duration) {
      warn(
        `chapter "${stamp.title}" at ${formatStamp(stamp.start)} is past the episode's end (${formatStamp(draft.duration)}); dropped`,
      );
    } else if (last && stamp.start <= last.start) {
      warn(
        `chapter "${stamp.title}" at ${formatStamp(stamp.start)} does not come after the previous one (${formatStamp(last.start)}); expected increasing times, dropped`,
      );
    } else {
      kept.push({ title: stamp.title, start: stamp.start, line: stamp.line });
    }
  }
  return kept.map((stamp, i) => ({
    title: stamp.title,
    start: stamp.start,
    end: kept[i + 1]?.start ?? draft.duration,
    approximate: false,
    timing: 'publisher' as const,
    line: stamp.line,
  }));
}

/** The first stated time past the episode's end, as the warning that says so; null when all fit. */
function statedPastEnd(draft: EpisodeDraft): Problem | null {
  if (draft.duration === null) return null;
  for (const section of draft.sections) {
    if (!section.stated) continue;
    const latest = Math.max(section.stated.start, section.stated.end ?? section.stated.start);
    if (latest > draft.duration) {
      return {
        file: draft.source,
        line: section.line,
        message: `the summary's chapter "${section.title}" runs to ${formatStamp(latest)}, past the episode's end (${formatStamp(draft.duration)}): the summary's times are not on the episode's clock`,
        severity: 'warning',
      };
    }
  }
  return null;
}

/** Stated starts never go backwards. */
function statedIncreasing(draft: EpisodeDraft): boolean {
  const starts = draft.sections.flatMap((section) => (section.stated ? [section.stated.start] : []));
  return starts.every((start, i) => i === 0 || start >= (starts[i - 1] as number));
}

/** A stated time agrees when it falls (with slack) in the chapter the section's content aligns to. */
function agrees(section: DraftSection, aligned: number | null, chapters: readonly Chapter[]): boolean {
  if (!section.stated || aligned === null) return true;
  const chapter = chapters[aligned];
  if (!chapter || chapter.start === null) return true;
  const end = chapter.end ?? Number.POSITIVE_INFINITY;
  return (
    section.stated.start >= chapter.start - AGREEMENT_SLACK && section.stated.start < end + AGREEMENT_SLACK
  );
}
