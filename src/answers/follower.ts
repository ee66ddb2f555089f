import type { AnswerEngine } from './engine.js';
import type { EpisodeLibrary } from './library.js';
import type { FollowedImport } from './schema.js';

/**
 * What only the one publishing process does: write sources, import feeds (a newly followed one
 * claimed in the database, `Communities.importFollowed`), build and publish the index.
 */
export type Publisher = Pick<AnswerEngine, 'reindex' | 'importFeed' | 'addSource'> & {
  importFollowed(url: string): Promise<FollowedImport>;
};

/** The publisher a building process is: its library, and its communities for newly followed feeds. */
export function publisherOf(library: EpisodeLibrary, followed: Pick<Publisher, 'importFollowed'>): Publisher {
  return {
    reindex: () => library.reindex(),
    importFeed: (...args) => library.importFeed(...args),
    addSource: (upload) => library.addSource(upload),
    importFollowed: (url) => followed.importFollowed(url),
  };
}

type Args<Method extends keyof AnswerEngine> = Parameters<NonNullable<AnswerEngine[Method]>>;

/**
 * The engine of a process that answers but never builds (a shard): questions are answered from the
 * published index its library follows; writes go to the publisher, and what it publishes is adopted
 * here before the reply says it is done, so the moderator who asked is answered from the new index at
 * once (the other shards adopt it by watching the manifest).
 */
export class FollowerEngine implements AnswerEngine, Publisher {
  constructor(
    private readonly library: EpisodeLibrary,
    private readonly publisher: Publisher,
  ) {}

  ask(...args: Args<'ask'>) {
    return this.library.ask(...args);
  }

  embedQuestions(questions: readonly string[]) {
    return this.library.embedQuestions(questions);
  }

  episodes() {
    return this.library.episodes();
  }

  episode(...args: Args<'episode'>) {
    return this.library.episode(...args);
  }

  timeline(...args: Args<'timeline'>) {
    return this.library.timeline(...args);
  }

  related(...args: Args<'related'>) {
    return this.library.related(...args);
  }

  episodesWith(...args: Args<'episodesWith'>) {
    return this.library.episodesWith(...args);
  }

  facts() {
    return this.library.facts();
  }

  recordVote(...args: Args<'recordVote'>) {
    return this.library.recordVote(...args);
  }

  addSource(...args: Args<'addSource'>) {
    return this.publisher.addSource(...args);
  }

  async reindex() {
    const report = await this.publisher.reindex();
    await this.library.adoptPublished();
    return report;
  }

  async importFeed(...args: Args<'importFeed'>) {
    const report = await this.publisher.importFeed(...args);
    if (report.index) await this.library.adoptPublished();
    return report;
  }

  async importFollowed(url: string) {
    const imported = await this.publisher.importFollowed(url);
    // Whoever imported it, the index with its episodes is published by now.
    if (imported !== 'busy') await this.library.adoptPublished();
    return imported;
  }
}
