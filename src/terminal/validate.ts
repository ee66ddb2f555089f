import { stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { loadEpisodes } from '../sources/loadEpisodes.js';
import { type Problem, formatProblem } from '../episodes/problem.js';
import { type Io, createContext, createProgram, execute, main } from './cli.js';

/**
 * `npm run validate [-- PATH…]`: checks sources (files or directories; the episodes directory by
 * default) and prints each file's problems; exit 1 when any file would be refused.
 */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const program = createProgram('validate', 'Check episode sources and print their problems.', io)
    .argument('[paths...]', 'source files or directories (default: DATA_DIR/episodes)')
    .action(async (paths: string[]) => {
      const targets = paths.length ? paths : [createContext(io).episodesDir];
      let files = 0;
      let refused = 0;
      let warnings = 0;
      for (const target of targets) {
        const isDirectory = await stat(target).then(
          (info) => info.isDirectory(),
          () => null,
        );
        if (isDirectory === null) {
          io.err(`${target}: no such file or directory`);
          refused++;
          continue;
        }
        // A single file is read in its directory, so its meta file and id clashes count too.
        const dir = isDirectory ? target : dirname(target);
        const only = isDirectory ? null : basename(target);
        const loaded = await loadEpisodes(dir);
        const concerns = (problem: Problem) =>
          only === null ||
          problem.file === only ||
          problem.file.startsWith(only.replace(/\.[^.]+$/, '.meta'));
        const rejected = loaded.rejected.filter((r) => only === null || r.file === only);
        const kept = loaded.sources.filter((s) =>
          only === null ? !s.file.endsWith('.meta.json') : s.file === only,
        );
        files += kept.length;
        refused += rejected.length;
        for (const problem of [...rejected.flatMap((r) => r.problems), ...loaded.warnings.filter(concerns)]) {
          if (problem.severity === 'warning') warnings++;
          io.out(formatProblem({ ...problem, file: resolve(dir, problem.file) }));
        }
      }
      io.out(
        `${files} file${files === 1 ? '' : 's'} checked: ${files - refused} ok, ${refused} refused, ${warnings} warning${warnings === 1 ? '' : 's'}`,
      );
      program.setOptionValue('exitCode', refused > 0 ? 1 : 0);
    });
  return execute(program, argv, io);
}

if (import.meta.url === `file://${process.argv[1]}`) main(run);
