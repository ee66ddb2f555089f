import { newestFirst } from '../episodes/order.js';
import type { Episode } from '../episodes/schema.js';
import { formatStamp } from '../episodes/time.js';
import { type ImportOptions, importFeedItems } from '../feeds/import.js';
import type { SearchHit } from '../index/EpisodeIndex.js';
import { PassageEmbeddings, QuestionEmbeddings, embedPassages } from '../index/meaning/embedded.js';
import type { EmbeddingsSettings } from '../index/meaning/endpoint.js';
import { Meaning } from '../index/meaning/meaning.js';
import { meaningInSteps, meaningOf } from '../index/meaning/catalogue.js';
import { type Passage, buildPassages, hitMoment } from '../passages/passage.js';
import { type BuildOptions, pathsOf, rebuildIndex, refreshIndex } from '../index/build.js';
import { mergePlan } from '../index/merge.js';
import { inChild, prepareRefreshes } from '../index/rebuildInChild.js';
import { SegmentedIndex } from '../index/segmented.js';
import {
  type SegmentContent,
  type SourceStamp,
  type StoredIndex,
  liveEpisodes,
  readIndexFile,
} from '../index/store.js';
import { MAX_QUESTION_CHARS } from '../text/question.js';
import { type AnswerEngine, type EngineImportOptions, ReindexInProgressError } from './engine.js';
import { addSource, requireDataDir } from './sources.js';
import type { AddedSource, Answer, ImportReport, ReindexReport, SourceUpload } from './schema.js';
import { AskOptions, Vote } from './schema.js';
import { runCooperatively } from '../index/cooperative.js';
import { catalogueSpeakers, orderByIntent, readIntent, speakersInSteps } from './intent.js';
import { AGREEMENT_DEPTH, type Evidence, evidenceOf, refusesAnswer } from './noAnswer.js';
import { questionTerms } from '../index/question.js';
import type { Scope, StateStore } from '../state/store.js';
import type { Speaker } from '../text/speakers.js';
import { type Resolved, catalogueFacts, resolveFilter } from '../timeline/filters.js';
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
  /**
   * The database (src/state/): where votes are kept and the importer remembers its validators. A
   * library without one (a terminal command) keeps the importer's memory in `feeds.json`.
   */
  state?: StateStore;
  /**
   * `EMBEDDINGS_URL` and its settings: passages are embedded when an index is opened or rebuilt, and
   * questions before they are answered (docs/embeddings.md). Unset: words and GloVe alone.
   */
  embeddings?: EmbeddingsSettings;
  /** False: answers ordered by words alone, no vectors read (to measure what meaning costs). Default true. */
  meaning?: boolean;
  /** Told the no-answer evidence of every question that found passages (to dump it: `src/evaluation/evidence.ts`). */
  onEvidence?: (question: string, evidence: Evidence) => void;
}

/** The catalogue as one asker sees it: every episode, or those of a scope, over the one index. */
interface View {
  index: SegmentedIndex;
  episodes: Episode[];
  byId: Map<string, Episode>;
  /** The scope's episode ids, or undefined when the view is the whole catalogue. */
  ids: ReadonlySet<string> | undefined;
  /** Read on every autocomplete keystroke; the catalogue changes only with a swap. */
  facts?: CatalogueFacts;
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
  private current: View & {
    stored: StoredIndex;
    /** The catalogue's people, as a question may name them as speakers; made while warming, or at the first question. */
    speakers?: Speaker[];
    /** Word vectors over this index and the embedded passages; made at the first question, or while warming. */
    meaning?: Meaning;
  };
  /** Each scope's view of the current index, made once per scope object and index. */
  private readonly views = new WeakMap<Scope, { of: View; view: View }>();
  private rebuilding: Promise<ReindexReport> | null = null;
  private importing = false;
  /** Swaps run one after another, each to the manifest published last. */
  private swapping: Promise<unknown> = Promise.resolve();
  /** An adoption queued behind the swap running: calls made meanwhile share it. */
  private queuedAdoption: Promise<boolean> | null = null;
  private merging: Promise<void> | null = null;
  private readonly warming: Promise<void>;
  /** Passages' vectors from the embeddings endpoint (`DATA_DIR/embeddings.bin`), when configured. */
  private embedded: PassageEmbeddings | null = null;
  /** Embedding passages: one run at a time, each over the index served when it starts. */
  private embedding: Promise<void> = Promise.resolve();
  private readonly questions: QuestionEmbeddings | null;

  private constructor(
    private readonly options: LibraryOptions,
    stored: StoredIndex,
    index: SegmentedIndex,
    /** Whether this process publishes indexes (and so merges them); a shard only adopts them. */
    private readonly publishes = true,
  ) {
    this.current = EpisodeLibrary.state(stored, index);
    this.questions = options.embeddings ? new QuestionEmbeddings(options.embeddings, options.logger) : null;
    this.embedPassagesInTurn();
    // Without warming (a command, a test), the vectors are read before the first question is taken.
    if (!options.warm) this.current.meaning = this.meaningOf(index);
    this.warming = this.warmed(index).then(async (meaning) => {
      if (meaning && this.current.index === index) this.current.meaning = meaning;
      if (options.warm) await this.readySpeakers(this.current);
    });
    // A long-running process also merges what earlier commands left unmerged, and readies its
    // refresh child so a new episode is indexed at once.
    if (options.warm) this.mergeInBackground();
    if (options.warm && publishes)
      prepareRefreshes(options.dataDir).catch((err: unknown) =>
        options.logger.warn({ err }, 'starting the index refresh child failed'),
      );
  }

  /**
   * Warms an index when `warm` is set, and makes its meaning; a failure costs only speed, so it is
   * logged, never thrown.
   */
  private async warmed(index: SegmentedIndex): Promise<Meaning | undefined> {
    if (!this.options.warm) return undefined;
    await index.warm().catch((err: unknown) => this.options.logger.warn({ err }, 'warming the index failed'));
    // The catalogue's word vectors, a slice at a time (7 s at once the first time on a machine, packing them).
    if (this.options.meaning === false) return new Meaning(index, null);
    const meaning = await meaningInSteps(index, this.embedded, this.options.logger);
    // Passages embedded meanwhile are read too.
    return meaning.withEmbedded(this.embedded);
  }

  /**
   * Makes a served state's speakers a slice at a time, so no question pays for them (a question asked
   * before they are ready makes them at once). Never rejects: without them, questions make their own.
   */
  private async readySpeakers(state: EpisodeLibrary['current']): Promise<void> {
    try {
      const speakers = await runCooperatively(speakersInSteps(state.episodes, state.index.aliases));
      state.speakers ??= speakers;
    } catch (err) {
      this.options.logger.warn({ err }, "reading the catalogue's speakers failed");
    }
  }

  private meaningOf(index: SegmentedIndex): Meaning {
    return this.options.meaning === false
      ? new Meaning(index, null)
      : meaningOf(index, this.embedded, this.options.logger);
  }

  /**
   * Embeds the passages of the index served that the embeddings file lacks (only the publishing
   * process; the others read the file), after any run before; then answers use them. Never rejects.
   */
  private embedPassagesInTurn(): Promise<void> {
    const settings = this.options.embeddings;
    if (!settings) return this.embedding;
    const { dataDir, logger } = this.options;
    this.embedding = this.embedding.then(async () => {
      const served = this.current;
      const stored = this.publishes
        ? await embedPassages(dataDir, served.episodes.flatMap(buildPassages), settings, logger).catch(
            (err: unknown) => {
              logger.warn({ err }, 'embedding passages failed: answers are ordered without them');
              return PassageEmbeddings.open(dataDir, settings);
            },
          )
        : PassageEmbeddings.open(dataDir, settings);
      this.embedded?.close();
      this.embedded = stored;
      if (this.current.meaning) this.current.meaning = this.current.meaning.withEmbedded(stored);
    });
    return this.embedding;
  }

  /**
   * Embeds questions at the embeddings endpoint (when one is configured) so that asking them fuses
   * their meaning; a listener waits at most 1.5 s, and a failure only leaves them to words.
   */
  embedQuestions(questions: readonly string[]): Promise<void> {
    return this.questions?.embed(questions) ?? Promise.resolve();
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
    return new EpisodeLibrary(options, stored, SegmentedIndex.of(stored.segments)).embeddedUnlessWarm();
  }

  /** This library once its passages are embedded, unless it is warmed (a bot answers meanwhile). */
  private async embeddedUnlessWarm(): Promise<this> {
    if (!this.options.warm) await this.embedding;
    return this;
  }

  /**
   * Opens the index published on disk as it is, never building one: a shard process, which only
   * answers, while one other process builds and publishes (and merges). Rejects, saying why, when no
   * whole index is published (none yet, half written, of another format).
   */
  static async openPublished(options: LibraryOptions): Promise<EpisodeLibrary> {
    await requireDataDir(options.dataDir);
    const path = pathsOf(options.dataDir).index;
    const stored = await readIndexFile(path);
    if (!('file' in stored)) throw new Error(`no whole index is published at ${path}: ${stored.reason}`);
    return new EpisodeLibrary(
      options,
      stored.file,
      SegmentedIndex.of(stored.file.segments),
      false,
    ).embeddedUnlessWarm();
  }

  /** Builds the index from the sources whatever is on disk, and writes it (one segment). */
  static async rebuild(options: LibraryOptions, inputs?: SourceStamp[]): Promise<EpisodeLibrary> {
    await requireDataDir(options.dataDir);
    const stored = await rebuildIndex(options, inputs);
    return new EpisodeLibrary(options, stored, SegmentedIndex.of(stored.segments)).embeddedUnlessWarm();
  }

  /** What the last build indexed and refused. */
  get report(): ReindexReport {
    const { manifest } = this.current.stored;
    return {
      episodes: manifest.counts.episodes,
      passages: manifest.counts.passages,
      rejected: manifest.rejected,
      warnings: manifest.warnings,
      coverage: manifest.coverage ?? null,
      tookMs: 0,
    };
  }

  ask(question: string, options: AskOptions = {}): Answer {
    return this.askIn(this.current, question, options);
  }

  private askIn(view: View, question: string, options: AskOptions): Answer {
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
    const filtered = filterIn(view, options);
    if (filtered.notice !== null) return answer({ notice: filtered.notice });
    const { limit, offset, episodeId } = AskOptions.parse(options);
    if (episodeId !== undefined && !view.byId.has(episodeId)) {
      return answer({
        notice: `No episode "${episodeId}". Episodes: ${[...view.byId.keys()].join(', ')}.`,
      });
    }
    const { index } = view;
    const scope =
      episodeId === undefined
        ? filtered.episodes
        : new Set([episodeId].filter((id) => filtered.episodes?.has(id) ?? true));
    if (scope?.size === 0)
      return answer({ notice: `Episode "${episodeId}" is not among the filter's episodes.` });
    const filter = scope === undefined ? {} : { episodes: scope };
    this.current.speakers ??= catalogueSpeakers(this.current.episodes, index.aliases);
    const intent = readIntent(question, this.current.speakers, this.current.episodes);
    // An episode the question names is where to look; if nothing there matches, the whole scope is.
    const named = intent.episodes.filter((id) => scope?.has(id) ?? true);
    const inNamed = named.length > 0 ? index.search(intent.text, { episodes: new Set(named) }) : null;
    const searched =
      inNamed !== null && inNamed.hits.length > 0 ? inNamed : index.search(intent.text, filter);
    // A question of only position or speaker words ("what did they say at the very start") is searched whole.
    const asked =
      searched.notice !== null && intent.text !== question ? index.search(question, filter) : searched;
    // A typo that finds nothing ("nvdia earnings"), whose correction does: answer the correction and say so.
    const { correction } = asked;
    const corrected = correction === null ? null : index.search(correction, filter);
    const found = (corrected?.hits[0]?.coverage ?? 0) >= CORRECTION_COVERAGE && corrected ? corrected : asked;
    const evidence = this.evidence(
      found === corrected ? (correction ?? question) : asked === searched ? intent.text : question,
      found.hits,
      question,
    );
    const outcome = evidence !== null && refusesAnswer(evidence) ? { ...found, hits: [] } : found;
    const unmatched = outcome.hits.length === 0 && outcome.notice === null && filtered.label !== null;
    return answer({
      total: outcome.hits.length,
      suggestions: found === asked ? asked.suggestions : [],
      notice: unmatched
        ? `Nothing in the episodes of the filter ${filtered.label} matches "${question.slice(0, MAX_QUESTION_CHARS)}".`
        : outcome.notice,
      showingResultsFor: found === asked ? null : correction,
      results: orderByIntent(this.byMeaning(intent.text, outcome.hits, question), intent, (id) =>
        view.byId.get(id),
      )
        .slice(offset, offset + limit)
        .map((hit) => this.result(view, hit)),
    });
  }

  /** A hit as a result; a transcript window starts at its cue that says the matched words (`hitMoment`). */
  private result(view: View, { passage, ...hit }: SearchHit) {
    const marks = view.index.highlight({ passage, ...hit });
    const { start, url } = hitMoment(passage, marks, view.byId.get(passage.episodeId));
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
      url,
      score: Math.round(hit.score * 1000) / 1000,
      ...withQuote(passage, marks),
    };
  }

  /** The no-answer evidence of the hits a question found (`noAnswer.ts`), told to `onEvidence`; null without hits. */
  private evidence(searched: string, hits: readonly SearchHit[], asked: string): Evidence | null {
    const top = hits.slice(0, AGREEMENT_DEPTH);
    const first = top[0];
    if (first === undefined) return null;
    // The rule reads no cosine: the vectors of ten passages are summed only for whoever dumps the evidence.
    const cosines = this.options.onEvidence
      ? (this.meaning()?.similarity(searched, top, this.questions?.vectorOf(asked)) ?? null)
      : null;
    const evidence = evidenceOf(
      questionTerms(searched, this.current.index.lexicon),
      first.passage.kind,
      top,
      cosines,
    );
    if (evidence !== null) this.options.onEvidence?.(asked, evidence);
    return evidence;
  }

  /** The current index's meaning, made now unless a warmed library is still reading its vectors. */
  private meaning(): Meaning | undefined {
    if (this.current.meaning === undefined && !this.options.warm)
      this.current.meaning = this.meaningOf(this.current.index);
    return this.current.meaning;
  }

  /**
   * The hits reordered by meaning where words found them equally (see `meaning/meaning.ts`); `asked`,
   * the question as embedded (`embedQuestions`). A warmed library reads the vectors while warming, so
   * no question waits for them: until then, words alone.
   */
  private byMeaning(question: string, hits: readonly SearchHit[], asked: string): readonly SearchHit[] {
    return this.meaning()?.order(question, hits, this.questions?.vectorOf(asked)) ?? hits;
  }

  timeline(topic: string, filter: EpisodeFilter = {}): Timeline {
    return timelineIn(this.current, topic, filter);
  }

  related(question: string, passageId: string): Moment[] {
    return relatedMoments(this.current.index, this.current.byId, question, passageId);
  }

  episodesWith(name: string): PersonEpisode[] {
    return episodesWith(this.current.episodes, name);
  }

  facts(): CatalogueFacts {
    return factsOf(this.current);
  }

  episodes(): readonly Episode[] {
    return this.current.episodes;
  }

  episode(id: string): Episode | undefined {
    return this.current.byId.get(id);
  }

  /**
   * The engine as a server with this scope sees it: questions, timelines, episodes and autocomplete
   * over the scope's episodes only; rebuilding, imports and votes as the whole library.
   */
  within(scope: Scope): AnswerEngine {
    const view = () => this.view(scope);
    return {
      ask: (question, options = {}) => this.askIn(view(), question, options),
      embedQuestions: (questions) => this.embedQuestions(questions),
      episodes: () => view().episodes,
      episode: (id) => view().byId.get(id),
      timeline: (topic, filter = {}) => timelineIn(view(), topic, filter),
      related: (question, passageId) => relatedMoments(view().index, view().byId, question, passageId),
      episodesWith: (name) => episodesWith(view().episodes, name),
      facts: () => factsOf(view()),
      reindex: () => this.reindex(),
      addSource: (upload) => this.addSource(upload),
      recordVote: (vote) => this.recordVote(vote),
      importFeed: (source, options) => this.importFeed(source, options),
    };
  }

  private view(scope: Scope): View {
    const { current } = this;
    const made = this.views.get(scope);
    if (made?.of === current) return made.view;
    const keeps =
      'only' in scope ? (id: string) => scope.only.has(id) : (id: string) => !scope.except.has(id);
    const episodes = current.episodes.filter((e) => keeps(e.id));
    const view: View = {
      index: current.index,
      episodes,
      byId: new Map(episodes.map((e) => [e.id, e])),
      ids: new Set(episodes.map((e) => e.id)),
    };
    this.views.set(scope, { of: current, view });
    return view;
  }

  reindex(): Promise<ReindexReport> {
    if (this.rebuilding || this.importing) return Promise.reject(new ReindexInProgressError());
    const started = performance.now();
    this.rebuilding = (async () => {
      // The child publishes first: if anything fails, the old index keeps serving and its files stay whole.
      await inChild(this.options.dataDir, 'refresh');
      await this.swapToChildsIndex();
      await this.embedPassagesInTurn();
      this.mergeInBackground();
      return { ...this.report, tookMs: Math.round(performance.now() - started) };
    })().finally(() => {
      this.rebuilding = null;
    });
    return this.rebuilding;
  }

  /**
   * Opens the newest whole index published on disk and swaps to it when it is not the one served;
   * never builds. Resolves whether it swapped. An index that cannot be read whole (a manifest
   * half written by hand, a data file missing) is never adopted: the current one keeps serving, and
   * the reason is logged. Answers meanwhile come from the current index, as during `reindex`.
   */
  adoptPublished(): Promise<boolean> {
    if (this.queuedAdoption) return this.queuedAdoption;
    const served = this.current.stored.manifest.builtAt;
    const adoption = this.swapToPublished(() => (this.queuedAdoption = null)).then((swap) => {
      if ('swapped' in swap) return swap.swapped;
      this.options.logger.warn(
        { reason: swap.reason, served },
        `not adopting the published index: ${swap.reason}; still serving the index built at ${served}`,
      );
      return false;
    });
    this.queuedAdoption = adoption;
    return adoption;
  }

  /**
   * Swaps to the manifest published last, unless it is the one served, reusing the segments already
   * open: only new segments are read, cooperatively, and warmed before the swap. Swaps run one after
   * another, each reading the newest manifest, so a slow one never swaps an older index over a newer.
   * A manifest that cannot be read whole is never swapped to: the reason is returned.
   */
  private swapToPublished(starting?: () => void): Promise<{ swapped: boolean } | { reason: string }> {
    const swap = this.swapping.then(async () => {
      starting?.();
      const { logger, dataDir } = this.options;
      const { stored } = this.current;
      const open = new Map<string, SegmentContent>(
        stored.segments.map((segment) => [segment.entry.file, segment]),
      );
      const read = await readIndexFile(pathsOf(dataDir).index, { cooperative: true, open });
      if ('reason' in read) return { reason: read.reason };
      // One process publishes, by atomic rename: a manifest of another build time or other segments
      // (a merge keeps the build time) is newer (comparing times would be fooled by a clock set back).
      if (publication(read.file) === publication(stored)) return { swapped: false };
      const { builtAt } = read.file.manifest;
      logger.info({ builtAt, segments: read.file.segments.length }, `adopting the index built at ${builtAt}`);
      const index = await SegmentedIndex.load(read.file.segments);
      const meaning = await this.warmed(index);
      this.current = { ...EpisodeLibrary.state(read.file, index), ...(meaning ? { meaning } : {}) };
      // After the swap, not before: a new episode is searchable without waiting for them.
      if (this.options.warm) void this.readySpeakers(this.current);
      logger.info(
        { builtAt, episodes: this.current.episodes.length },
        `serving the index built at ${builtAt}`,
      );
      return { swapped: true };
    });
    // A failed swap leaves the current index serving; the next swap still runs.
    this.swapping = swap.catch(() => {});
    return swap;
  }

  /** Swaps to what a child just published; that it cannot be read is an error. */
  private async swapToChildsIndex(): Promise<void> {
    const swap = await this.swapToPublished();
    if ('reason' in swap) throw new Error(`the published index cannot be read: ${swap.reason}`);
  }

  /**
   * Merges segments in a child process when the merge policy asks (`mergePlan`), then swaps to the
   * merged index; answers go on from the current one meanwhile. A failure is logged: the segments
   * keep serving, and the next reindex tries again. Only the process that publishes merges (never a
   * shard, which only answers).
   */
  private mergeInBackground(): void {
    if (!this.publishes || this.merging || !mergePlan(this.current.stored.segments)) return;
    this.merging = inChild(this.options.dataDir, 'merge')
      .then(() => this.swapToChildsIndex())
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

  async recordVote(vote: Vote): Promise<void> {
    const { state } = this.options;
    if (!state) throw new Error('votes are kept in the database, and this library has none');
    await state.recordVote(Vote.parse(vote));
  }

  async importFeed(source: string, options: EngineImportOptions = {}): Promise<ImportReport> {
    if (this.rebuilding || this.importing) throw new ReindexInProgressError();
    const { beforeIndex, ...fetching } = options;
    this.importing = true;
    let feed;
    try {
      feed = await importFeedItems(source, {
        ...fetching,
        dataDir: this.options.dataDir,
        allowPrivate: this.options.allowPrivateFeeds ?? false,
        ...(this.options.state ? { state: this.options.state.feedState() } : {}),
      });
    } finally {
      this.importing = false;
    }
    const changed = feed.counts.imported + feed.counts.updated > 0;
    // A rebuild started by someone else since the writes already reads them.
    const index = async () => (changed ? await (this.rebuilding ?? this.reindex()) : null);
    try {
      await beforeIndex?.(feed);
    } catch (err) {
      // What is written is indexed all the same: a later import would find it unchanged and never index it.
      await index();
      throw err;
    }
    return { ...feed, index: await index() };
  }

  private static state(stored: StoredIndex, index: SegmentedIndex): View & { stored: StoredIndex } {
    const episodes = newestFirst(stored.segments.flatMap(liveEpisodes));
    return { stored, index, episodes, byId: new Map(episodes.map((e) => [e.id, e])), ids: undefined };
  }
}

/** A filter resolved within a view: no filter in a scoped view still means the scope's episodes only. */
function filterIn(view: View, filter: EpisodeFilter): Resolved {
  const resolved = resolveFilter(view.episodes, filter);
  return resolved.notice === null && resolved.episodes === undefined && view.ids !== undefined
    ? { ...resolved, episodes: view.ids }
    : resolved;
}

function timelineIn(view: View, topic: string, filter: EpisodeFilter): Timeline {
  const started = performance.now();
  const timeline = timelineOf(view.index, view.byId, topic, filterIn(view, filter));
  return { ...timeline, tookMs: Math.round((performance.now() - started) * 100) / 100 };
}

function factsOf(view: View): CatalogueFacts {
  view.facts ??= catalogueFacts(view.episodes, view.index.passagesOf(view.ids));
  return view.facts;
}

/** What identifies a publication: its build, and its segments (a merge keeps the build time). */
function publication({ manifest, segments }: StoredIndex): string {
  return JSON.stringify([manifest.builtAt, segments.map(({ entry }) => entry.file)]);
}

/** The marks, and for a passage too long to show whole (a transcript window), its quote. */
function withQuote(passage: Passage, marks: [number, number][]) {
  return passage.text.length > QUOTE_WHOLE_CHARS ? { marks, quote: quoteOf(passage, marks) } : { marks };
}
