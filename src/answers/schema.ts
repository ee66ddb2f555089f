import { z } from 'zod';
import { Passage } from '../passages/passage.js';
import { Problem } from '../episodes/problem.js';
import { CoverageReport } from '../sources/coverage.js';
import { FeedImport } from '../feeds/report.js';
import { EpisodeFilter, Quote } from '../timeline/schema.js';

// The shapes of answers across the catalogue, for the adapters, which read the domain through answers/.
export type { CoverageReport, FileCoverage } from '../sources/coverage.js';
export { EpisodeFilter } from '../timeline/schema.js';
export type {
  CatalogueFacts,
  Moment,
  PersonEpisode,
  Quote,
  Timeline,
  TimelineEntry,
} from '../timeline/schema.js';

/**
 * What the engine answers, whoever asks: the terminal prints it, the bot renders it. Nothing here
 * knows about Discord.
 */

/** A passage as an answer: where it stands in the ranking and which of its words matched. */
export const AnswerResult = Passage.omit({ id: true, cues: true }).extend({
  passageId: Passage.shape.id,
  /** `1:01:46`, or null when the moment is unknown. */
  timestamp: z.string().nullable(),
  score: z.number(),
  /** Character ranges `[start, end)` of `text` that matched the question, for marking. */
  marks: z.array(z.tuple([z.number().int(), z.number().int()])),
  /**
   * For a long passage (a transcript window), the sentence or two holding the marks, the speaker and
   * the chapter: shown instead of the whole text. Absent for a passage short enough to show whole.
   */
  quote: Quote.optional(),
});
export type AnswerResult = z.infer<typeof AnswerResult>;

export const Answer = z.object({
  query: z.string(),
  results: z.array(AnswerResult),
  /** How many passages passed the relevance floor in all (results is one page of them). */
  total: z.number().int().nonnegative(),
  /** "Did you mean" queries, offered when nothing matched. */
  suggestions: z.array(z.string()),
  /** Why the question could not be searched as asked (empty, only common words, unknown episode), or null. */
  notice: z.string().nullable(),
  /**
   * The spelling correction whose results these are, when the question as typed found nothing and
   * the correction did ("Showing results for …"); null when the results are for the question itself.
   */
  showingResultsFor: z.string().nullable(),
  tookMs: z.number().nonnegative(),
});
export type Answer = z.infer<typeof Answer>;

/** The most passages one ask returns (a page of them: `offset` reaches further). */
export const MAX_RESULTS = 50;

export const AskOptions = z.object({
  limit: z.number().int().min(1).max(MAX_RESULTS).default(5),
  offset: z.number().int().min(0).default(0),
  episodeId: z.string().optional(),
  /** `from`, `to`, `guest`, `show`: see EpisodeFilter. A malformed one or one that leaves nothing is the answer's notice. */
  ...EpisodeFilter.shape,
});
export type AskOptions = z.input<typeof AskOptions>;

/** What a rebuild did: what was indexed, what was rejected and why. */
export const ReindexReport = z.object({
  episodes: z.number().int().nonnegative(),
  passages: z.number().int().nonnegative(),
  rejected: z.array(z.object({ file: z.string(), problems: z.array(Problem) })),
  warnings: z.array(Problem),
  /** Words searchable and set aside by rule; null for an index built before coverage was kept. */
  coverage: CoverageReport.nullable(),
  tookMs: z.number().nonnegative(),
});
export type ReindexReport = z.infer<typeof ReindexReport>;

/** A listener's vote on the top passage of an answer. */
export const Vote = z.object({
  question: z.string(),
  passageId: z.string().min(1),
  vote: z.enum(['up', 'down']),
  /** Kept only as a hash. */
  userId: z.string().min(1),
});
export type Vote = z.infer<typeof Vote>;

/** An episode source offered to the library, under the name it came with. */
export interface SourceUpload {
  name: string;
  content: Buffer | string;
}

/** The name a source was saved under (null: refused, nothing written) and what was found in it. */
export const AddedSource = z.object({ saved: z.string().nullable(), problems: z.array(Problem) });
export type AddedSource = z.infer<typeof AddedSource>;

/** A date as the engine takes it (`--since`): YYYY-MM-DD. */
export { IsoDate } from '../episodes/schema.js';

/** What a feed import did with each item, and the rebuild it caused (null when nothing changed). */
export const ImportReport = FeedImport.extend({ index: ReindexReport.nullable() });
export type ImportReport = z.infer<typeof ImportReport>;

/**
 * How a followed feed's first import ended: its report; `elsewhere` when another process imported
 * it meanwhile (its outcome is in the database); `busy` when rebuilds kept it from running in time.
 */
export const FollowedImport = z.union([ImportReport, z.enum(['elsewhere', 'busy'])]);
export type FollowedImport = z.infer<typeof FollowedImport>;
