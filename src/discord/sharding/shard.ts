import { setTimeout as sleep } from 'node:timers/promises';
import { Communities, openStateOf } from '../../answers/communities.js';
import { DataDirError } from '../../answers/engine.js';
import { FollowerEngine } from '../../answers/follower.js';
import { EpisodeLibrary, type LibraryOptions } from '../../answers/library.js';
import { watchPublished } from '../../answers/watchPublished.js';
import { loadConfig } from '../../config.js';
import { type Logger, createLogger } from '../../log.js';
import { libraryOptionsOf, startBot } from '../bot.js';
import { stopOnSignals } from '../signals.js';
import { publisherOverIpc } from './publisherIpc.js';

/** How often a shard that found no whole published index looks again. */
const RETRY_OPEN_MS = 1_000;

/**
 * One shard process, started by the manager (manager.ts) with SHARDS and SHARD_COUNT set by
 * discord.js: the client identifies as `[SHARDS, SHARD_COUNT]` and answers the servers Discord routes
 * to it, from the index the manager published, each server within the shows it follows (read from the
 * shared database, as the one-process bot does); it never builds, imports, polls or announces: a
 * /follow writes its row here and asks the manager to import.
 */
async function main(): Promise<void> {
  // SHARDS is discord.js's variable here (this shard's id, read by the client), not the setting.
  const shard = Number(process.env.SHARDS);
  const config = loadConfig({ ...process.env, SHARDS: undefined });
  const logger = createLogger(config.LOG_LEVEL).child({ shard });
  // The manager opened (and migrated) it before starting any shard.
  const state = await openStateOf(config, logger);
  const options = { ...libraryOptionsOf(config, logger, state), warm: true };
  const library = await openWhenPublished(options, logger);
  const watch = watchPublished(library, { dataDir: config.DATA_DIR, logger });
  const engine = new FollowerEngine(library, publisherOverIpc(process));
  const communities = Communities.fromConfig(config, library, state, logger, { publisher: engine });
  const bot = await startBot({ config, engine, logger, communities, pollFeeds: false });
  const stop = stopOnSignals(async () => {
    watch.close();
    await bot.stop();
    await state.close();
  }, logger);
  // The manager is gone (killed, crashed): no one would start this shard again or publish for it.
  process.on('disconnect', () => stop('the manager is gone'));
}

/**
 * The published index, waiting while there is no whole one (a manifest damaged by hand) rather than
 * exiting: the manager starts a dead shard again at once, so exiting would spin.
 */
async function openWhenPublished(options: LibraryOptions, logger: Logger): Promise<EpisodeLibrary> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await EpisodeLibrary.openPublished(options);
    } catch (err) {
      if (err instanceof DataDirError) throw err;
      if (attempt === 0) logger.warn(`${(err as Error).message}; waiting for one`);
      await sleep(RETRY_OPEN_MS);
    }
  }
}

main().catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`podqa shard ${process.env.SHARDS}: could not start: ${message}\n`);
  process.exit(1);
});
