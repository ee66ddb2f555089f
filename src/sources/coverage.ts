import { decodeXML } from 'entities';
import { z } from 'zod';
import type { Episode } from '../episodes/schema.js';
import { foldDiacritics, normalizeText } from '../text/normalize.js';
import { chromeRule } from './chrome.js';
import { SetAsideLine } from './setAside.js';

/**
 * How much of a file became searchable, checked word by word against what the episode's passages
 * hold (not taken on a reader's word): every word of every line is searchable, set aside by a named
 * rule, or counted as unexplained loss, which a moderator should never see.
 */

/** Examples kept per rule: enough to recognise it, few enough for a Discord embed. */
export const COVERAGE_EXAMPLES = 3;

const Examples = z.array(SetAsideLine).max(COVERAGE_EXAMPLES);
export const FileCoverage = z.object({
  file: z.string(),
  /** Words on the file's lines (stamps and markup left out). */
  words: z.number().int().nonnegative(),
  /** Words found in the episode's searchable text. */
  searchable: z.number().int().nonnegative(),
  /** Words set aside, by rule, with the first lines as examples; most words first. */
  setAside: z.array(z.object({ rule: SetAsideLine.shape.rule, words: z.number().int(), examples: Examples })),
  /** Words neither searchable nor set aside by a rule: a reader lost them. */
  unexplained: z.object({ words: z.number().int().nonnegative(), examples: Examples }),
});
export type FileCoverage = z.infer<typeof FileCoverage>;

/** Stamps, ranges and arrows carry no words: `(00:04:21)`, `0:00–7:59`, `-->`. */
const MARKUP = /^[\s#*-]*\d{1,3}[.)]\s|[([]?\d{1,3}(?::\d{1,2}){1,2}(?:[.,]\d+)?[)\]]?|-->|[|•▪‣*#>]/g;
const URL = /^(?:https?:\/\/|www\.)\S+$/i;

const FORM_BREAK = /[^\p{L}\p{N}]+/u;
/** Most words need no splitting: the fast path. */
const PLAIN = /^[a-z0-9]+$/;

/** A text's searchable forms: folded, lower case, split where the index splits. */
export function wordForms(text: string): string[] {
  return foldDiacritics(normalizeText(text))
    .toLowerCase()
    .split(FORM_BREAK)
    .filter((form) => form !== '');
}

/** The entry for `rule`, made empty on first use. */
function entryOf(map: Map<string, { words: number; examples: SetAsideLine[] }>, rule: string) {
  let entry = map.get(rule);
  if (!entry) map.set(rule, (entry = { words: 0, examples: [] }));
  return entry;
}

/** What the episode's passages are made of: its chapters, sections, insights, people, transcript. */
const searchableTexts = (episode: Episode): string[] => [
  ...episode.chapters.map((chapter) => chapter.title),
  ...episode.sections.flatMap((section) => [section.title, section.summary ?? '', ...section.bullets]),
  episode.insights ?? '',
  ...episode.people.map((person) => person.name),
  ...episode.transcript.flatMap((cue) => [cue.speaker ?? '', cue.text]),
];

/** Every form the episode's passages can be found by. */
function searchableForms(episode: Episode): Set<string> {
  // One text, folded once: folding each part on its own was half of reading a page.
  return new Set(wordForms(searchableTexts(episode).join('\n')));
}

/**
 * The coverage of a canonical episode document: its schema is strict (an unknown field refuses the
 * file), so every text field is read into the episode and nothing can be dropped; its words are the
 * episode's searchable words.
 */
export function documentCoverage(file: string, episode: Episode | null): FileCoverage {
  const words = episode
    ? searchableTexts(episode).reduce(
        (sum, text) => sum + text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length,
        0,
      )
    : 0;
  return { file, words, searchable: words, setAside: [], unexplained: { words: 0, examples: [] } };
}

/** A WebVTT or SRT cue's timing line (`00:00:01.000 --> 00:00:04.000 align:start`): structure, no words. */
const CUE_TIMING = /^\s*(?:\d{1,3}:)?\d{1,2}:\d{2}[.,]\d{1,3}\s*-->\s*(?:\d{1,3}:)?\d{1,2}:\d{2}[.,]\d{1,3}/;

/**
 * A transcript file's lines as coverage reads them, numbered as in the file: tags and XML markup
 * (`<c>`, `<00:00:01.234>`, `<v Name>`, `<p begin=…>`, SRT's `{\an8}`) and entities are no words, and a cue's timing
 * line with the id or counter just above it is structure. What is left is what a reader must keep
 * or set aside by a rule.
 */
export function transcriptLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  const timing = lines.map((line) => CUE_TIMING.test(line));
  return lines.map((line, i) => {
    if (timing[i]) return '';
    const aboveTiming = timing[i + 1] === true && (i === 0 || (lines[i - 1] ?? '').trim() === '');
    if (aboveTiming) return '';
    return decodeXML(line.replace(/<[^>]*>|\{\\[^}]*\}/g, ' '));
  });
}

/**
 * The coverage of one file: `lines` as read (1-based by index), the lines its reader set aside, and
 * the episode made of it (null when refused: nothing is searchable). Words of the title, the show and
 * links are set aside as `page:title`, `page:show`, `page:link`: they are kept, but not as passage text.
 */
export function coverageOf(
  file: string,
  lines: readonly string[],
  setAside: readonly SetAsideLine[],
  episode: Episode | null,
): FileCoverage {
  const searchable = episode ? searchableForms(episode) : new Set<string>();
  // A line that holds the title or the show (`Title: …`, `Show with Hosts`, `ShowE12: …`) is that line.
  const titleForms = wordForms((episode?.title ?? '').replace(MARKUP, ' '));
  const showForms = wordForms((episode?.show ?? '').replace(MARKUP, ' '));
  const titled = new Set(titleForms);
  const shown = new Set(showForms);
  const holds = (line: string, what: readonly string[]) => what.length > 0 && line.includes(what.join(' '));
  const ruleAt = new Map(setAside.map((line) => [line.line, line]));
  const byRule = new Map<string, { words: number; examples: SetAsideLine[] }>();
  const report: FileCoverage = {
    file,
    words: 0,
    searchable: 0,
    setAside: [],
    unexplained: { words: 0, examples: [] },
  };
  const count = (rule: string | null, words: number, line: number, text: string) => {
    if (words === 0) return;
    const entry = rule === null ? report.unexplained : entryOf(byRule, rule);
    entry.words += words;
    if (entry.examples.length < COVERAGE_EXAMPLES)
      entry.examples.push({ file, line, rule: rule ?? 'lost:unexplained', text: text.slice(0, 120) });
  };

  lines.forEach((raw, i) => {
    const line = i + 1;
    const text = raw.trim();
    // Folded once per line; each word's forms are split as the index splits them.
    const words = foldDiacritics(normalizeText(text.replace(MARKUP, ' ')))
      .toLowerCase()
      .split(/\s+/)
      .map((word) => ({
        word,
        forms: PLAIN.test(word) ? [word] : word.split(FORM_BREAK).filter((f) => f !== ''),
      }))
      .filter(({ forms }) => forms.length > 0);
    if (words.length === 0) return;
    report.words += words.length;
    const forms = words.flatMap((word) => word.forms).join(' ');
    const rule =
      ruleAt.get(line)?.rule ??
      chromeRule(text) ??
      (holds(forms, titleForms) ? 'page:title' : holds(forms, showForms) ? 'page:show' : null);
    const whole = rule !== null && !rule.startsWith('page:');
    if (whole) return count(rule, words.length, line, text);
    const by = new Map<string | null, number>();
    for (const { word, forms } of words) {
      const where = URL.test(word)
        ? 'page:link'
        : forms.every((form) => searchable.has(form))
          ? 'searchable'
          : forms.every((form) => titled.has(form))
            ? 'page:title'
            : forms.every((form) => shown.has(form))
              ? 'page:show'
              : rule;
      by.set(where, (by.get(where) ?? 0) + 1);
    }
    for (const [where, n] of by) {
      if (where === 'searchable') report.searchable += n;
      else count(where, n, line, text);
    }
  });
  report.setAside = [...byRule]
    .map(([rule, entry]) => ({ rule, ...entry }))
    .sort((a, b) => b.words - a.words || a.rule.localeCompare(b.rule));
  return report;
}

/** Files a stored report names one by one (the most lost first): a large catalogue's report stays small. */
export const REPORTED_FILES = 20;

/** A catalogue's coverage: the totals, words by rule over all files, and the files that lost or set aside most. */
export const CoverageReport = FileCoverage.omit({ file: true }).extend({
  files: z.number().int().nonnegative(),
  byFile: z.array(FileCoverage).max(REPORTED_FILES),
});
export type CoverageReport = z.infer<typeof CoverageReport>;

/** Sums files' coverage into a report, naming the files that lost most words, then set most aside. */
export function coverageReport(files: readonly FileCoverage[]): CoverageReport {
  const asideWords = (file: FileCoverage) => file.setAside.reduce((sum, rule) => sum + rule.words, 0);
  const byFile = files
    .filter((file) => file.unexplained.words > 0 || file.setAside.length > 0)
    .sort((a, b) => b.unexplained.words - a.unexplained.words || asideWords(b) - asideWords(a))
    .slice(0, REPORTED_FILES);
  return { ...totalCoverage(files), byFile };
}

/** Several files' coverage summed: the totals a report leads with, and words by rule over all files. */
function totalCoverage(files: readonly FileCoverage[]): Omit<CoverageReport, 'byFile'> {
  const byRule = new Map<string, { words: number; examples: SetAsideLine[] }>();
  const unexplained = { words: 0, examples: [] as SetAsideLine[] };
  let words = 0;
  let searchable = 0;
  for (const file of files) {
    words += file.words;
    searchable += file.searchable;
    for (const { rule, words: n, examples } of file.setAside) {
      const entry = entryOf(byRule, rule);
      entry.words += n;
      entry.examples.push(...examples.slice(0, COVERAGE_EXAMPLES - entry.examples.length));
    }
    unexplained.words += file.unexplained.words;
    unexplained.examples.push(
      ...file.unexplained.examples.slice(0, COVERAGE_EXAMPLES - unexplained.examples.length),
    );
  }
  return {
    files: files.length,
    words,
    searchable,
    setAside: [...byRule]
      .map(([rule, entry]) => ({ rule, ...entry }))
      .sort((a, b) => b.words - a.words || a.rule.localeCompare(b.rule)),
    unexplained,
  };
}
