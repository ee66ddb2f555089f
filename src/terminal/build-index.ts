import { SingleBar } from 'cli-progress';
import { EpisodeLibrary } from '../answers/library.js';
import { formatProblem } from '../answers/format.js';
import { type Io, createContext, createProgram, execute, main } from './cli.js';
import { embeddingsOption } from '../config.js';

/**
 * `npm run index`: rebuilds DATA_DIR/index.json from every good source, lists the refused ones with
 * their problems, and exits 1 when any was refused.
 */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const program = createProgram('index', 'Rebuild the search index from the episode sources.', io).action(
    async () => {
      const { config, logger } = createContext(io);
      // A bar only for a person watching a terminal; logs and pipes get the summary alone.
      const bar =
        process.stderr.isTTY && io.isTTY
          ? new SingleBar({ stream: process.stderr, format: 'indexing {bar} {value}/{total} passages' })
          : null;
      let started = false;
      const library = await EpisodeLibrary.rebuild({
        dataDir: config.DATA_DIR,
        logger,
        ...embeddingsOption(config),
        onProgress: (done, total) => {
          if (!bar) return;
          if (!started) bar.start(total, 0);
          started = true;
          bar.update(done);
          if (done === total) bar.stop();
        },
      });
      const { episodes, passages, rejected, warnings } = library.report;
      for (const problem of warnings) io.err(formatProblem(problem));
      for (const { problems } of rejected) for (const problem of problems) io.out(formatProblem(problem));
      io.out(
        `indexed ${episodes} episode${episodes === 1 ? '' : 's'}, ${passages} passages; refused ${rejected.length} file${rejected.length === 1 ? '' : 's'}`,
      );
      program.setOptionValue('exitCode', rejected.length > 0 ? 1 : 0);
    },
  );
  return execute(program, argv, io);
}

if (import.meta.url === `file://${process.argv[1]}`) main(run);
