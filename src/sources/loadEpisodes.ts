import { createHash } from 'node:crypto';
import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { type EpisodeDraft, draftOf } from '../episodes/draft.js';
import { resolveTimeline } from '../episodes/resolveTimeline.js';
import { Episode, EpisodeMeta, type TranscriptCue } from '../episodes/schema.js';
import { foldDiacritics } from '../text/normalize.js';
import { looksLikeJson, readCanonicalJson } from './canonicalJson.js';
import { MAX_SOURCE_BYTES, intakeSource } from './intake.js';
import { readOutline } from './outline.js';
import { retitleShows, titleFromStem } from './pageFacts.js';
import { looksLikePodcastApp, readPodcastApp } from './podcastApp.js';
import { type Problem, check, checkJson } from '../episodes/problem.js';
import { looksLikeVideoChapters, readVideoChapters } from './videoChapters.js';
import {
  MAX_TRANSCRIPT_BYTES,
  TRANSCRIPT_SUFFIXES,
  isTranscriptFile,
  isWholeTranscript,
  readTranscript,
  transcriptStem,
} from './transcripts/readTranscript.js';
import { findTranscriptStart, readPlainTranscript } from './transcripts/plainText.js';
import { INFO_JSON_SUFFIX, readYtDlpInfo } from './transcripts/ytDlpInfo.js';
import type { TranscriptRead } from './transcripts/cues.js';
import { type FileCoverage, coverageOf, documentCoverage, transcriptLines } from './coverage.js';
import type { SetAsideLine } from './setAside.js';

/** Everything read from an episodes directory: the good episodes, and what was refused and why. */
export interface LoadedSources {
  episodes: Episode[];
  /** Files refused whole, each with its problems (errors). */
  rejected: { file: string; problems: Problem[] }[];
  /** Problems in files that were kept (dropped stamps, doubted times). */
  warnings: Problem[];
  /** Every source file read (meta files included), with a content hash, to tell when an index is stale. */
  sources: { file: string; hash: string }[];
  /** Lines of transcripts that are no cue's words, each with the rule that set it aside. */
  setAside: SetAsideLine[];
  /** Files beside the episodes that are none of the kinds read, and why: named, never ignored in silence. */
  unknown: { file: string; reason: string }[];
  /** Per source read: words searchable, set aside by rule, and lost. */
  coverage: FileCoverage[];
}

export interface ParsedSource {
  episode: Episode | null;
  problems: Problem[];
  /** Lines set aside by a named rule (chrome, caption repeats, …). */
  setAside: SetAsideLine[];
  /** How much of the file became searchable, and what was set aside by which rule. */
  coverage: FileCoverage;
  /** The page's next title line, should its title prove to be the show's name (`retitleShows`). */
  titleIfShow?: string | null;
}

/**
 * The file endings read as episode sources; `NAME.meta.json` files are metadata, and transcript files
 * (`NAME.vtt`, `NAME.transcript.json`, …) belong to the source with their stem.
 */
export const SOURCE_EXTENSIONS = ['.txt', '.md', '.html', '.json'] as const;
const META_SUFFIX = '.meta.json';

export const isSourceFile = (name: string): boolean =>
  !name.endsWith(META_SUFFIX) &&
  !name.endsWith(INFO_JSON_SUFFIX) &&
  !isTranscriptFile(name) &&
  (SOURCE_EXTENSIONS as readonly string[]).includes(extname(name).toLowerCase());

/** Every file an episode is read from (sources, meta files, transcripts): what makes an index stale. */
export const isInputFile = (name: string): boolean =>
  isSourceFile(name) ||
  name.endsWith(META_SUFFIX) ||
  name.endsWith(INFO_JSON_SUFFIX) ||
  isTranscriptFile(name);

/** `003_x.txt` → `003_x`: the stem a source shares with its meta file and its transcript. */
const stemOf = (name: string) => name.replace(/\.[^.]+$/, '');

/**
 * Reads one source into an episode: the format is told by content, never by name; times are put on
 * the episode's clock; the result is validated. Never throws: problems say what is wrong and where.
 */
export function parseSource(
  fileName: string,
  content: Buffer | string,
  meta?: EpisodeMeta,
  /** Cues from the transcript file beside the source; they replace any transcript the page carries. */
  transcript?: TranscriptCue[],
): ParsedSource {
  const intake = intakeSource(fileName, content);
  const covered = (parsed: Omit<ParsedSource, 'coverage' | 'setAside'>, setAside: SetAsideLine[] = []) => ({
    ...parsed,
    setAside,
    coverage: looksLikeJson(intake.lines)
      ? documentCoverage(fileName, parsed.episode)
      : coverageOf(fileName, intake.lines, setAside, parsed.episode),
  });
  if (intake.problems.length) return covered({ episode: null, problems: intake.problems });
  // Detected by content: a page-named file whose lines are cues is a transcript, titled by its meta or name.
  if (transcript === undefined && isWholeTranscript(intake.lines))
    return parseTranscriptEpisode(fileName, content, meta);
  // A transcript the page carries after its chapters is read as one, never as chapters.
  const transcriptAt = findTranscriptStart(intake.lines);
  const lines = transcriptAt >= 0 ? intake.lines.slice(0, transcriptAt) : intake.lines;
  const carried =
    transcriptAt >= 0
      ? readPlainTranscript(fileName, intake.lines.slice(transcriptAt), transcriptAt + 1)
      : null;

  const read: {
    draft: EpisodeDraft | null;
    problems: Problem[];
    setAside?: SetAsideLine[];
    titleIfShow?: string | null;
  } = looksLikeJson(lines)
    ? readCanonicalJson(fileName, lines)
    : looksLikeVideoChapters(lines)
      ? readVideoChapters(fileName, lines)
      : looksLikePodcastApp(lines)
        ? readPodcastApp(fileName, lines)
        : readOutline(fileName, lines);
  const setAside = [...(read.setAside ?? []), ...(carried?.setAside ?? [])];
  const problems = [
    ...read.problems,
    // The page stands without its transcript: what is wrong there is a warning, never a refusal.
    ...(carried?.problems ?? []).map((problem) => ({ ...problem, severity: 'warning' as const })),
  ];
  if (!read.draft) return covered({ episode: null, problems }, setAside);
  // A page that is all transcript is titled by the transcript's header; a page with no title line by its file.
  if (read.draft.title === '') read.draft.title = carried?.title ?? titleFromStem(stemOf(basename(fileName)));
  // Stamped quotes are moments of whatever transcript the episode has.
  const cues = transcript ?? carried?.cues ?? read.draft.transcript;
  const moments = read.draft.moments ?? [];
  // Untimed cues (a plain transcript's paragraphs) keep their order after the timed ones.
  const at = (cue: TranscriptCue) => cue.start ?? Number.MAX_SAFE_INTEGER;
  const spoken = moments.length ? [...cues, ...moments].sort((a, b) => at(a) - at(b)) : cues;
  return {
    ...covered(resolveDraft(fileName, { ...read.draft, transcript: spoken }, meta, problems), setAside),
    titleIfShow: read.titleIfShow ?? null,
  };
}

/** A draft with its meta applied and its times on the episode's clock, validated as an Episode. */
function resolveDraft(
  fileName: string,
  read: EpisodeDraft,
  meta: EpisodeMeta | undefined,
  problems: Problem[],
): Omit<ParsedSource, 'coverage' | 'setAside'> {
  const draft: EpisodeDraft = {
    ...read,
    id: meta?.id ?? read.id ?? slugOf(fileName),
    title: meta?.title ?? read.title,
    show: meta?.show ?? read.show,
    duration: meta?.duration ?? read.duration,
    people: meta?.people ?? read.people,
    insights: read.insights ?? meta?.description ?? null,
    links: [...new Set([...read.links, ...(meta?.links ?? [])])],
    stamps: meta?.chapters?.map((chapter) => ({ ...chapter, line: 1 })) ?? read.stamps,
    videoUrl: meta?.videoUrl ?? read.videoUrl,
    audioUrl: meta?.audioUrl ?? read.audioUrl,
    published: meta?.published ?? read.published,
  };
  const timeline = resolveTimeline(draft);
  problems.push(...timeline.problems);

  const { stamps: _stamps, sections: _sections, moments: _moments, ...fields } = draft;
  const checked = check(
    Episode,
    { ...fields, chapters: timeline.chapters, sections: timeline.sections },
    { file: fileName, line: null, root: 'episode' },
  );
  problems.push(...checked.problems);
  return { episode: checked.data, problems };
}

/**
 * A transcript with no page beside it: an episode of its own, titled by its meta (or yt-dlp info), else
 * by the file's own header (a WebVTT header, an HTML title, a plain text's line above its first cue),
 * else by its stem; never by a cue. No chapters unless its meta gives them; its length as its duration.
 */
export function parseTranscriptEpisode(
  fileName: string,
  content: Buffer | string,
  meta?: EpisodeMeta,
): ParsedSource {
  const read = readTranscript(fileName, content);
  const problems = [...read.problems];
  const covered = (parsed: Omit<ParsedSource, 'coverage' | 'setAside'>) => ({
    ...parsed,
    setAside: read.setAside,
    coverage: transcriptCoverage(fileName, content, read, parsed.episode),
  });
  if (problems.some(isError)) return covered({ episode: null, problems });
  const stem = transcriptStem(basename(fileName)) ?? stemOf(basename(fileName));
  const last = read.cues.at(-1);
  const end = last ? (last.end ?? last.start) : null;
  const draft = draftOf(fileName, 'transcript', {
    title: read.title ?? titleFromStem(stem),
    duration: end === null ? null : Math.ceil(end),
    transcript: read.cues,
  });
  return covered(resolveDraft(fileName, draft, meta, problems));
}

/**
 * A transcript file's coverage: its lines against the episode it became part of, with the lines its
 * reader set aside (`caption:repeat`, `vtt:note`, …) when the reader reports them.
 */
function transcriptCoverage(
  fileName: string,
  content: Buffer | string,
  read: TranscriptRead,
  episode: Episode | null,
): FileCoverage {
  const text = typeof content === 'string' ? content : content.toString('utf8');
  return coverageOf(fileName, transcriptLines(text), read.setAside, episode);
}

/** `003_Deep Dive.txt` (or `003_Deep Dive.transcript.json`) → `003_deep-dive`: an id the schema accepts. */
export function slugOf(fileName: string): string {
  const name = basename(fileName);
  const stem = transcriptStem(name) ?? stemOf(name);
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
 * `only`: read just the files it accepts (an index segment for changed sources takes whole stems).
 */
export async function loadEpisodes(
  episodesDir: string,
  only: (name: string) => boolean = () => true,
): Promise<LoadedSources> {
  const result: LoadedSources = {
    episodes: [],
    rejected: [],
    warnings: [],
    sources: [],
    setAside: [],
    unknown: [],
    coverage: [],
  };
  const entries = (await readdir(episodesDir, { withFileTypes: true }))
    .filter((entry) => only(entry.name))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const runnersUp = new Map<Episode, string>();
  const names = entries.filter((entry) => !entry.isDirectory()).map((entry) => entry.name);
  for (const entry of entries) {
    if (entry.isDirectory())
      nameUnknown(
        entry.name,
        'a folder: episodes are read from the files directly in the episodes folder',
        result,
      );
    else if (!isInputFile(entry.name)) nameUnknown(entry.name, NOT_READ, result);
  }
  const byId = new Map<string, string>();

  const sourceStems = new Set(names.filter(isSourceFile).map(stemOf));
  const transcriptsByStem = new Map<string, string[]>();
  for (const name of names.filter(isTranscriptFile).sort((a, b) => preference(a) - preference(b))) {
    const stem = transcriptStem(name) ?? name;
    transcriptsByStem.set(stem, [...(transcriptsByStem.get(stem) ?? []), name]);
  }
  // A transcript with no page of its stem is read as an episode of its own, in name order with the pages.
  const alone = [...transcriptsByStem]
    .filter(([stem]) => !sourceStems.has(stem))
    .map(([, [first]]) => first as string);
  const present = new Set(names);
  const inputs = [...names.filter(isSourceFile), ...alone].sort().map((name) => {
    const isTranscript = isTranscriptFile(name);
    const stem = isTranscript ? (transcriptStem(name) ?? name) : stemOf(name);
    const metaName = `${stem}${META_SUFFIX}`;
    const infoName = `${stem}${INFO_JSON_SUFFIX}`;
    const [own, ...others] = transcriptsByStem.get(stem) ?? [];
    return {
      name,
      isTranscript,
      metaName,
      meta: present.has(metaName),
      info: present.has(infoName) ? infoName : undefined,
      own: isTranscript ? undefined : own,
      others,
    };
  });
  const completing = new Set(
    inputs.flatMap(({ metaName, meta, info }) => [...(meta ? [metaName] : []), ...(info ? [info] : [])]),
  );
  for (const name of names.filter(isCompletingFile))
    if (!completing.has(name))
      nameUnknown(name, 'no source or transcript of the same stem for it to complete', result);
  // The files in the order they are read below, so reading runs ahead of parsing.
  const read = readAhead(
    episodesDir,
    inputs.flatMap(({ name, isTranscript, metaName, meta, info, own }) => [
      { name, limit: isTranscript ? MAX_TRANSCRIPT_BYTES : MAX_SOURCE_BYTES },
      ...(info !== undefined ? [{ name: info, limit: MAX_SOURCE_BYTES }] : []),
      ...(meta ? [{ name: metaName, limit: MAX_SOURCE_BYTES }] : []),
      ...(own !== undefined ? [{ name: own, limit: MAX_TRANSCRIPT_BYTES }] : []),
    ]),
  );
  for (const { name, isTranscript, metaName, meta: hasMeta, info, own, others } of inputs) {
    const problems: Problem[] = [];
    const content = await read(name, problems);
    if (content !== null) result.sources.push({ file: name, hash: hash(content) });
    // yt-dlp's info completes the episode; its own meta file has the last word.
    const infoMeta = info !== undefined ? await readInfo(read, info, problems, result) : undefined;
    const ownMeta = hasMeta ? await readMeta(read, metaName, problems, result) : undefined;
    const meta = infoMeta || ownMeta ? { ...infoMeta, ...ownMeta } : undefined;
    const beside = own !== undefined ? await readTranscriptFile(read, own, problems, result) : undefined;
    const transcript = beside && beside.read.cues.length > 0 ? beside.read.cues : undefined;
    for (const other of others) {
      problems.push({
        file: other,
        line: null,
        message: `${own} is already this episode's transcript; one transcript per episode (preferred: ${TRANSCRIPT_SUFFIXES.join(', ')}), ignored`,
        severity: 'warning',
      });
    }

    const parsed =
      content === null || problems.some(isError)
        ? null
        : isTranscript
          ? parseTranscriptEpisode(name, content, meta)
          : parseSource(name, content, meta, transcript);
    if (parsed) problems.push(...parsed.problems);
    if (parsed) {
      result.coverage.push(parsed.coverage);
      result.setAside.push(...parsed.setAside);
    }
    const episode = parsed?.episode ?? null;
    if (beside && own !== undefined)
      result.coverage.push(transcriptCoverage(own, beside.content, beside.read, episode));
    if (episode && parsed?.titleIfShow) runnersUp.set(episode, parsed.titleIfShow);
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
  retitleShows(result.episodes, runnersUp);
  return result;
}

const isError = (problem: Problem) => problem.severity === 'error';
const preference = (name: string) =>
  TRANSCRIPT_SUFFIXES.findIndex((suffix) => name.toLowerCase().endsWith(suffix));

/**
 * The cues of a page's transcript file. A transcript that cannot be read does not cost the episode
 * its page: its problems are kept as warnings and the episode has no transcript.
 */
async function readTranscriptFile(
  read: BoundedRead,
  name: string,
  problems: Problem[],
  result: LoadedSources,
): Promise<{ read: TranscriptRead; content: Buffer } | undefined> {
  const found: Problem[] = [];
  const content = await read(name, found);
  if (content !== null) result.sources.push({ file: name, hash: hash(content) });
  const transcript = content === null ? null : readTranscript(name, content);
  found.push(...(transcript?.problems ?? []));
  result.setAside.push(...(transcript?.setAside ?? []));
  problems.push(...found.map((problem) => ({ ...problem, severity: 'warning' as const })));
  return content !== null && transcript ? { read: transcript, content } : undefined;
}
const hash = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/** A file's content, or null with a problem saying why (too large, unreadable). */
type BoundedRead = (name: string, problems: Problem[]) => Promise<Buffer | null>;

/** Files read at once, ahead of the one being parsed: one after another, the waits were a quarter of loading. */
const READ_AHEAD = 16;

/**
 * Reads `files` in order, each only when within its size limit (a huge file costs a stat, not memory),
 * up to READ_AHEAD of them ahead of the one asked for.
 */
function readAhead(dir: string, files: readonly { name: string; limit: number }[]): BoundedRead {
  type Outcome = { content: Buffer } | { problem: string };
  const started = new Map<string, Promise<Outcome>>();
  const limits = new Map(files.map(({ name, limit }) => [name, limit]));
  let next = 0;
  const start = (name: string, limit: number): Promise<Outcome> =>
    (async () => {
      try {
        const { size } = await stat(join(dir, name));
        if (size > limit)
          return {
            problem: `file is ${size} bytes; the limit is ${limit} bytes (${limit / 1024 / 1024} MB)`,
          };
        return { content: await readFile(join(dir, name)) };
      } catch (err) {
        return { problem: `cannot read: ${(err as Error).message}` };
      }
    })();
  return async (name, problems) => {
    for (; next < files.length && started.size < READ_AHEAD; next++) {
      const file = files[next] as { name: string; limit: number };
      started.set(file.name, start(file.name, file.limit));
    }
    const outcome = await (started.get(name) ?? start(name, limits.get(name) ?? MAX_SOURCE_BYTES));
    started.delete(name);
    if ('content' in outcome) return outcome.content;
    problems.push({ file: name, line: null, message: outcome.problem, severity: 'error' });
    return null;
  };
}

async function readMeta(
  read: BoundedRead,
  name: string,
  problems: Problem[],
  result: LoadedSources,
): Promise<EpisodeMeta | undefined> {
  const content = await read(name, problems);
  if (content === null) return undefined;
  result.sources.push({ file: name, hash: hash(content) });
  const meta = checkJson(EpisodeMeta, content.toString('utf8'), {
    file: name,
    line: null,
    root: 'meta',
    expected:
      '{id?, title?, show?, published?, duration?, people?, chapters?: [{title, start}], description?, links?, videoUrl?, audioUrl?}',
  });
  problems.push(...meta.problems);
  return meta.data ?? undefined;
}

/** yt-dlp's `<stem>.info.json`: a warning, never a refusal, when it cannot be read. */
async function readInfo(
  read: BoundedRead,
  name: string,
  problems: Problem[],
  result: LoadedSources,
): Promise<EpisodeMeta | undefined> {
  const found: Problem[] = [];
  const content = await read(name, found);
  if (content !== null) result.sources.push({ file: name, hash: hash(content) });
  const info = content === null ? null : readYtDlpInfo(name, content.toString('utf8'));
  found.push(...(info?.problems ?? []));
  problems.push(...found.map((problem) => ({ ...problem, severity: 'warning' as const })));
  return info?.meta ?? undefined;
}

const NOT_READ = `not an episode source (${SOURCE_EXTENSIONS.join(', ')}), meta file (${META_SUFFIX}), transcript (${TRANSCRIPT_SUFFIXES.join(', ')}) or yt-dlp ${INFO_JSON_SUFFIX}`;

/** A meta or yt-dlp info file: it completes the episode of its stem. */
const isCompletingFile = (name: string) => name.endsWith(META_SUFFIX) || name.endsWith(INFO_JSON_SUFFIX);

/** A file or folder that nothing reads is named, with a warning a moderator sees. */
function nameUnknown(name: string, reason: string, result: LoadedSources): void {
  result.unknown.push({ file: name, reason });
  result.warnings.push({ file: name, line: null, message: `${reason}; not read`, severity: 'warning' });
}
