import { z } from 'zod';

/**
 * The shapes of "across the catalogue" answers: a topic's timeline, the moments related to an answer,
 * the episodes of a guest, and the filters that narrow any question to some episodes. Nothing here
 * knows about Discord.
 */

/** `2024`, `2024-03` or `2024-03-15`: a day, or a whole month or year (its first day as `from`, its last as `to`). */
export const DateBound = z
  .string()
  .trim()
  .regex(
    /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/,
    'expected a date as YYYY, YYYY-MM or YYYY-MM-DD',
  );

/** What narrows a question to some episodes; every field optional, all given must hold. */
export const EpisodeFilter = z.object({
  /** Episodes published on or after this date (undated episodes never match a date bound). */
  from: DateBound.optional(),
  /** Episodes published on or before this date. */
  to: DateBound.optional(),
  /** A person the episode names among its people (any role), matched ignoring case and accents. */
  guest: z.string().trim().min(1).max(100).optional(),
  /** The episode's show, matched ignoring case and accents. */
  show: z.string().trim().min(1).max(200).optional(),
});
export type EpisodeFilter = z.input<typeof EpisodeFilter>;

/** Character ranges `[start, end)` of a text that matched, for marking. */
export const Marks = z.array(z.tuple([z.number().int(), z.number().int()]));

/** The sentence or two of a passage that hold the matched words, with who said them and where. */
export const Quote = z.object({
  text: z.string(),
  /** Marks remapped onto `text`. */
  marks: Marks,
  /** The speaker's label when the passage is a transcript written as `Name: words`, else null. */
  speaker: z.string().nullable(),
  /** The chapter or section the passage falls in, or null. */
  chapter: z.string().nullable(),
});
export type Quote = z.infer<typeof Quote>;

/** One moment of an episode: the passage that best speaks of a topic there. */
export const Moment = z.object({
  passageId: z.string(),
  episodeId: z.string(),
  episodeTitle: z.string(),
  published: z.string().nullable(),
  section: z.string().nullable(),
  start: z.number().int().nonnegative().nullable(),
  approximate: z.boolean(),
  /** `1:01:46`, or null when the moment is unknown. */
  timestamp: z.string().nullable(),
  url: z.string().nullable(),
  quote: Quote,
});
export type Moment = z.infer<typeof Moment>;

export const TimelineEntry = z.object({
  episodeId: z.string(),
  title: z.string(),
  show: z.string().nullable(),
  published: z.string().nullable(),
  /**
   * How much the episode speaks of the topic, for the chart: the sum over its matching passages of
   * the share of the topic each covers (a passage matching every word counts 1).
   */
  weight: z.number().nonnegative(),
  /** How many of its passages matched. */
  passages: z.number().int().positive(),
  moment: Moment,
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const Timeline = z.object({
  topic: z.string(),
  /** Oldest first; undated episodes last. */
  entries: z.array(TimelineEntry),
  /**
   * False when the topic is in more episodes than one timeline reads (MAX_ROUNDS pages of hits): the
   * entries are some of them, and a date, person or show would narrow it.
   */
  complete: z.boolean(),
  suggestions: z.array(z.string()),
  /** Why nothing could be listed (a filter that leaves no episode, an empty topic), or null. */
  notice: z.string().nullable(),
  tookMs: z.number().nonnegative(),
});
export type Timeline = z.infer<typeof Timeline>;

/** An episode a person is on or named in, with the chapters and sections that name them. */
export const PersonEpisode = z.object({
  episodeId: z.string(),
  title: z.string(),
  published: z.string().nullable(),
  /** Their role on the episode (`guest`, `host`), or null when only named in it. */
  role: z.string().nullable(),
  /** Titles of the chapters and sections that name them, in the episode's order. */
  namedIn: z.array(z.string()),
});
export type PersonEpisode = z.infer<typeof PersonEpisode>;

/** What the catalogue holds, for help texts and the filters' autocomplete. */
export const CatalogueFacts = z.object({
  episodes: z.number().int().nonnegative(),
  passages: z.number().int().nonnegative(),
  newest: z.object({ id: z.string(), title: z.string(), published: z.string().nullable() }).nullable(),
  /** `2025`, `2025-07`, …: the years and months episodes were published in, newest first. */
  dates: z.array(z.string()),
  /** People by how many episodes name them, most first (then by name). */
  people: z.array(z.object({ name: z.string(), episodes: z.number().int().positive() })),
  shows: z.array(z.string()),
});
export type CatalogueFacts = z.infer<typeof CatalogueFacts>;
