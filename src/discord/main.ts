import { Communities, openStateOf } from '../answers/communities.js';
import type { AnswerEngine } from '../answers/engine.js';
import { EpisodeLibrary } from '../answers/library.js';
import { observed } from '../answers/observed.js';
import { requireDataDir } from '../answers/sources.js';
import { ConfigError, loadConfig } from '../config.js';
import { createLogger } from '../log.js';
import type { Health, Metrics, MetricsServer } from '../metrics/server.js';
import { type RunningBot, libraryOptionsOf, startBot } from './bot.js';
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
  // Up before the index loads, so a health check reads "starting" rather than a refused connection.
  let bot: RunningBot | null = null;
  const health = (): Health =>
    bot === null
      ? { ok: false, status: 'starting' }
      : bot.client.isReady()
        ? { ok: true, status: 'online' }
        : { ok: false, status: 'disconnected' };
  let metrics: Metrics | null = null;
  let server: MetricsServer | null = null;
  if (config.METRICS_PORT !== undefined) {
    // prom-client takes a noticeable while to load (about a second on a busy machine): only when asked for.
    const { createMetrics, startMetricsServer } = await import('../metrics/server.js');
    metrics = createMetrics();
    server = await startMetricsServer({
      host: config.METRICS_HOST,
      port: config.METRICS_PORT,
      registry: metrics.registry,
      health,
      logger,
    });
  }
  // A missing DATA_DIR is named as such, before the database (a file in it) fails to open.
  await requireDataDir(config.DATA_DIR);
  const state = await openStateOf(config, logger);
  // The index is loaded before logging in, so no interaction arrives that cannot be answered.
  const library = await EpisodeLibrary.open({ ...libraryOptionsOf(config, logger, state), warm: true });
  const engine = metrics ? observed(library, metrics.observer) : library;
  // Scoped engines are measured like the whole one.
  const present = metrics ? (scoped: AnswerEngine) => observed(scoped, metrics.observer) : undefined;
  const communities = Communities.fromConfig(config, library, state, logger, present ? { present } : {});
  bot = await startBot({ config, engine, logger, communities });
  const running = bot;
  stopOnSignals(async () => {
    await Promise.all([running.stop(), server?.close()]);
    await state.close();
  }, logger);
}

main().catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`podqa: could not start: ${message}\n`);
  process.exit(1);
});
