import { newestFirst } from '../episodes/order.js';
import type { Episode } from '../episodes/schema.js';
import { formatStamp } from '../episodes/time.js';
import { type FeedImportOptions, type ImportOptions, importFeedItems } from '../feeds/import.js';
import type { Passage } from '../passages/passage.js';
import { type BuildOptions, pathsOf, rebuildIndex, refreshIndex } from '../index/build.js';
import { mergePlan } from '../index/merge.js';
import { inChild } from '../index/rebuildInChild.js';
import { SegmentedIndex } from '../index/segmented.js';
import {
  type SegmentContent,
  type SourceStamp,
  type StoredIndex,
  liveEpisodes,
  readIndexFile,
} from '../index/store.js';
import { MAX_QUESTION_CHARS } from '../text/question.js';
import { type AnswerEngine, ReindexInProgressError } from './engine.js';
import { recordVote } from './feedback.js';
import { addSource, requireDataDir } from './sources.js';
import type { AddedSource, Answer, ImportReport, ReindexReport, SourceUpload, Vote } from './schema.js';
import { AskOptions } from './schema.js';
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
    index: SegmentedIndex;
    episodes: Episode[];
    byId: Map<string, Episode>;
    stored: StoredIndex;
    /** Read on every autocomplete keystroke; the catalogue changes only with a swap. */
    facts?: CatalogueFacts;
  };
  private rebuilding: Promise<ReindexReport> | null = null;
  private importing = false;
  private swapping: Promise<void> = Promise.resolve();
  private merging: Promise<void> | null = null;
  private readonly warming: Promise<void>;

  private constructor(
    private readonly options: LibraryOptions,
    stored: StoredIndex,
    index: SegmentedIndex,
  ) {
    this.current = EpisodeLibrary.state(stored, index);
    this.warming = this.warmed(index);
    // A long-running process also merges what earlier commands left unmerged.
    if (options.warm) this.mergeInBackground();
  }

  /** Warms an index when `warm` is set; a failure costs only speed, so it is logged, never thrown. */
  private async warmed(index: SegmentedIndex): Promise<void> {
    if (!this.options.warm) return;
    await index.warm().catch((err: unknown) => this.options.logger.warn({ err }, 'warming the index failed'));
  }

  /** Settles when the index opened is warm (at once unless `warm`); questions are answered meanwhile. */
  warmedUp(): Promise<void> {
    return this.warming;
  }

  /**
   * Opens the stored index when it matches the sources; when sources changed, indexes only them as a
   * new segment; when it is missing, corrupt or built otherwise, rebuilds it (saying why).
   */
  static async open(options: LibraryOptions): Promise<EpisodeLibrary> {
    await requireDataDir(options.dataDir);
    const stored = await refreshIndex(options);
    return new EpisodeLibrary(options, stored, SegmentedIndex.of(stored.segments));
  }

  /** Builds the index from the sources whatever is on disk, and writes it (one segment). */
  static async rebuild(options: LibraryOptions, inputs?: SourceStamp[]): Promise<EpisodeLibrary> {
    await requireDataDir(options.dataDir);
    const stored = await rebuildIndex(options, inputs);
    return new EpisodeLibrary(options, stored, SegmentedIndex.of(stored.segments));
  }

  /** What the last build indexed and refused. */
  get report(): ReindexReport {
    const { manifest } = this.current.stored;
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
    const asked = index.search(question, filter);
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
      results: outcome.hits.slice(offset, offset + limit).map(({ passage, ...hit }) => ({
        passageId: passage.id,
        episodeId: passage.episodeId,
        episodeTitle: passage.episodeTitle,
        kind: passage.kind,
        section: passage.section,
        text: passage.text,
        start: passage.start,
        end: passage.end,
        approximate: passage.approximate,
        timestamp: passage.start === null ? null : formatStamp(passage.start),
        url: passage.url,
        score: Math.round(hit.score * 1000) / 1000,
        ...withQuote(passage, index.highlight({ passage, ...hit })),
      })),
    });
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
    this.current.facts ??= catalogueFacts(this.current.episodes, this.current.index.passageCount);
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
      // The child publishes first: if anything fails, the old index keeps serving and its files stay whole.
      await inChild(this.options.dataDir, 'refresh');
      await this.swapToPublished();
      this.mergeInBackground();
      return { ...this.report, tookMs: Math.round(performance.now() - started) };
    })().finally(() => {
      this.rebuilding = null;
    });
    return this.rebuilding;
  }

  /**
   * Swaps to the manifest published last, reusing the segments already open: only new segments are
   * read, cooperatively, and warmed before the swap. Swaps run one after another, each reading the
   * newest manifest, so a slow one never swaps an older index over a newer.
   */
  private swapToPublished(): Promise<void> {
    this.swapping = this.swapping.then(async () => {
      const open = new Map<string, SegmentContent>(
        this.current.stored.segments.map((segment) => [segment.entry.file, segment]),
      );
      const read = await readIndexFile(pathsOf(this.options.dataDir).index, { cooperative: true, open });
      if ('reason' in read) throw new Error(`the published index cannot be read: ${read.reason}`);
      const index = await SegmentedIndex.load(read.file.segments);
      await this.warmed(index);
      this.current = EpisodeLibrary.state(read.file, index);
    });
    const swapped = this.swapping;
    // A failed swap leaves the current index serving; the next swap still runs.
    this.swapping = swapped.catch(() => {});
    return swapped;
  }

  /**
   * Merges segments in a child process when the merge policy asks (`mergePlan`), then swaps to the
   * merged index; answers go on from the current one meanwhile. A failure is logged: the segments
   * keep serving, and the next reindex tries again.
   */
  private mergeInBackground(): void {
    if (this.merging || !mergePlan(this.current.stored.segments)) return;
    this.merging = inChild(this.options.dataDir, 'merge')
      .then(() => this.swapToPublished())
      .catch((err: unknown) => this.options.logger.warn({ err }, 'merging index segments failed'))
      .finally(() => {
        this.merging = null;
      });
  }

  /** Settles when no background merge runs (at once when none was started). */
  async mergesSettled(): Promise<void> {
    while (this.merging) await this.merging;
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

  private static state(stored: StoredIndex, index: SegmentedIndex) {
    const episodes = newestFirst(stored.segments.flatMap(liveEpisodes));
    return { stored, index, episodes, byId: new Map(episodes.map((e) => [e.id, e])) };
  }
}

/** The marks, and for a passage too long to show whole (a transcript window), its quote. */
function withQuote(passage: Passage, marks: [number, number][]) {
  return passage.text.length > QUOTE_WHOLE_CHARS ? { marks, quote: quoteOf(passage, marks) } : { marks };
}
