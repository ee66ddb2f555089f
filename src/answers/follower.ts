import type { Episode } from '../episodes/schema.js';
import type { FeedImportOptions } from '../feeds/import.js';
import type { CatalogueFacts, EpisodeFilter, Moment, PersonEpisode, Timeline } from '../timeline/schema.js';
import type { AnswerEngine } from './engine.js';
import type { EpisodeLibrary } from './library.js';
import type {
  AddedSource,
  Answer,
  AskOptions,
  ImportReport,
  ReindexReport,
  SourceUpload,
  Vote,
} from './schema.js';

/** What only the one publishing process does: write sources, import feeds, build and publish the index. */
export type Publisher = Pick<AnswerEngine, 'reindex' | 'importFeed' | 'addSource'>;

/**
 * The engine of a process that answers but never builds (a shard): questions are answered from the
 * published index its library follows; writes go to the publisher, and what it publishes is adopted
 * here before the reply says it is done, so the moderator who asked is answered from the new index at
 * once (the other shards adopt it by watching the manifest).
 */
export class FollowerEngine implements AnswerEngine {
  constructor(
    private readonly library: EpisodeLibrary,
    private readonly publisher: Publisher,
  ) {}

  ask(question: string, options?: AskOptions): Answer {
    return this.library.ask(question, options);
  }

  episodes(): readonly Episode[] {
    return this.library.episodes();
  }

  episode(id: string): Episode | undefined {
    return this.library.episode(id);
  }

  timeline(topic: string, filter?: EpisodeFilter): Timeline {
    return this.library.timeline(topic, filter);
  }

  related(question: string, passageId: string): Moment[] {
    return this.library.related(question, passageId);
  }

  episodesWith(name: string): PersonEpisode[] {
    return this.library.episodesWith(name);
  }

  facts(): CatalogueFacts {
    return this.library.facts();
  }

  recordVote(vote: Vote): Promise<void> {
    return this.library.recordVote(vote);
  }

  addSource(upload: SourceUpload): Promise<AddedSource> {
    return this.publisher.addSource(upload);
  }

  async reindex(): Promise<ReindexReport> {
    const report = await this.publisher.reindex();
    await this.library.adoptPublished();
    return report;
  }

  async importFeed(source: string, options?: FeedImportOptions): Promise<ImportReport> {
    const report = await this.publisher.importFeed(source, options);
    if (report.index) await this.library.adoptPublished();
    return report;
  }
}
