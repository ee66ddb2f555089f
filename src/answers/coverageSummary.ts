import { coverageReport } from '../sources/coverage.js';
import type { SetAsideLine } from '../sources/setAside.js';
import type { CoverageReport, FileCoverage } from './schema.js';

/**
 * A coverage report as people read it, for both adapters: one line of totals, one per rule over all
 * files, and per file its words searchable, set aside by rule and lost, each with its first example.
 */
export interface CoverageLines {
  outcome: string;
  rules: string[];
  files: { file: string; lines: string[] }[];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const example = ({ line, text }: SetAsideLine) => `${line === null ? '' : `line ${line} `}"${text}"`;

function ruleLine(rule: string, words: number, examples: readonly SetAsideLine[]): string {
  const first = examples[0];
  return `${rule}: ${plural(words, 'word')}${first ? `, e.g. ${example(first)}` : ''}`;
}

/** `976 of 1108 words searchable, 132 set aside, 0 lost` */
const counts = (coverage: Pick<FileCoverage, 'words' | 'searchable' | 'setAside' | 'unexplained'>) => {
  const aside = coverage.setAside.reduce((sum, rule) => sum + rule.words, 0);
  return `${coverage.searchable} of ${plural(coverage.words, 'word')} searchable, ${aside} set aside by rule, ${coverage.unexplained.words} lost`;
};

/** Per file: its counts, then each rule and the lost words with their first example. */
export function describeFileCoverage(coverage: FileCoverage): { file: string; lines: string[] } {
  return {
    file: coverage.file,
    lines: [
      counts(coverage),
      ...coverage.setAside.map(({ rule, words, examples }) => ruleLine(rule, words, examples)),
      ...(coverage.unexplained.words > 0
        ? [ruleLine('lost (no rule)', coverage.unexplained.words, coverage.unexplained.examples)]
        : []),
    ],
  };
}

export function describeCoverage(report: CoverageReport): CoverageLines {
  return {
    outcome: `${plural(report.files, 'file')}: ${counts(report)}`,
    rules: report.setAside.map(({ rule, words, examples }) => ruleLine(rule, words, examples)),
    files: report.byFile.map(describeFileCoverage),
  };
}

/** Every file checked, one by one, and the totals over them: what `validate --coverage` prints. */
export function describeEveryFile(files: readonly FileCoverage[]): CoverageLines {
  return { ...describeCoverage(coverageReport(files)), files: files.map(describeFileCoverage) };
}
