import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

/**
 * Structured logs on standard error, so that `--json` output on standard output stays clean. A person
 * at a terminal gets readable lines; anything else (a service manager, CI) gets JSON. Secrets are
 * redacted wherever they might ride along.
 */
export function createLogger(level: string = 'info', { pretty: human = process.stderr.isTTY } = {}): Logger {
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
  if (human) return pino(options, pretty({ destination: 2, sync: true, ignore: 'pid,hostname' }));
  return pino(options, pino.destination({ dest: 2, sync: true }));
}
