import type { Episode, Section, SourceFormat, TranscriptCue } from './schema.js';

/**
 * What a source reader takes from a page before the timeline is resolved: the publisher's stamps
 * and the summary's parts as the page states them, each with the line it came from, so that
 * `resolveTimeline` can place them on the episode's clock and say where a problem lies.
 */
export interface EpisodeDraft {
  /** From meta, the page, or null (the loader derives one from the file name). */
  id: string | null;
  title: string;
  source: string;
  format: SourceFormat;
  show: string | null;
  number: number | null;
  published: string | null;
  duration: number | null;
  people: Episode['people'];
  videoUrl: string | null;
  audioUrl: string | null;
  image: string | null;
  insights: string | null;
  links: string[];
  /** Chapter stamps from the publisher's description (or an outline), in page order. */
  stamps: DraftStamp[];
  /** Summary chapters and analysis sections, in page order, with the range they state if any. */
  sections: DraftSection[];
  /** A transcript the page itself carries (after its chapter list), or a document's inline one. */
  transcript: TranscriptCue[];
  /**
   * Quotes the page stamps with their own second (`Name (04:21): "…"`): moments added to whatever
   * transcript the episode has, so each is found at that second.
   */
  moments?: TranscriptCue[];
}

export interface DraftStamp {
  title: string;
  /** Seconds as written; may be out of order or past the end: resolveTimeline judges. */
  start: number;
  /** 1-based line in the source. */
  line: number;
}

export interface DraftSection {
  kind: Section['kind'];
  title: string;
  summary: string | null;
  bullets: string[];
  stated: Section['stated'];
  line: number;
  /** The line of the chapter stamp the section's text was written under: it takes that chapter's time. */
  under?: number;
  /** Text the page gives the whole episode, under no chapter: kept untimed, never placed by content. */
  untimed?: true;
}

/** A draft with nothing known but what a reader found: every other field empty or null. */
export function draftOf(
  source: string,
  format: EpisodeDraft['format'],
  found: Partial<Omit<EpisodeDraft, 'source' | 'format'>> & Pick<EpisodeDraft, 'title'>,
): EpisodeDraft {
  return {
    id: null,
    show: null,
    number: null,
    published: null,
    duration: null,
    people: [],
    videoUrl: null,
    audioUrl: null,
    image: null,
    insights: null,
    links: [],
    stamps: [],
    sections: [],
    transcript: [],
    ...found,
    source,
    format,
  };
}
