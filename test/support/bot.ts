import type { Logger } from '../../src/log.js';
import { Communities } from '../../src/answers/communities.js';
import { EpisodeLibrary } from '../../src/answers/library.js';
import { loadConfig } from '../../src/config.js';
import { type RunningBot, startBot } from '../../src/discord/bot.js';
import { type StateStore, openState } from '../../src/state/store.js';
import { APP_ID, type DiscordStandIn, TOKEN } from '../standin/discord.js';
import { copyOfData, recordingLogger } from './data.js';

/**
 * The real bot over a private copy of the bundled data, logged in to a stand-in, with its database
 * (SQLite in the data directory unless `env` sets DATABASE_URL). `bot.stop()` closes the database too.
 */
export async function startBotAgainst(
  standIn: DiscordStandIn,
  logger: Logger = recordingLogger().logger,
  /** More settings (FEED_URLS, ANNOUNCE_CHANNEL_ID…) and a data directory prepared by the test. */
  { env = {}, dataDir = copyOfData() }: { env?: NodeJS.ProcessEnv; dataDir?: string } = {},
): Promise<{ bot: RunningBot; library: EpisodeLibrary; dataDir: string; state: StateStore }> {
  const config = loadConfig(
    {
      DISCORD_TOKEN: TOKEN,
      DISCORD_CLIENT_ID: APP_ID,
      DISCORD_API_URL: standIn.apiUrl,
      DATA_DIR: dataDir,
      ...env,
    },
    { dotenv: false },
  );
  const state = await openState({ dataDir, databaseUrl: config.DATABASE_URL }, logger);
  const library = await EpisodeLibrary.open({
    dataDir,
    logger,
    allowPrivateFeeds: config.ALLOW_PRIVATE_FEEDS,
    state,
  });
  const communities = Communities.fromConfig(config, library, state, logger);
  const bot = await startBot({ config, engine: library, logger, communities });
  const stop = bot.stop;
  bot.stop = () => stop().then(() => state.close());
  return { bot, library, dataDir, state };
}
