import type { Episode, EpisodeMeta } from '../episodes/schema.js';
import type { Problem } from './problem.js';

/** Everything read from an episodes directory: the good episodes, and what was refused and why. */
export interface LoadedSources {
  episodes: Episode[];
  /** Files refused whole, each with its problems (errors). */
  rejected: { file: string; problems: Problem[] }[];
  /** Problems in files that were kept (dropped stamps, doubted times). */
  warnings: Problem[];
  /** Every source file read (meta files included), with a content hash, to tell when an index is stale. */
  sources: { file: string; hash: string }[];
}

export interface ParsedSource {
  episode: Episode | null;
  problems: Problem[];
}

/** PLACEHOLDER until the source readers land: reads nothing. */
export async function loadEpisodes(_episodesDir: string): Promise<LoadedSources> {
  return { episodes: [], rejected: [], warnings: [], sources: [] };
}

/** PLACEHOLDER until the source readers land. */
export function parseSource(fileName: string, _content: Buffer | string, _meta?: EpisodeMeta): ParsedSource {
  return {
    episode: null,
    problems: [{ file: fileName, line: null, message: 'not implemented', severity: 'error' }],
  };
}
