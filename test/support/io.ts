import type { Io } from '../../src/terminal/cli.js';

/** An Io that records what a command prints, with its own environment and standard input. */
export function captureIo(
  env: NodeJS.ProcessEnv = {},
  stdin: string[] = [],
): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (text) => stdout.push(text),
    err: (text) => stderr.push(text),
    async *readLines() {
      yield* stdin;
    },
    isTTY: false,
    env: { LOG_LEVEL: 'silent', ...env },
  };
}
