import { describe, expect, it } from 'vitest';
import { EpisodeLibrary } from '../../src/answers/library.js';
import { evaluateTimelines, loadTimelineQuestions } from '../../src/evaluation/timeline.js';
import { TIMELINE_QUESTIONS } from '../../src/terminal/eval-timeline.js';
import { copyOfCatalogue, recordingLogger } from '../support/data.js';

/**
 * Timeline quality over the fictional catalogue (test/fixtures/catalogue): the episodes each topic's
 * timeline lists, against the episodes the questions say should be listed. The questions were written
 * before any tuning; the floors are the first measurement rounded down (docs-timeline.md), so a change
 * that lists worse fails here.
 */
describe('timeline quality over the test catalogue', async () => {
  const library = await EpisodeLibrary.open({ dataDir: copyOfCatalogue(), logger: recordingLogger().logger });
  const report = evaluateTimelines(library, await loadTimelineQuestions(TIMELINE_QUESTIONS));

  it('has at least 20 episodes and 15 questions, some with each filter', async () => {
    expect(library.episodes().length).toBeGreaterThanOrEqual(20);
    expect(report.questions).toBeGreaterThanOrEqual(15);
    for (const filter of ['from', 'to', 'guest', 'show'])
      expect(report.outcomes.some((o) => filter in o.filters)).toBe(true);
  });

  it('lists the expected episodes: precision at least 0.95, recall at least 0.9 (mean over questions)', () => {
    expect(report.precision).toBeGreaterThanOrEqual(0.95);
    expect(report.recall).toBeGreaterThanOrEqual(0.9);
    expect(report.microPrecision).toBeGreaterThanOrEqual(0.95);
    expect(report.microRecall).toBeGreaterThanOrEqual(0.9);
  });

  it('never lists an episode outside the filter', () => {
    for (const { filters, listed } of report.outcomes)
      for (const id of listed) {
        const { published, show } = library.episode(id) ?? {};
        const day = published ?? '';
        if (filters.from) expect(day.slice(0, filters.from.length) >= filters.from).toBe(true);
        if (filters.to) expect(day.slice(0, filters.to.length) <= filters.to).toBe(true);
        if (filters.show) expect(show).toBe(filters.show);
      }
  });
});
