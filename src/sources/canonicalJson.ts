import type { EpisodeDraft } from '../episodes/draft.js';
import { EpisodeDocument } from '../episodes/schema.js';
import { type Problem, checkJson } from '../episodes/problem.js';

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
  const parsed = checkJson(EpisodeDocument, lines.join('\n'), {
    file,
    line: (path) => lineOfKey(lines, path),
    root: '(document)',
  });
  if (parsed.data === null) return { draft: null, problems: parsed.problems };
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
