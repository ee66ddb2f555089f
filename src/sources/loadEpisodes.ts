import { createHash } from 'node:crypto';
import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { EpisodeDraft } from '../episodes/draft.js';
import { resolveTimeline } from '../episodes/resolveTimeline.js';
import { Episode, EpisodeMeta } from '../episodes/schema.js';
import { foldDiacritics } from '../text/normalize.js';
import { looksLikeJson, readCanonicalJson } from './canonicalJson.js';
import { MAX_SOURCE_BYTES, intakeSource } from './intake.js';
import { readOutline } from './outline.js';
import { looksLikePodcastApp, readPodcastApp } from './podcastApp.js';
import { type Problem, check, checkJson } from '../episodes/problem.js';
import { looksLikeVideoChapters, readVideoChapters } from './videoChapters.js';

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

/** The file endings read as episode sources; `NAME.meta.json` files are metadata, not sources. */
export const SOURCE_EXTENSIONS = ['.txt', '.md', '.html', '.json'] as const;
const META_SUFFIX = '.meta.json';

export const isSourceFile = (name: string): boolean =>
  !name.endsWith(META_SUFFIX) &&
  (SOURCE_EXTENSIONS as readonly string[]).includes(extname(name).toLowerCase());

/**
 * Reads one source into an episode: the format is told by content, never by name; times are put on
 * the episode's clock; the result is validated. Never throws: problems say what is wrong and where.
 */
export function parseSource(fileName: string, content: Buffer | string, meta?: EpisodeMeta): ParsedSource {
  const intake = intakeSource(fileName, content);
  if (intake.problems.length) return { episode: null, problems: intake.problems };
  const { lines } = intake;

  const read = looksLikeJson(lines)
    ? readCanonicalJson(fileName, lines)
    : looksLikeVideoChapters(lines)
      ? readVideoChapters(fileName, lines)
      : looksLikePodcastApp(lines)
        ? readPodcastApp(fileName, lines)
        : readOutline(fileName, lines);
  const problems = [...read.problems];
  if (!read.draft) return { episode: null, problems };
  if (read.draft.title === '') {
    problems.push({
      file: fileName,
      line: null,
      message: 'no title found: expected a first line naming the episode',
      severity: 'error',
    });
    return { episode: null, problems };
  }

  const draft: EpisodeDraft = {
    ...read.draft,
    id: meta?.id ?? read.draft.id ?? slugOf(fileName),
    videoUrl: meta?.videoUrl ?? read.draft.videoUrl,
    audioUrl: meta?.audioUrl ?? read.draft.audioUrl,
    published: meta?.published ?? read.draft.published,
  };
  const timeline = resolveTimeline(draft);
  problems.push(...timeline.problems);

  const { stamps: _stamps, sections: _sections, ...fields } = draft;
  const checked = check(
    Episode,
    { ...fields, chapters: timeline.chapters, sections: timeline.sections },
    { file: fileName, line: null, root: 'episode' },
  );
  problems.push(...checked.problems);
  return { episode: checked.data, problems };
}

/** `003_Deep Dive.txt` → `003_deep-dive`: an id the schema accepts. */
export function slugOf(fileName: string): string {
  const stem = basename(fileName).replace(/\.[^.]+$/, '');
  const slug = foldDiacritics(stem)
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+|-+$/g, '')
    .slice(0, 80);
  return slug || 'episode';
}

/**
 * Reads every source in a directory. One bad file never blocks the others; a duplicate id refuses the
 * later file; a meta file beside a source (`NAME.meta.json`) overrides or completes the page.
 */
export async function loadEpisodes(episodesDir: string): Promise<LoadedSources> {
  const result: LoadedSources = { episodes: [], rejected: [], warnings: [], sources: [] };
  const names = (await readdir(episodesDir)).sort();
  const byId = new Map<string, string>();

  for (const name of names.filter(isSourceFile)) {
    const problems: Problem[] = [];
    const content = await readBounded(join(episodesDir, name), name, problems);
    if (content !== null) result.sources.push({ file: name, hash: hash(content) });
    const metaName = name.replace(/\.[^.]+$/, META_SUFFIX);
    const meta = names.includes(metaName)
      ? await readMeta(episodesDir, metaName, problems, result)
      : undefined;

    const parsed = content === null || problems.some(isError) ? null : parseSource(name, content, meta);
    if (parsed) problems.push(...parsed.problems);
    const episode = parsed?.episode ?? null;
    const clash = episode ? byId.get(episode.id) : undefined;
    if (episode && clash) {
      problems.push({
        file: name,
        line: null,
        message: `episode id "${episode.id}" is already used by ${clash}; give this file a different id in ${metaName}`,
        severity: 'error',
      });
    }
    if (episode && !problems.some(isError)) {
      byId.set(episode.id, name);
      result.episodes.push(episode);
      result.warnings.push(...problems);
    } else {
      result.rejected.push({ file: name, problems: problems.filter(isError) });
      result.warnings.push(...problems.filter((problem) => !isError(problem)));
    }
  }
  return result;
}

const isError = (problem: Problem) => problem.severity === 'error';
const hash = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/** Reads a file only when it is within the size limit, so a huge file costs a stat, not memory. */
async function readBounded(path: string, name: string, problems: Problem[]): Promise<Buffer | null> {
  try {
    const { size } = await stat(path);
    if (size > MAX_SOURCE_BYTES) {
      problems.push({
        file: name,
        line: null,
        message: `file is ${size} bytes; the limit is ${MAX_SOURCE_BYTES} bytes (5 MB)`,
        severity: 'error',
      });
      return null;
    }
    return await readFile(path);
  } catch (err) {
    problems.push({
      file: name,
      line: null,
      message: `cannot read: ${(err as Error).message}`,
      severity: 'error',
    });
    return null;
  }
}

async function readMeta(
  dir: string,
  name: string,
  problems: Problem[],
  result: LoadedSources,
): Promise<EpisodeMeta | undefined> {
  const content = await readBounded(join(dir, name), name, problems);
  if (content === null) return undefined;
  result.sources.push({ file: name, hash: hash(content) });
  const meta = checkJson(EpisodeMeta, content.toString('utf8'), {
    file: name,
    line: null,
    root: 'meta',
    expected: '{id?, videoUrl?, audioUrl?, published?}',
  });
  problems.push(...meta.problems);
  return meta.data ?? undefined;
}
