import { newestFirst } from '../episodes/order.js';
import type { Episode } from '../episodes/schema.js';
import { formatStamp } from '../episodes/time.js';
import { type FeedImportOptions, type ImportOptions, importFeedItems } from '../feeds/import.js';
import { EpisodeIndex, type SearchHit } from '../index/EpisodeIndex.js';
import { type WordVectors, gloveVectors, gloveVectorsRead } from '../index/meaning/glove.js';
import { Meaning } from '../index/meaning/meaning.js';
import { type Passage, momentUrl } from '../passages/passage.js';
import { answerMoment } from './moment.js';
import { type BuildOptions, buildIndexFile, pathsOf } from '../index/build.js';
import { rebuildInChild } from '../index/rebuildInChild.js';
import { type IndexFile, hashInputs, readIndexFile, staleness, writeIndexFile } from '../index/store.js';
import { MAX_QUESTION_CHARS } from '../text/question.js';
import { type AnswerEngine, ReindexInProgressError } from './engine.js';
import { recordVote } from './feedback.js';
import { addSource, requireDataDir } from './sources.js';
import type { AddedSource, Answer, ImportReport, ReindexReport, SourceUpload, Vote } from './schema.js';
import { AskOptions } from './schema.js';
import { catalogueSpeakers, orderByIntent, readIntent } from './intent.js';
import type { Speaker } from '../text/speakers.js';
import { catalogueFacts, resolveFilter } from '../timeline/filters.js';
import { QUOTE_WHOLE_CHARS, quoteOf } from '../timeline/quote.js';
import type { CatalogueFacts, EpisodeFilter, Moment, PersonEpisode, Timeline } from '../timeline/schema.js';
import { episodesWith, relatedMoments, timelineOf } from '../timeline/timeline.js';

export interface LibraryOptions extends BuildOptions {
  /** `ALLOW_PRIVATE_FEEDS`: feeds may be fetched from loopback, private and link-local addresses. Default false. */
  allowPrivateFeeds?: ImportOptions['allowPrivate'];
  /**
   * A long-running process: each index is warmed (`EpisodeIndex.warm`) in the background after opening,
   * and before a rebuilt one is swapped in, so no asker pays for its first questions. Default false (a
   * terminal command asks once and exits).
   */
  warm?: boolean;
}

/**
 * A spelling correction is answered in place of the question only when its best passage matches all
 * of it: a partial match of a changed question ("chipotle quarter earnings" matching only "quarter
 * earnings") is more likely another question than what was meant, so it stays a suggestion.
 */
const CORRECTION_COVERAGE = 0.999;

/**
 * The engine: the episodes and their index, answering questions. It loads the stored index when that
 * still matches the sources, and rebuilds it (saying why) when it is missing, corrupt or stale.
 * A rebuild never interrupts answers: they come from the current index until the new one is swapped in.
 */
export class EpisodeLibrary implements AnswerEngine {
  private current: {
    index: EpisodeIndex;
    episodes: Episode[];
    byId: Map<string, Episode>;
    file: IndexFile;
    /** Read on every autocomplete keystroke; the catalogue changes only with a swap. */
    facts?: CatalogueFacts;
    /** The catalogue's people, as a question may name them as speakers; made at the first question. */
    speakers?: Speaker[];
    /** Word vectors over this index (null without the GloVe package); made at the first question. */
    meaning?: Meaning | null;
  };
  private rebuilding: Promise<ReindexReport> | null = null;
  private importing = false;
  private readonly warming: Promise<void>;

  private constructor(
    private readonly options: LibraryOptions,
    file: IndexFile,
    index: EpisodeIndex,
  ) {
    this.current = EpisodeLibrary.state(file, index);
    // Without warming (a command, a test), the vectors are read before the first question is taken.
    if (!options.warm) readVectorsOrNull(options.logger);
    this.warming = this.warmed(index);
  }

  /** Warms an index when `warm` is set; a failure costs only speed, so it is logged, never thrown. */
  private async warmed(index: EpisodeIndex): Promise<void> {
    if (!this.options.warm) return;
    await index.warm().catch((err: unknown) => this.options.logger.warn({ err }, 'warming the index failed'));
    // Word vectors are read once per process (0.2 s; 7 s the first time on a machine, packing them).
    readVectorsOrNull(this.options.logger);
  }

  /** Settles when the index opened is warm (at once unless `warm`); questions are answered meanwhile. */
  warmedUp(): Promise<void> {
    return this.warming;
  }

  static async open(options: LibraryOptions): Promise<EpisodeLibrary> {
    await requireDataDir(options.dataDir);
    const paths = pathsOf(options.dataDir);
    const stored = await readIndexFile(paths.index);
    // Sources whose size and time are as recorded keep their recorded hash: only changes are read.
    const previous = 'file' in stored ? stored.file.manifest.sources : [];
    const inputs = await hashInputs(paths.episodes, paths.aliases, previous);
    const reason = 'file' in stored ? staleness(stored.file.manifest, inputs) : stored.reason;
    if ('file' in stored && reason === null) {
      return new EpisodeLibrary(options, stored.file, EpisodeIndex.fromParts(stored.file.index));
    }
    options.logger.info({ reason }, `rebuilding the index: ${reason}`);
    return EpisodeLibrary.rebuild(options, inputs);
  }

  /** Builds the index from the sources whatever is on disk, and writes it. */
  static async rebuild(
    options: LibraryOptions,
    inputs?: Awaited<ReturnType<typeof hashInputs>>,
  ): Promise<EpisodeLibrary> {
    await requireDataDir(options.dataDir);
    const built = await buildIndexFile(options, inputs);
    await writeIndexFile(pathsOf(options.dataDir).index, built.file);
    return new EpisodeLibrary(options, built.file, built.index);
  }

  /** What the last build indexed and refused. */
  get report(): ReindexReport {
    const { manifest } = this.current.file;
    return {
      episodes: manifest.counts.episodes,
      passages: manifest.counts.passages,
      rejected: manifest.rejected,
      warnings: manifest.warnings,
      tookMs: 0,
    };
  }

  ask(question: string, options: AskOptions = {}): Answer {
    const started = performance.now();
    const answer = (fields: Partial<Answer>): Answer => ({
      query: question.slice(0, MAX_QUESTION_CHARS),
      results: [],
      total: 0,
      suggestions: [],
      notice: null,
      showingResultsFor: null,
      ...fields,
      tookMs: Math.round((performance.now() - started) * 100) / 100,
    });
    const filtered = resolveFilter(this.current.episodes, options);
    if (filtered.notice !== null) return answer({ notice: filtered.notice });
    const { limit, offset, episodeId } = AskOptions.parse(options);
    if (episodeId !== undefined && !this.current.byId.has(episodeId)) {
      return answer({
        notice: `No episode "${episodeId}". Episodes: ${[...this.current.byId.keys()].join(', ')}.`,
      });
    }
    const { index } = this.current;
    const scope =
      episodeId === undefined
        ? filtered.episodes
        : new Set([episodeId].filter((id) => filtered.episodes?.has(id) ?? true));
    if (scope?.size === 0)
      return answer({ notice: `Episode "${episodeId}" is not among the filter's episodes.` });
    const filter = scope === undefined ? {} : { episodes: scope };
    this.current.speakers ??= catalogueSpeakers(this.current.episodes, index.parts.lexicon.aliases);
    const intent = readIntent(question, this.current.speakers);
    const searched = index.search(intent.text, filter);
    // A question of only position or speaker words ("what did they say at the very start") is searched whole.
    const asked =
      searched.notice !== null && intent.text !== question ? index.search(question, filter) : searched;
    // A typo that finds nothing ("nvdia earnings"), whose correction does: answer the correction and say so.
    const { correction } = asked;
    const corrected = correction === null ? null : index.search(correction, filter);
    const outcome =
      (corrected?.hits[0]?.coverage ?? 0) >= CORRECTION_COVERAGE && corrected ? corrected : asked;
    const unmatched = outcome.hits.length === 0 && outcome.notice === null && filtered.label !== null;
    return answer({
      total: outcome.hits.length,
      suggestions: outcome === asked ? asked.suggestions : [],
      notice: unmatched
        ? `Nothing in the episodes of the filter ${filtered.label} matches "${question.slice(0, MAX_QUESTION_CHARS)}".`
        : outcome.notice,
      showingResultsFor: outcome === asked ? null : correction,
      results: orderByIntent(this.byMeaning(intent.text, outcome.hits), intent, (id) =>
        this.current.byId.get(id),
      )
        .slice(offset, offset + limit)
        .map((hit) => this.result(hit)),
    });
  }

  /** A hit as a result; a transcript window starts at its cue that says the matched words (`answerMoment`). */
  private result({ passage, ...hit }: SearchHit) {
    const marks = this.current.index.highlight({ passage, ...hit });
    const episode = this.current.byId.get(passage.episodeId);
    const moment = episode ? answerMoment(passage, marks, episode.transcript) : null;
    const start = moment ?? passage.start;
    return {
      passageId: passage.id,
      episodeId: passage.episodeId,
      episodeTitle: passage.episodeTitle,
      kind: passage.kind,
      section: passage.section,
      text: passage.text,
      start,
      end: passage.end,
      approximate: passage.approximate,
      timestamp: start === null ? null : formatStamp(start),
      url: moment === null || moment === passage.start || !episode ? passage.url : momentUrl(episode, moment),
      score: Math.round(hit.score * 1000) / 1000,
      ...withQuote(passage, marks),
    };
  }

  /**
   * The hits reordered by meaning where words found them equally (see `meaning/meaning.ts`). A warmed
   * library reads the vectors while warming, so no question waits for them: until then, words alone.
   */
  private byMeaning(question: string, hits: readonly SearchHit[]): readonly SearchHit[] {
    if (this.current.meaning === undefined) {
      const vectors = this.options.warm ? gloveVectorsRead() : readVectorsOrNull(this.options.logger);
      if (vectors === undefined) return hits;
      this.current.meaning = vectors === null ? null : new Meaning(this.current.index, vectors);
    }
    return this.current.meaning === null ? hits : this.current.meaning.order(question, hits);
  }

  timeline(topic: string, filter: EpisodeFilter = {}): Timeline {
    const started = performance.now();
    const { index, episodes, byId } = this.current;
    const timeline = timelineOf(index, byId, topic, resolveFilter(episodes, filter));
    return { ...timeline, tookMs: Math.round((performance.now() - started) * 100) / 100 };
  }

  related(question: string, passageId: string): Moment[] {
    return relatedMoments(this.current.index, this.current.byId, question, passageId);
  }

  episodesWith(name: string): PersonEpisode[] {
    return episodesWith(this.current.episodes, name);
  }

  facts(): CatalogueFacts {
    this.current.facts ??= catalogueFacts(this.current.episodes, this.current.index.parts.passages.length);
    return this.current.facts;
  }

  episodes(): readonly Episode[] {
    return this.current.episodes;
  }

  episode(id: string): Episode | undefined {
    return this.current.byId.get(id);
  }

  reindex(): Promise<ReindexReport> {
    if (this.rebuilding || this.importing) return Promise.reject(new ReindexInProgressError());
    const started = performance.now();
    this.rebuilding = (async () => {
      // The child persists first: if anything fails, the old index keeps serving and its file stays whole.
      const file = await rebuildInChild(this.options.dataDir);
      const index = await EpisodeIndex.load(file.index);
      await this.warmed(index);
      this.current = EpisodeLibrary.state(file, index);
      return { ...this.report, tookMs: Math.round(performance.now() - started) };
    })().finally(() => {
      this.rebuilding = null;
    });
    return this.rebuilding;
  }

  addSource(upload: SourceUpload): Promise<AddedSource> {
    return addSource(this.options.dataDir, upload, this.current.episodes);
  }

  recordVote(vote: Vote): Promise<void> {
    return recordVote(this.options.dataDir, vote);
  }

  async importFeed(source: string, options: FeedImportOptions = {}): Promise<ImportReport> {
    if (this.rebuilding || this.importing) throw new ReindexInProgressError();
    this.importing = true;
    let feed;
    try {
      feed = await importFeedItems(source, {
        ...options,
        dataDir: this.options.dataDir,
        allowPrivate: this.options.allowPrivateFeeds ?? false,
      });
    } finally {
      this.importing = false;
    }
    const changed = feed.counts.imported + feed.counts.updated > 0;
    // A rebuild started by someone else since the writes already reads them.
    return { ...feed, index: changed ? await (this.rebuilding ?? this.reindex()) : null };
  }

  private static state(file: IndexFile, index: EpisodeIndex) {
    const episodes = newestFirst(file.episodes);
    return { file, index, episodes, byId: new Map(episodes.map((e) => [e.id, e])) };
  }
}

/** The word vectors, or null (no package, or unreadable: logged) when answers go by words alone. */
function readVectorsOrNull(logger: LibraryOptions['logger']): WordVectors | null {
  try {
    return gloveVectors();
  } catch (err) {
    logger.warn({ err }, 'reading the word vectors failed: answers are ordered by words alone');
    return null;
  }
}

/** The marks, and for a passage too long to show whole (a transcript window), its quote. */
function withQuote(passage: Passage, marks: [number, number][]) {
  return passage.text.length > QUOTE_WHOLE_CHARS ? { marks, quote: quoteOf(passage, marks) } : { marks };
}
