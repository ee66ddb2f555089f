import { createRequire } from 'node:module';
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

export interface LoggerOptions {
  /**
   * A person reads standard error (it is a terminal): readable lines, never JSON. Default: whether
   * standard error is a TTY. Anything else (a service manager, CI, a pipe) gets one JSON object a line.
   */
  person?: boolean;
  /**
   * Makes the readable stream: pino-pretty when it is installed. It is a dev dependency, so a
   * production install (`npm ci --omit=dev`) has none, and then lines read `INFO  message`.
   */
  prettyStream?: () => DestinationStream | null;
}

/**
 * Structured logs on standard error, so that `--json` output on standard output stays clean. Secrets
 * are redacted wherever they might ride along.
 */
export function createLogger(
  level: string = 'info',
  { person = Boolean(process.stderr.isTTY), prettyStream = loadPretty }: LoggerOptions = {},
): Logger {
  const options = {
    level,
    redact: {
      paths: [
        'token',
        '*.token',
        'DISCORD_TOKEN',
        '*.DISCORD_TOKEN',
        'headers.authorization',
        '*.headers.authorization',
      ],
      censor: '[redacted]',
    },
  };
  if (!person) return pino(options, pino.destination({ dest: 2, sync: true }));
  return pino(options, prettyStream() ?? plainLines((text) => process.stderr.write(text)));
}

/** pino-pretty's stream when the package is installed, else null (loaded on demand, never imported). */
function loadPretty(): DestinationStream | null {
  let pretty: (options: object) => DestinationStream;
  try {
    pretty = createRequire(import.meta.url)('pino-pretty') as typeof pretty;
  } catch {
    return null;
  }
  return pretty({ destination: 2, sync: true, ignore: 'pid,hostname' });
}

const LEVELS: Readonly<Record<number, string>> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};

/** `WARN  refused x.txt`: a log line for a person, when pino-pretty is not there to make one. */
export function plainLines(write: (text: string) => void): DestinationStream {
  return {
    write(line: string) {
      const { level, msg } = JSON.parse(line) as { level: number; msg?: string };
      write(`${(LEVELS[level] ?? String(level)).padEnd(5)} ${msg ?? ''}\n`);
    },
  };
}
