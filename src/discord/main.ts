import { EpisodeLibrary } from '../answers/library.js';
import { ConfigError, loadConfig } from '../config.js';
import { createLogger } from '../log.js';
import { startBot } from './bot.js';
import { startShards } from './sharding/manager.js';
import { stopOnSignals } from './signals.js';

/** `npm start`: the bot, in one process or, with SHARDS, as shards under a manager. Exits 1 with one clear line when it cannot start; 0 on SIGTERM or SIGINT. */
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
  if (config.SHARDS !== undefined) {
    stopOnSignals((await startShards({ config, logger })).stop, logger);
    return;
  }
  // The index is loaded before logging in, so no interaction arrives that cannot be answered.
  const engine = await EpisodeLibrary.open({
    dataDir: config.DATA_DIR,
    logger,
    allowPrivateFeeds: config.ALLOW_PRIVATE_FEEDS,
    warm: true,
  });
  const bot = await startBot({ config, engine, logger });
  stopOnSignals(bot.stop, logger);
}

main().catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`podqa: could not start: ${message}\n`);
  process.exit(1);
});
