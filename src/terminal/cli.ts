import { Command, CommanderError } from 'commander';
import { DataDirError } from '../answers/engine.js';
import { episodesDirOf } from '../answers/sources.js';
import { type Config, ConfigError, loadConfig } from '../config.js';
import { type Logger, createLogger } from '../log.js';

/** Where a command reads and writes: the real process, or a test's buffers. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Lines of standard input (for --batch). */
  readLines(): AsyncIterable<string>;
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  async *readLines() {
    const { createInterface } = await import('node:readline');
    yield* createInterface({ input: process.stdin, crlfDelay: Infinity });
  },
  isTTY: Boolean(process.stdout.isTTY),
  env: process.env,
};

/** What every command starts with: validated config, a logger on stderr, where the episodes are. */
export interface Context {
  config: Config;
  logger: Logger;
  episodesDir: string;
}

export function createContext(io: Io): Context {
  const config = loadConfig(io.env, { dotenv: io === processIo });
  return {
    config,
    // A person at the terminal reads log lines, never JSON; a test's Io or a pipe gets JSON.
    logger: createLogger(config.LOG_LEVEL, { person: io === processIo && Boolean(process.stderr.isTTY) }),
    episodesDir: episodesDirOf(config.DATA_DIR),
  };
}

/** A commander program whose output and exits go through `io`, so tests can run it in-process. */
export function createProgram(name: string, description: string, io: Io): Command {
  return new Command(name)
    .description(description)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.out(text.trimEnd()),
      writeErr: (text) => io.err(text.trimEnd()),
    });
}

/** Runs a parsed program to an exit code; usage and config errors become one clear line, not a stack trace. */
export async function execute(program: Command, argv: readonly string[], io: Io): Promise<number> {
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return Number(program.getOptionValue('exitCode') ?? 0);
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    if (err instanceof ConfigError || err instanceof UsageError) {
      io.err(`${program.name()}: ${err.message}`);
      return 2;
    }
    if (err instanceof DataDirError) {
      io.err(`${program.name()}: ${err.message}`);
      return 1;
    }
    throw err;
  }
}

/** A mistake in how the command was called: printed as one line, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The entry point of a command module: run it on the real process and set the exit code. */
export function main(run: (argv: readonly string[], io: Io) => Promise<number>): void {
  run(process.argv.slice(2), processIo).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
