import type { Episode } from './schema.js';

/** Newest first; undated episodes after dated ones, then by title. */
export function newestFirst<T extends Pick<Episode, 'published' | 'title'>>(episodes: readonly T[]): T[] {
  return [...episodes].sort((a, b) => {
    if (a.published !== b.published) {
      if (a.published === null) return 1;
      if (b.published === null) return -1;
      return a.published < b.published ? 1 : -1;
    }
    return a.title.localeCompare(b.title);
  });
}
