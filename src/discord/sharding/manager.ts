import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { dirname, extname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { type APIGatewayBotInfo, REST, Routes, type Shard, ShardingManager } from 'discord.js';
import { Communities, openStateOf } from '../../answers/communities.js';
import { publisherOf } from '../../answers/follower.js';
import { EpisodeLibrary } from '../../answers/library.js';
import type { Config } from '../../config.js';
import type { Logger } from '../../log.js';
import { libraryOptionsOf, startFeedPoller } from '../bot.js';
import { servePublisher } from './publisherIpc.js';

const HERE = fileURLToPath(import.meta.url);
/** The shard entry beside this module: shard.ts under tsx (`npm start`), shard.js once compiled to dist/. */
export const SHARD_ENTRY = join(dirname(HERE), `shard${extname(HERE)}`);
/** Under tsx the shard processes load TypeScript through it too; compiled, they need nothing. */
const SHARD_EXEC_ARGV = extname(HERE) === '.ts' ? ['--import', 'tsx'] : [];
/** Discord lets one identify through per 5 s in each of `max_concurrency` rate-limit buckets. */
const IDENTIFY_SPACING_MS = 5_500;
/** How long a shard may take to open the index and log in before the start is called failed. */
const READY_TIMEOUT_MS = 120_000;
/** How long a stopping shard may take to log out before it is killed. */
const STOP_TIMEOUT_MS = 10_000;

export interface ShardedBot {
  manager: ShardingManager;
  /** Stops polling (a poll under way finishes), then stops every shard and waits for it to exit. */
  stop(): Promise<void>;
}

/**
 * `SHARDS=auto|N`: this process is the ShardingManager and the only one that builds. It opens the
 * database (and migrates it) and builds the index when stale before any shard starts (so shards only
 * ever open a published one and an up-to-date schema), polls FEED_URLS and every followed feed, posts
 * announcements to each following server's channel (once, claimed in the database, through REST: it
 * needs no gateway), and answers the shards' /reindex, feed imports, first imports of followed feeds
 * and uploads. Each shard is a process running shard.ts, answering the servers
 * Discord routes to it from the published index, and adopting each new one by watching the manifest.
 * A shard that dies is started again by the manager, on the newest whole index.
 */
export async function startShards({
  config,
  logger,
}: {
  config: Config;
  logger: Logger;
}): Promise<ShardedBot> {
  const token = config.DISCORD_TOKEN;
  if (!token) throw new Error('DISCORD_TOKEN is not set');
  const state = await openStateOf(config, logger);
  const library = await EpisodeLibrary.open(libraryOptionsOf(config, logger, state));
  const communities = Communities.fromConfig(config, library, state, logger);
  const publisher = publisherOf(library, communities);
  const rest = new REST({ api: config.DISCORD_API_URL }).setToken(token);
  // Asked of DISCORD_API_URL (discord.js's own `auto` asks discord.com whatever is configured).
  const gateway = (await rest.get(Routes.gatewayBot())) as APIGatewayBotInfo;
  const count = config.SHARDS === 'auto' ? gateway.shards : (config.SHARDS ?? 1);
  const manager = new ShardingManager(SHARD_ENTRY, {
    totalShards: count,
    token,
    execArgv: SHARD_EXEC_ARGV,
    respawn: true,
  });
  let stopping = false;
  manager.on('shardCreate', (shard) => {
    servePublisher(shard, publisher, logger);
    // Shards are processes (the manager's default mode), never workers.
    shard.on('spawn', (child) =>
      logger.info(
        { shard: shard.id, pid: (child as ChildProcess).pid },
        `shard ${shard.id} of ${count} started`,
      ),
    );
    shard.on('death', (exited) => {
      if (stopping) return;
      const child = exited as ChildProcess;
      const { exitCode, signalCode } = child;
      logger.warn(
        { shard: shard.id, pid: child.pid, exitCode, signalCode },
        `shard ${shard.id} exited (${signalCode ?? exitCode}); starting it again`,
      );
    });
  });
  logger.info({ shards: count, recommended: gateway.shards }, `starting ${count} shards`);
  // Shard i identifies in bucket i % max_concurrency: as many shards as buckets may start at once.
  // More start one after another, 5.5 s apart (ShardingManager#spawn).
  if (count <= gateway.session_start_limit.max_concurrency) {
    await Promise.all(
      Array.from({ length: count }, (_, id) => manager.createShard(id).spawn(READY_TIMEOUT_MS)),
    );
  } else {
    await manager.spawn({ amount: count, delay: IDENTIFY_SPACING_MS, timeout: READY_TIMEOUT_MS });
  }
  logger.info({ shards: count }, `all ${count} shards are ready`);
  const poller = startFeedPoller({ config, engine: library, logger, rest, communities });
  return {
    manager,
    async stop() {
      stopping = true;
      manager.respawn = false;
      await poller.stop();
      await Promise.all(manager.shards.map(stopShard));
      await state.close();
    },
  };
}

/** SIGTERM (the shard logs out and exits 0), and SIGKILL if it has not exited in time. */
async function stopShard(shard: Shard): Promise<void> {
  const child = shard.process;
  if (!child) return;
  // Shard#kill drops the exit listener first, so the manager does not start it again.
  shard.kill();
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  const late = sleep(STOP_TIMEOUT_MS).then(() => 'late' as const);
  if ((await Promise.race([exited, late])) === 'late') child.kill('SIGKILL');
}
