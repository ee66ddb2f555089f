import { z } from 'zod';

/**
 * The shapes of an episode, from the canonical document a person may write by hand to the resolved
 * episode every other part of podqa reads. Types are inferred from these schemas; nothing else
 * declares an episode's shape.
 */

/** A whole number of seconds on the episode's own clock. */
export const Seconds = z.number().int().nonnegative();

/**
 * How a time was obtained, from most to least trusted:
 * - `publisher`: a stamp the publisher wrote in the episode description (the episode's clock);
 * - `summary`: a summary page's own time, kept because it agrees with the publisher's clock;
 * - `aligned`: placed by matching the passage's content to a publisher chapter (approximate);
 * - `none`: no time could be given with confidence.
 */
export const Timing = z.enum(['publisher', 'summary', 'aligned', 'none']);
export type Timing = z.infer<typeof Timing>;

/** The layouts podqa reads; detected from a document's content, never from its file name. */
export const SourceFormat = z.enum([
  'podcast-app',
  'video-chapters',
  'canonical-json',
  'outline',
  /** A transcript file with no episode page beside it: an episode of its own. */
  'transcript',
]);
export type SourceFormat = z.infer<typeof SourceFormat>;

export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

export const Person = z.object({
  name: z.string().min(1),
  /** `host`, `guest`, or whatever the page calls the person. */
  role: z.string().min(1),
});
export type Person = z.infer<typeof Person>;

const placement = {
  /** Start on the episode's clock, or null when unknown. */
  start: Seconds.nullable(),
  /** End on the episode's clock (the next chapter's start, or the episode's end), or null. */
  end: Seconds.nullable(),
  /** True when the time is an estimate (aligned), shown with `≈`. */
  approximate: z.boolean(),
  timing: Timing,
};

/** A chapter of the episode's timeline: from the publisher's description, or an outline. */
export const Chapter = z.object({ title: z.string().min(1), ...placement });
export type Chapter = z.infer<typeof Chapter>;

/**
 * A part of a summary written about the episode: a numbered chapter of a video chapter-summary page
 * (`chapter`), or a section of a podcast app's analysis (`analysis`).
 */
export const Section = z.object({
  kind: z.enum(['chapter', 'analysis']),
  title: z.string().min(1),
  summary: z.string().nullable(),
  /** Takeaways or bullets, each one sentence or a few. */
  bullets: z.array(z.string().min(1)),
  ...placement,
  /** The range the summary page itself stated, kept even when it was not trusted. */
  stated: z.object({ start: Seconds, end: Seconds.nullable() }).nullable(),
});
export type Section = z.infer<typeof Section>;

/**
 * One cue of a transcript: what was said from `start` to `end` (seconds on the episode's clock, exact as
 * the file gives them, fractions kept), and by whom when the file says. A transcript with no stamps at
 * all (a plain text) has cues of null start: its paragraphs, searchable but at no moment.
 */
export const TranscriptCue = z.object({
  start: z.number().nonnegative().nullable(),
  /** The cue's end, or null when the file gives only starts and this is the last cue. */
  end: z.number().nonnegative().nullable(),
  speaker: z.string().min(1).nullable(),
  text: z.string().min(1),
});
export type TranscriptCue = z.infer<typeof TranscriptCue>;

/** A resolved episode: every time on the episode's own clock, or null. */
export const Episode = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{0,79}$/, 'expected an id of lowercase letters, digits, ".", "_" or "-"'),
  title: z.string().min(1),
  /** The source file's name, relative to the episodes directory. */
  source: z.string().min(1),
  format: SourceFormat,
  /** The show the episode belongs to (a feed's title), or null when the page does not say. */
  show: z.string().min(1).nullable(),
  /** The show's own episode number (`itunes:episode`), or null. */
  number: z.number().int().nonnegative().nullable(),
  published: IsoDate.nullable(),
  /** Length in seconds, or null when the page does not say. */
  duration: Seconds.nullable(),
  people: z.array(Person),
  videoUrl: z.url().nullable(),
  audioUrl: z.url().nullable(),
  /** The episode's artwork (`itunes:image`), or null. */
  image: z.url().nullable(),
  /** A short summary of the whole episode (a podcast app's "Quick Insights"). */
  insights: z.string().nullable(),
  chapters: z.array(Chapter),
  sections: z.array(Section),
  /** Links the page carries (references, social accounts), kept out of passage text. */
  links: z.array(z.string()),
  /** What was said, cue by cue in time order, from a transcript file or the page; [] when none. */
  transcript: z.array(TranscriptCue).default([]),
});
export type Episode = z.infer<typeof Episode>;

/**
 * The canonical episode document (`*.json` in the episodes directory): what a person writes by hand
 * or a converter emits. Optional fields default; `source` and `format` are set by the loader, and
 * times are resolved like any other source's.
 */
export const EpisodeDocument = z
  .object({
    /** An editor's pointer to data/episode.schema.json; not part of the episode. */
    $schema: z.string().optional(),
    id: Episode.shape.id.optional(),
    title: z.string().min(1),
    show: z.string().min(1).nullable().default(null),
    number: z.number().int().nonnegative().nullable().default(null),
    published: IsoDate.nullable().default(null),
    duration: Seconds.nullable().default(null),
    people: z.array(Person).default([]),
    videoUrl: z.url().nullable().default(null),
    audioUrl: z.url().nullable().default(null),
    image: z.url().nullable().default(null),
    insights: z.string().nullable().default(null),
    chapters: z
      .array(z.object({ title: z.string().min(1), start: Seconds.nullable().default(null) }).strict())
      .default([]),
    sections: z
      .array(
        z
          .object({
            kind: Section.shape.kind.default('analysis'),
            title: z.string().min(1),
            summary: z.string().nullable().default(null),
            bullets: z.array(z.string().min(1)).default([]),
            start: Seconds.nullable().default(null),
            end: Seconds.nullable().default(null),
          })
          .strict(),
      )
      .default([]),
    links: z.array(z.string()).default([]),
    /** An inline transcript; a transcript file beside the document (`<stem>.vtt`, …) is the usual way. */
    transcript: z.array(TranscriptCue.strict()).optional(),
  })
  .strict();
export type EpisodeDocument = z.infer<typeof EpisodeDocument>;

/**
 * `NAME.meta.json` beside a source or transcript: overrides or completes what the file says. A
 * transcript alone cannot name its episode, its show, its date or its chapters: its meta file can.
 */
export const EpisodeMeta = z
  .object({
    id: Episode.shape.id.optional(),
    title: z.string().min(1).optional(),
    show: z.string().min(1).optional(),
    published: IsoDate.optional(),
    duration: Seconds.optional(),
    people: z.array(Person).optional(),
    /** Chapters by their start in seconds; they replace the stamps the source gives. */
    chapters: z.array(z.object({ title: z.string().min(1), start: Seconds }).strict()).optional(),
    /** The episode's description: searchable as its insights when the source has none. */
    description: z.string().min(1).optional(),
    links: z.array(z.string()).optional(),
    videoUrl: z.url().optional(),
    audioUrl: z.url().optional(),
  })
  .strict();
export type EpisodeMeta = z.infer<typeof EpisodeMeta>;
