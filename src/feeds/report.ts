import { z } from 'zod';

/** What an import did with each item, and with the feed as a whole. */

export const ItemStatus = z.enum(['imported', 'updated', 'unchanged', 'refused']);
export type ItemStatus = z.infer<typeof ItemStatus>;

export const ItemOutcome = z.object({
  /** 1-based position in the feed. */
  position: z.number().int().positive(),
  guid: z.string().nullable(),
  /** The episode id, or null when the item was refused before one was given. */
  id: z.string().nullable(),
  title: z.string(),
  /** `imported`: a new episode; `updated`: its file changed; `unchanged`: not rewritten; `refused`: see reason. */
  status: ItemStatus,
  reason: z.string().nullable(),
  /** What was missed but did not refuse the item (a chapters file or transcript that failed to download). */
  warnings: z.array(z.string()),
});
export type ItemOutcome = z.infer<typeof ItemOutcome>;

export const FeedImport = z.object({
  /** The feed URL or file as given. */
  source: z.string(),
  /** The feed's title, or null when it answered 304 Not Modified. */
  show: z.string().nullable(),
  /** True when the feed answered 304 Not Modified: nothing was read or written. */
  notModified: z.boolean(),
  items: z.array(ItemOutcome),
  counts: z.record(ItemStatus, z.number().int().nonnegative()),
  tookMs: z.number().nonnegative(),
});
export type FeedImport = z.infer<typeof FeedImport>;
