import type { Episode } from '../episodes/schema.js';
import type { FeedImportOptions } from '../feeds/import.js';
import type { FeedImport } from '../feeds/report.js';
import type { CatalogueFacts, EpisodeFilter, Moment, PersonEpisode, Timeline } from '../timeline/schema.js';
import type {
  AddedSource,
  Answer,
  AskOptions,
  ImportReport,
  ReindexReport,
  SourceUpload,
  Vote,
} from './schema.js';

/**
 * The engine as its two adapters (terminal and Discord) see it. Implemented by `EpisodeLibrary`
 * (src/answers/library.ts); tests of an adapter may use a fake.
 */
export interface AnswerEngine {
  /** The best passages for a question; never throws for odd input (empty, huge, emoji): it says so in the answer. */
  ask(question: string, options?: AskOptions): Answer;
  /**
   * Embeds questions at the embeddings endpoint, when one is configured, before they are asked (so
   * `ask` fuses their meaning); never rejects. An engine without one need not have it.
   */
  embedQuestions?(questions: readonly string[]): Promise<void>;
  /** Every indexed episode, newest first (undated last, then by title). */
  episodes(): readonly Episode[];
  episode(id: string): Episode | undefined;
  /** Every episode (of the filter's) where a topic came up, oldest first, each with its best moment. */
  timeline(topic: string, filter?: EpisodeFilter): Timeline;
  /** The topic of an answer's passage in other episodes: at most five moments, newest first. */
  related(question: string, passageId: string): Moment[];
  /** The episodes a person is on or named in, newest first, with the parts that name them. */
  episodesWith(name: string): PersonEpisode[];
  /** Size, newest episode, and the dates, people and shows to filter by. */
  facts(): CatalogueFacts;
  /**
   * Reloads the sources and rebuilds the index while `ask` keeps answering from the current one, then
   * swaps. Rejects with `ReindexInProgressError` while another rebuild runs; a failed rebuild leaves
   * the current index serving.
   */
  reindex(): Promise<ReindexReport>;
  /**
   * Validates an episode source and, only when it is good and its episode id is free, writes it
   * atomically into the episodes folder; the next `reindex` indexes it. Refusals name the problems.
   */
  addSource(upload: SourceUpload): Promise<AddedSource>;
  /** Keeps a listener's vote on an answer (the user only as a hash). */
  recordVote(vote: Vote): Promise<void>;
  /**
   * Imports a feed (URL or file) into the episodes, then rebuilds the index when any episode was
   * added or changed. Rejects with `FeedError` when the feed itself is unusable (nothing is written),
   * and with `ReindexInProgressError` while a rebuild or another import runs.
   */
  importFeed(source: string, options?: EngineImportOptions): Promise<ImportReport>;
}

/** A feed import as the engine runs it: the fetch's options, and what to keep before it is searchable. */
export interface EngineImportOptions extends FeedImportOptions {
  /**
   * Called once the feed's items are written, before the index holding them is published: what a
   * follow scopes (the feed's episodes) is recorded first, so no process serves the new episodes
   * to a server whose scope does not hold them yet. A rejection fails the import, after the
   * written items are indexed all the same.
   */
  beforeIndex?: (feed: FeedImport) => Promise<void>;
}

/** Why a whole feed could not be imported (unreachable, refused, malformed…): nothing was written. */
export { FeedError } from '../feeds/error.js';

export class ReindexInProgressError extends Error {
  override name = 'ReindexInProgressError';
  constructor() {
    super('a reindex is already running');
  }
}

/** DATA_DIR is missing or holds no episodes folder: one line naming the variable, its path and what was expected. */
export class DataDirError extends Error {
  override name = 'DataDirError';
}
