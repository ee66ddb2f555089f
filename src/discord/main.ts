import { Communities, openState } from '../answers/communities.js';
import { EpisodeLibrary } from '../answers/library.js';
import { requireDataDir } from '../answers/sources.js';
import { ConfigError, loadConfig } from '../config.js';
import { createLogger } from '../log.js';
import { startBot } from './bot.js';

/** `npm start`: the bot. Exits 1 with one clear line when it cannot start; 0 on SIGTERM or SIGINT. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`podqa: ${err.message}\n`);
    process.exit(1);
  }
  for (const name of ['DISCORD_TOKEN', 'DISCORD_CLIENT_ID'] as const) {
    if (!config[name]) {
      process.stderr.write(
        `podqa: ${name} is not set: put it in .env (see .env.example) or the environment\n`,
      );
      process.exit(1);
    }
  }
  const logger = createLogger(config.LOG_LEVEL);
  // A missing DATA_DIR is named as such, before the database (a file in it) fails to open.
  await requireDataDir(config.DATA_DIR);
  const state = await openState(
    { dataDir: config.DATA_DIR, databaseUrl: config.DATABASE_URL, secret: config.USER_HASH_SECRET },
    logger,
  );
  // The index is loaded before logging in, so no interaction arrives that cannot be answered.
  const engine = await EpisodeLibrary.open({
    dataDir: config.DATA_DIR,
    logger,
    allowPrivateFeeds: config.ALLOW_PRIVATE_FEEDS,
    warm: true,
    state,
  });
  const communities = Communities.fromConfig(config, engine, state, logger);
  const bot = await startBot({ config, engine, logger, communities });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    bot
      .stop()
      .then(() => state.close())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`podqa: could not start: ${message}\n`);
  process.exit(1);
});
