import { z } from 'zod';
import { type Problem, checkJson } from '../../episodes/problem.js';
import type { EpisodeMeta } from '../../episodes/schema.js';

/**
 * yt-dlp's `<stem>.info.json`, written beside the captions (`--write-info-json`): what it gives an
 * episode that its captions cannot. Only these keys are read; the rest (formats, thumbnails, …) is
 * yt-dlp's own and ignored by design.
 */
const YtDlpInfo = z.object({
  title: z.string().min(1).optional(),
  /** `YYYYMMDD`. */
  upload_date: z
    .string()
    .regex(/^\d{8}$/)
    .nullish(),
  duration: z.number().nonnegative().nullish(),
  chapters: z.array(z.object({ start_time: z.number().nonnegative(), title: z.string() })).nullish(),
  description: z.string().nullish(),
  webpage_url: z.url().nullish(),
  channel: z.string().min(1).nullish(),
  uploader: z.string().min(1).nullish(),
});

export const INFO_JSON_SUFFIX = '.info.json';

/** The meta an info.json gives (title, date, duration, chapters, description, link, channel as show). */
export function readYtDlpInfo(file: string, text: string): { meta: EpisodeMeta | null; problems: Problem[] } {
  const checked = checkJson(YtDlpInfo, text, {
    file,
    line: null,
    root: 'info',
    expected: 'yt-dlp --write-info-json output',
    severity: 'warning',
  });
  const info = checked.data;
  if (info === null) return { meta: null, problems: checked.problems };
  const date = info.upload_date;
  const chapters = (info.chapters ?? []).filter((chapter) => chapter.title.trim() !== '');
  const meta: EpisodeMeta = {
    ...(info.title ? { title: info.title } : {}),
    ...(info.channel || info.uploader ? { show: (info.channel || info.uploader) as string } : {}),
    ...(date ? { published: `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6)}` } : {}),
    ...(info.duration ? { duration: Math.round(info.duration) } : {}),
    ...(chapters.length
      ? { chapters: chapters.map((c) => ({ title: c.title.trim(), start: Math.floor(c.start_time) })) }
      : {}),
    ...(info.description?.trim() ? { description: info.description.trim() } : {}),
    ...(info.webpage_url ? { videoUrl: info.webpage_url } : {}),
  };
  return { meta, problems: checked.problems };
}
