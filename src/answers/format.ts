/**
 * What the adapters show of the domain, handed on from where it is defined: times, titles, links and
 * problems as people read them, and the shapes they come in. The bot and the terminal import these
 * from here, so answers/ stays their one door.
 */
import type * as Chart from '../chart/timelineChart.js';
import type { Answer } from './schema.js';

export { formatProblem, type Problem } from '../episodes/problem.js';
export type { Episode } from '../episodes/schema.js';
export { formatDuration, formatMoment } from '../episodes/time.js';
export { headingOf, momentUrl, quoted } from '../passages/passage.js';
export { MAX_QUESTION_CHARS } from '../text/question.js';

/**
 * `Showing results for "nvidia earnings" (nothing matched "nvdia earnings").` when the answer is for
 * a spelling correction, else null; `quote` marks (and escapes) each question as the adapter needs.
 */
export function showingResultsFor(answer: Answer, quote: (question: string) => string): string | null {
  if (answer.showingResultsFor === null) return null;
  return `Showing results for ${quote(answer.showingResultsFor)} (nothing matched ${quote(answer.query)}).`;
}

/**
 * The chart module. It loads ECharts (about 600 modules, most of a terminal command's start-up),
 * so it is imported on the first chart, never by asking; the bot loads it before logging in, so its
 * first `/timeline` does not pay for it.
 */
export const loadChart = (): Promise<typeof Chart> => import('../chart/timelineChart.js');

/** The timeline chart as a PNG. */
export async function timelinePng(...args: Parameters<typeof Chart.timelinePng>): Promise<Buffer> {
  return (await loadChart()).timelinePng(...args);
}
