import type { EpisodeDraft } from '../episodes/draft.js';
import { EpisodeDocument } from '../episodes/schema.js';
import type { Problem } from '../episodes/problem.js';

/**
 * The canonical episode document (`EpisodeDocument`, exported as data/episode.schema.json): for
 * hand-made or converted episodes. Its chapters are the publisher's clock; its sections' times are
 * stated ones, judged like any summary's.
 */

export function looksLikeJson(lines: readonly string[]): boolean {
  return (lines.find((line) => line.trim() !== '') ?? '').trim().startsWith('{');
}

export function readCanonicalJson(
  file: string,
  lines: readonly string[],
): { draft: EpisodeDraft | null; problems: Problem[] } {
  const text = lines.join('\n');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return {
      draft: null,
      problems: [
        {
          file,
          line: jsonErrorLine(err, text),
          message: `invalid JSON: ${(err as Error).message}`,
          severity: 'error',
        },
      ],
    };
  }
  const parsed = EpisodeDocument.safeParse(raw);
  if (!parsed.success) {
    return {
      draft: null,
      problems: parsed.error.issues.map((issue) => ({
        file,
        line: lineOfKey(lines, issue.path),
        message: `${issue.path.length ? issue.path.join('.') : '(document)'}: ${issue.message}`,
        severity: 'error' as const,
      })),
    };
  }
  const doc = parsed.data;
  const line = (path: PropertyKey[]) => lineOfKey(lines, path) ?? 1;
  return {
    draft: {
      id: doc.id ?? null,
      title: doc.title,
      source: file,
      format: 'canonical-json',
      show: doc.show,
      number: doc.number,
      published: doc.published,
      duration: doc.duration,
      people: doc.people,
      videoUrl: doc.videoUrl,
      audioUrl: doc.audioUrl,
      image: doc.image,
      insights: doc.insights,
      links: doc.links,
      stamps: doc.chapters.flatMap((chapter, i) =>
        chapter.start === null
          ? []
          : [{ title: chapter.title, start: chapter.start, line: line(['chapters', i]) }],
      ),
      sections: doc.sections.map((section, i) => ({
        kind: section.kind,
        title: section.title,
        summary: section.summary,
        bullets: section.bullets,
        stated: section.start === null ? null : { start: section.start, end: section.end },
        line: line(['sections', i]),
      })),
      transcript: doc.transcript ?? [],
    },
    problems: [],
  };
}

/** The line of the last named key on a path (`chapters.2.start` → the line of `"start"` after `"chapters"`). */
function lineOfKey(lines: readonly string[], path: readonly PropertyKey[]): number | null {
  const keys = path.filter((key): key is string => typeof key === 'string');
  let from = 0;
  for (const key of keys) {
    const at = lines.findIndex((line, i) => i >= from && line.includes(`"${key}"`));
    if (at < 0) break;
    from = at;
  }
  return keys.length ? from + 1 : null;
}

/** V8 reports `… at position N` (and newer, `line L column C`). */
function jsonErrorLine(err: unknown, text: string): number | null {
  const message = (err as Error).message;
  const line = /line (\d+)/.exec(message);
  if (line) return Number(line[1]);
  const position = /position (\d+)/.exec(message);
  if (!position) return null;
  return text.slice(0, Number(position[1])).split('\n').length;
}
