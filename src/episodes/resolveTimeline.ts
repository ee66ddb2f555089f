import type { Problem } from '../sources/problem.js';
import type { EpisodeDraft } from './draft.js';
import type { Chapter, Section } from './schema.js';

export interface ResolvedTimeline {
  chapters: Chapter[];
  sections: Section[];
  /** Warnings about times that were dropped or doubted (never errors: a page with bad times still reads). */
  problems: Problem[];
}

/**
 * Places every chapter and section of a draft on the episode's clock.
 * PLACEHOLDER: publisher stamps become chapters as written; sections get no time. The alignment
 * described in the ingestion issue replaces this.
 */
export function resolveTimeline(draft: EpisodeDraft): ResolvedTimeline {
  const chapters: Chapter[] = draft.stamps.map((stamp, i) => ({
    title: stamp.title,
    start: stamp.start,
    end: draft.stamps[i + 1]?.start ?? draft.duration,
    approximate: false,
    timing: 'publisher',
  }));
  const sections: Section[] = draft.sections.map((section) => ({
    kind: section.kind,
    title: section.title,
    summary: section.summary,
    bullets: section.bullets,
    stated: section.stated,
    start: null,
    end: null,
    approximate: false,
    timing: 'none',
  }));
  return { chapters, sections, problems: [] };
}
