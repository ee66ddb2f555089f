import { type DraftSection, type EpisodeDraft, draftOf } from '../episodes/draft.js';
import { parseDuration } from '../episodes/time.js';
import { findLinks, isChromeLine } from './chrome.js';
import type { Problem } from '../episodes/problem.js';
import type { SetAsideLine } from './setAside.js';
import { countInlineStamps, findInlineStamps } from './stamps.js';

/**
 * The podcast-app summary page (seed 000): title, `Podcast1 hr 41 min`, Quick Insights, Detailed
 * Analysis sections of title, summary, `Takeaways` and `•` bullets, then the Episode Description with
 * inline `(m:ss)` stamps and links, then an About block.
 */

const DURATION_LINE = /^Podcast\s*(\d.*)$/i;
const isHeading = (name: string) => (line: Line) => line.text.toLowerCase() === name;

interface Line {
  text: string;
  /** 1-based. */
  number: number;
}

/** A line a reader keeps out of the passages, by the rule that says why. */
export const aside = (file: string, line: Line, rule: string): SetAsideLine => ({
  file,
  line: line.number,
  rule,
  text: line.text,
});

export function looksLikePodcastApp(lines: readonly string[]): boolean {
  const trimmed = lines.map((line) => line.trim().toLowerCase());
  return trimmed.includes('detailed analysis') || trimmed.some((line) => DURATION_LINE.test(line));
}

export function readPodcastApp(
  file: string,
  lines: readonly string[],
): { draft: EpisodeDraft; problems: Problem[]; setAside: SetAsideLine[] } {
  const content: Line[] = lines
    .map((text, i) => ({ text: text.trim(), number: i + 1 }))
    .filter((line) => line.text !== '' && !isChromeLine(line.text));
  const problems: Problem[] = [];

  const durationLine = content.find((line) => DURATION_LINE.test(line.text));
  const duration = durationLine ? parseDuration(durationLine.text.replace(/^Podcast/i, '')) : null;

  const insightsAt = content.findIndex(isHeading('quick insights'));
  const analysisAt = content.findIndex(isHeading('detailed analysis'));
  const descriptionAt = content.findIndex(isHeading('episode description'));
  const aboutAt = content.findIndex((line, i) => i > descriptionAt && /^about\b/i.test(line.text));
  const firstHeading = [insightsAt, analysisAt, descriptionAt].filter((i) => i >= 0).sort((a, b) => a - b)[0];

  const title = content.find((line) => line !== durationLine)?.text ?? '';
  const insightsEnd =
    [analysisAt, descriptionAt, content.length].find((i) => i > insightsAt) ?? content.length;
  const insights =
    insightsAt >= 0
      ? content
          .slice(insightsAt + 1, insightsEnd)
          .map((line) => line.text)
          .join(' ') || null
      : null;

  const analysisEnd = descriptionAt > analysisAt ? descriptionAt : content.length;
  const sections = analysisAt >= 0 ? readSections(content.slice(analysisAt + 1, analysisEnd)) : [];

  const description =
    descriptionAt >= 0 ? content.slice(descriptionAt + 1, aboutAt > 0 ? aboutAt : undefined) : [];
  const stamps = description.flatMap((line) => {
    const found = findInlineStamps(file, line.text, line.number);
    problems.push(...found.problems);
    return found.stamps;
  });
  const links = [...new Set(description.flatMap((line) => findLinks(line.text)))];
  // The About block is about the show, not the episode: it names the show and stays out of the passages.
  const about = aboutAt >= 0 ? content.slice(aboutAt) : [];
  const show = about[0]?.text.replace(/^about\s+/i, '').trim() || null;
  const headings = [insightsAt, analysisAt, descriptionAt].flatMap((i) => content[i] ?? []);
  const setAside: SetAsideLine[] = [
    ...(durationLine ? [aside(file, durationLine, 'page:length')] : []),
    ...headings.map((line) => aside(file, line, 'page:label')),
    ...content
      .filter((line) => line.text.toLowerCase() === 'takeaways')
      .map((line) => aside(file, line, 'page:label')),
    ...description
      .filter((line) => countInlineStamps(line.text) > 0)
      .map((line) => aside(file, line, 'page:promo')),
    ...about.map((line) => aside(file, line, 'page:about')),
  ];

  if (firstHeading === undefined) {
    problems.push({
      file,
      line: null,
      message: 'no "Quick Insights", "Detailed Analysis" or "Episode Description" section found',
      severity: 'warning',
    });
  }

  return {
    draft: draftOf(file, 'podcast-app', { title, show, duration, insights, links, stamps, sections }),
    problems,
    setAside,
  };
}

/**
 * Splits the analysis into sections. Each is a title line, a summary, a `Takeaways` line and bullet
 * lines; the next section's title is the last title-like line before its summary.
 */
function readSections(lines: readonly Line[]): DraftSection[] {
  const takeaways = lines.flatMap((line, i) => (line.text.toLowerCase() === 'takeaways' ? [i] : []));
  const sections: DraftSection[] = [];
  let headerStart = 0;
  takeaways.forEach((at, k) => {
    const header = lines.slice(headerStart, at);
    const next = takeaways[k + 1];
    let bulletsEnd = lines.length;
    if (next !== undefined) {
      const between = lines.slice(at + 1, next);
      const titleAt = between.findLastIndex((line) => isTitleLike(line.text));
      bulletsEnd = titleAt >= 0 ? at + 1 + titleAt : next;
    }
    const [titleLine, ...summaryLines] = header;
    if (titleLine) {
      sections.push({
        kind: 'analysis',
        title: titleLine.text,
        summary: summaryLines.map((line) => line.text).join(' ') || null,
        bullets: lines.slice(at + 1, bulletsEnd).flatMap((line) => splitBullets(line.text)),
        stated: null,
        line: titleLine.number,
      });
    }
    headerStart = bulletsEnd;
  });
  return sections;
}

/** A heading: short, not a sentence, not a bullet. */
function isTitleLike(text: string): boolean {
  return text.length <= 100 && !/[.!?:;,]$/.test(text) && !text.startsWith('•');
}

/** `A: x. • B: y.` → [`A: x.`, `B: y.`] */
export function splitBullets(text: string): string[] {
  return text
    .split(/\s*•\s*/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}
