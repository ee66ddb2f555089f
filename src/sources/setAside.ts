import { z } from 'zod';

/**
 * A line of a source that was not indexed, with the named rule that set it aside (`chrome:nav`,
 * `caption:repeat`, `vtt:note`, …). Nothing is dropped silently: every line of a source is either
 * searchable or one of these, and the coverage report (`validate --coverage`, `/reindex`) counts them
 * by rule with the first examples.
 */
export const SetAsideLine = z.object({
  file: z.string(),
  /** 1-based line in the source, or null when the reader has no lines (JSON, XML). */
  line: z.number().int().positive().nullable(),
  /** `family:name`, stable across releases: moderators read it, tests assert it. */
  rule: z.string().regex(/^[a-z0-9-]+:[a-z0-9-]+$/),
  text: z.string(),
});
export type SetAsideLine = z.infer<typeof SetAsideLine>;
