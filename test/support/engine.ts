import type { AnswerEngine } from '../../src/answers/engine.js';
import type { Answer, AnswerResult } from '../../src/answers/schema.js';

/** An answer with nothing in it, its fields overridden. */
export const answerOf = (fields: Partial<Answer> = {}): Answer => ({
  query: 'q',
  results: [],
  total: 0,
  suggestions: [],
  notice: null,
  showingResultsFor: null,
  tookMs: 0,
  ...fields,
});

/** A result of an episode starting at `start` (seconds), under `section`, for judging answers. */
export const resultOf = (
  episodeId: string,
  start: number | null,
  section: string | null = 'S',
): AnswerResult => ({
  passageId: 'p',
  episodeId,
  episodeTitle: 'E',
  kind: 'takeaway',
  section,
  text: 't',
  start,
  end: null,
  approximate: false,
  timestamp: null,
  url: null,
  score: 1,
  marks: [],
});

/** An engine for adapter tests: answers nothing and refuses everything unless a test says otherwise. */
export const fakeEngine = (overrides: Partial<AnswerEngine> = {}): AnswerEngine => ({
  ask: (query) => answerOf({ query }),
  episodes: () => [],
  episode: () => undefined,
  reindex: () => Promise.reject(new Error('no reindex in this test')),
  addSource: () => Promise.reject(new Error('no uploads in this test')),
  recordVote: () => Promise.reject(new Error('no votes in this test')),
  importFeed: () => Promise.reject(new Error('no feeds in this test')),
  timeline: (topic) => ({ topic, entries: [], complete: true, suggestions: [], notice: null, tookMs: 0 }),
  related: () => [],
  episodesWith: () => [],
  facts: () => ({ episodes: 0, passages: 0, newest: null, dates: [], people: [], shows: [] }),
  ...overrides,
});
