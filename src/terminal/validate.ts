import { formatProblem } from '../answers/format.js';
import { describeEveryFile } from '../answers/coverageSummary.js';
import { checkSources, requireDataDir } from '../answers/sources.js';
import { type Io, createContext, createProgram, execute, main } from './cli.js';

/**
 * `npm run validate [-- PATH…]`: checks sources (files or directories; the episodes directory by
 * default) and prints each file's problems; exit 1 when any file would be refused or could not be checked.
 */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const program = createProgram('validate', 'Check episode sources and print their problems.', io)
    .argument('[paths...]', 'source files or directories (default: DATA_DIR/episodes)')
    .option(
      '--coverage',
      'say per file how many words became searchable and which were set aside by which rule',
    )
    .action(async (paths: string[], options: { coverage?: boolean }) => {
      let targets = paths;
      if (!targets.length) {
        const { config, episodesDir } = createContext(io);
        await requireDataDir(config.DATA_DIR);
        targets = [episodesDir];
      }
      const { files, refused, problems, skipped, coverage } = await checkSources(targets);
      for (const { path, reason } of skipped) io.err(`${path}: ${reason}`);
      for (const problem of problems) io.out(formatProblem(problem));
      if (options.coverage) {
        const described = describeEveryFile(coverage);
        for (const { file, lines } of described.files)
          io.out([`${file}: ${lines[0] ?? ''}`, ...lines.slice(1).map((line) => `  ${line}`)].join('\n'));
        io.out(`coverage: ${described.outcome}`);
      }
      const warnings = problems.filter((p) => p.severity === 'warning').length;
      io.out(
        `${files} file${files === 1 ? '' : 's'} checked: ${files - refused} ok, ${refused} refused, ${warnings} warning${warnings === 1 ? '' : 's'}`,
      );
      program.setOptionValue('exitCode', refused > 0 || skipped.length > 0 ? 1 : 0);
    });
  return execute(program, argv, io);
}

if (import.meta.url === `file://${process.argv[1]}`) main(run);
