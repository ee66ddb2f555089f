import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, type REST } from 'discord.js';
import type { Communities } from '../answers/communities.js';
import type { AnswerEngine } from '../answers/engine.js';
import { loadChart } from '../answers/format.js';
import { FeedPoller } from '../answers/feedPoller.js';
import type { LibraryOptions } from '../answers/library.js';
import { type Config, embeddingsOption } from '../config.js';
import type { Logger } from '../log.js';
import { announceEpisodes } from './announce.js';
import { InteractionDispatcher } from './dispatcher.js';
import { NO_MENTIONS } from './reply.js';

/** What every bot process (one process, the sharding manager, a shard) opens its catalogue with. */
export function libraryOptionsOf(
  config: Config,
  logger: Logger,
  state: NonNullable<LibraryOptions['state']>,
): LibraryOptions {
  return {
    dataDir: config.DATA_DIR,
    logger,
    allowPrivateFeeds: config.ALLOW_PRIVATE_FEEDS,
    state,
    ...embeddingsOption(config),
  };
}

export interface BotOptions {
  /** DISCORD_TOKEN must be set. */
  config: Config;
  /** Ready to answer before the bot logs in: it accepts no interaction it cannot answer. */
  engine: AnswerEngine;
  logger: Logger;
  /** How /reindex downloads attachments (tests point it at the stand-in). */
  fetchFile?: typeof fetch;
  /** Follows, scopes, settings and gaps in the database; without it every server sees everything. */
  communities?: Communities;
  /**
   * Polls FEED_URLS and announces new episodes (default true). False in a shard: one process polls
   * for all of them (docs/sharding.md).
   */
  pollFeeds?: boolean;
}

export interface RunningBot {
  client: Client;
  dispatcher: InteractionDispatcher;
  /** Imports FEED_URLS every FEED_POLL_MINUTES (idle when there are none); null when `pollFeeds` is false. */
  poller: FeedPoller | null;
  /** Clears the poll timer (a poll under way finishes), then logs out. */
  stop(): Promise<void>;
}

/** Logs in to the gateway and resolves once the client is ready: a thin adapter over the engine. */
export async function startBot({
  config,
  engine,
  logger,
  fetchFile,
  communities,
  pollFeeds = true,
}: BotOptions): Promise<RunningBot> {
  if (!config.DISCORD_TOKEN) throw new Error('DISCORD_TOKEN is not set');
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: config.DISCORD_API_URL },
    allowedMentions: NO_MENTIONS,
  });
  const dispatcher = new InteractionDispatcher({
    engine,
    logger,
    fetchFile,
    ...(communities ? { communities } : {}),
  });
  client.on(Events.InteractionCreate, (interaction) => void dispatcher.dispatch(interaction));
  client.on(Events.Error, (err) => logger.error({ err }, 'discord client error'));
  client.on(Events.ShardDisconnect, (_, shard) => logger.warn({ shard }, 'gateway disconnected'));
  client.on(Events.ShardResume, (shard) => logger.info({ shard }, 'gateway resumed'));
  // /timeline draws a chart: its library is loaded now, not by the first listener who asks.
  await loadChart();
  const ready = once(client, Events.ClientReady);
  await client.login(config.DISCORD_TOKEN);
  await ready;
  logger.info({ user: client.user?.tag, episodes: engine.episodes().length }, 'podqa is online');
  const poller = pollFeeds
    ? startFeedPoller({ config, engine, logger, rest: client.rest, ...(communities ? { communities } : {}) })
    : null;
  return {
    client,
    dispatcher,
    poller,
    stop: async () => {
      await poller?.stop();
      await client.destroy();
    },
  };
}

/**
 * Polls FEED_URLS (and, with communities, every feed a server follows) from now on, posting new episodes
 * through `rest` to ANNOUNCE_CHANNEL_ID or to each following server's announcement channel, once.
 */
export function startFeedPoller({
  config,
  engine,
  logger,
  rest,
  communities,
}: Pick<BotOptions, 'config' | 'engine' | 'logger' | 'communities'> & { rest: REST }): FeedPoller {
  const channel = config.ANNOUNCE_CHANNEL_ID;
  const poller = new FeedPoller(engine, {
    urls: config.FEED_URLS,
    everyMinutes: config.FEED_POLL_MINUTES,
    logger,
    ...(communities ? { state: communities.state } : {}),
    onNewEpisodes: async (episodes, feedUrl) => {
      const targets = communities
        ? await communities.announcements(feedUrl, episodes, channel)
        : channel
          ? [{ channelId: channel, episodes }]
          : [];
      for (const target of targets) {
        await announceEpisodes(rest, target.channelId, target.episodes, logger).catch((err: unknown) =>
          logger.warn({ channel: target.channelId, err: (err as Error).message }, 'could not announce'),
        );
      }
    },
  });
  poller.start();
  return poller;
}
