import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Logger } from '../../src/log.js';

/** A private copy of the bundled data directory, so tests never write index.json into the repo. */
export function copyOfData(): string {
  const dir = mkdtempSync(join(tmpdir(), 'podqa-data-'));
  cpSync('data/episodes', join(dir, 'episodes'), { recursive: true });
  cpSync('data/aliases.json', join(dir, 'aliases.json'));
  return dir;
}

/** A logger that keeps what was logged, for asserting on the lines people rely on. */
export function recordingLogger(): { logger: Logger; lines: { level: number; msg: string }[] } {
  const lines: { level: number; msg: string }[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

/** A private copy of the fictional test catalogue (24 episodes, two shows) written for the timeline tests. */
export function copyOfCatalogue(): string {
  const dir = mkdtempSync(join(tmpdir(), 'podqa-catalogue-'));
  cpSync('test/fixtures/catalogue/episodes', join(dir, 'episodes'), { recursive: true });
  return dir;
}
