import { z } from 'zod';
import { Problem } from '../sources/problem.js';

/**
 * What the engine answers, whoever asks: the terminal prints it, the bot renders it. Nothing here
 * knows about Discord.
 */

export const PassageKind = z.enum([
  /** A summary chapter or analysis section: its title and summary paragraph. */
  'summary',
  /** One takeaway or chapter bullet, with its section's title as context. */
  'takeaway',
  /** One chapter of the publisher's description (or an outline). */
  'chapter',
  /** The episode's quick insights. */
  'insights',
]);
export type PassageKind = z.infer<typeof PassageKind>;

export const AnswerResult = z.object({
  passageId: z.string(),
  episodeId: z.string(),
  episodeTitle: z.string(),
  kind: PassageKind,
  /** The chapter or section the passage belongs to (its title), or null for insights. */
  section: z.string().nullable(),
  text: z.string(),
  start: z.number().int().nonnegative().nullable(),
  end: z.number().int().nonnegative().nullable(),
  approximate: z.boolean(),
  /** `1:01:46`, or null when the moment is unknown. */
  timestamp: z.string().nullable(),
  /** A link to that moment (or the episode when the moment is unknown), or null without a URL. */
  url: z.string().nullable(),
  score: z.number(),
  /** Character ranges `[start, end)` of `text` that matched the question, for marking. */
  marks: z.array(z.tuple([z.number().int(), z.number().int()])),
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
  tookMs: z.number().nonnegative(),
});
export type Answer = z.infer<typeof Answer>;

export const AskOptions = z.object({
  limit: z.number().int().min(1).max(50).default(5),
  offset: z.number().int().min(0).default(0),
  episodeId: z.string().optional(),
});
export type AskOptions = z.input<typeof AskOptions>;

/** What a rebuild did: what was indexed, what was rejected and why. */
export const ReindexReport = z.object({
  episodes: z.number().int().nonnegative(),
  passages: z.number().int().nonnegative(),
  rejected: z.array(z.object({ file: z.string(), problems: z.array(Problem) })),
  warnings: z.array(Problem),
  tookMs: z.number().nonnegative(),
});
export type ReindexReport = z.infer<typeof ReindexReport>;
