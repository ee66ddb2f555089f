import { mkdir } from 'node:fs/promises';
import { SingleBar } from 'cli-progress';
import { openState } from '../answers/communities.js';
import { EpisodeLibrary } from '../answers/library.js';
import { FeedError } from '../answers/engine.js';
import { describeImport } from '../answers/importSummary.js';
import { type ImportReport, IsoDate } from '../answers/schema.js';
import { type Io, UsageError, createContext, createProgram, execute, main } from './cli.js';
import { embeddingsOption } from '../config.js';

interface ImportFlags {
  limit?: number;
  since?: string;
  json?: boolean;
}

/**
 * `npm run import -- <feed URL or file> [--limit N] [--since YYYY-MM-DD] [--json]`: imports a feed's
 * items as episodes and rebuilds the index. Exit 0 when every item was imported, 1 when some item
 * was refused, 2 when the feed itself is unusable (nothing is written then).
 */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const program = createProgram('import', 'Import a podcast feed (RSS 2.0 or Atom) as episodes.', io)
    .argument('<feed>', 'the feed URL (http or https) or a feed file')
    .option('--limit <n>', 'import only the first N items the feed lists', parseCount)
    .option('--since <date>', 'import only items published on or after this date (YYYY-MM-DD)', parseDate)
    .option('--json', 'print the report as one JSON object')
    .action(async (feed: string, flags: ImportFlags) => {
      const { config, logger, episodesDir } = createContext(io);
      // Importing into an empty DATA_DIR starts a catalogue; a DATA_DIR that does not exist is still
      // refused by name (a typo must not start a new one).
      await mkdir(episodesDir).catch(() => undefined);
      // The importer's memory (validators, downloads) is the bot's: in the database, shared with it.
      const state = await openState(
        { dataDir: config.DATA_DIR, databaseUrl: config.DATABASE_URL, secret: config.USER_HASH_SECRET },
        logger,
      );
      const library = await EpisodeLibrary.open({
        dataDir: config.DATA_DIR,
        logger,
        allowPrivateFeeds: config.ALLOW_PRIVATE_FEEDS,
        ...embeddingsOption(config),
        state,
      });
      // A bar only for a person watching a terminal; logs and pipes get the summary alone.
      const bar =
        process.stderr.isTTY && io.isTTY && !flags.json
          ? new SingleBar({ stream: process.stderr, format: 'importing {bar} {value}/{total} items' })
          : null;
      let started = false;
      let report: ImportReport;
      try {
        report = await library.importFeed(feed, {
          ...(flags.limit === undefined ? {} : { limit: flags.limit }),
          ...(flags.since === undefined ? {} : { since: flags.since }),
          onProgress: (done, total) => {
            if (!bar) return;
            if (!started) bar.start(total, done);
            started = true;
            bar.update(done);
          },
        });
      } catch (err) {
        if (!(err instanceof FeedError)) throw err;
        io.err(`import: ${err.message}; the catalogue is unchanged`);
        program.setOptionValue('exitCode', 2);
        return;
      } finally {
        bar?.stop();
        await state.close();
      }
      if (flags.json) io.out(JSON.stringify(report, null, 2));
      else {
        const { outcome, details } = describeImport(report);
        for (const line of [...details, ...outcome]) io.out(line);
      }
      program.setOptionValue('exitCode', report.counts.refused > 0 ? 1 : 0);
    });
  return execute(program, argv, io);
}

function parseCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`--limit: expected a whole number of 1 or more, got "${value}"`);
  return n;
}

function parseDate(value: string): string {
  if (!IsoDate.safeParse(value).success || Number.isNaN(Date.parse(value)))
    throw new UsageError(`--since: expected a date as YYYY-MM-DD, got "${value}"`);
  return value;
}

if (import.meta.url === `file://${process.argv[1]}`) main(run);
