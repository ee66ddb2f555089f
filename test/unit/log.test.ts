import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createLogger, plainLines } from '../../src/log.js';

describe('createLogger', () => {
  it('gives a person readable lines, not JSON, when pino-pretty is not installed', () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      createLogger('info', { person: true, prettyStream: () => null }).info(
        { reason: 'no index file yet' },
        'rebuilding the index: no index file yet',
      );
      expect(write).toHaveBeenCalledWith('INFO  rebuilding the index: no index file yet\n');
    } finally {
      write.mockRestore();
    }
  });

  it('uses pino-pretty for a person when it is there', () => {
    const lines: string[] = [];
    const logger = createLogger('info', {
      person: true,
      prettyStream: () => ({ write: (line: string) => void lines.push(line) }),
    });
    logger.warn({ token: 'secret' }, 'careful');
    expect(JSON.parse(lines[0] as string)).toMatchObject({ msg: 'careful', token: '[redacted]' });
  });

  it('writes plain lines by level name', () => {
    const out: string[] = [];
    plainLines((text) => out.push(text)).write('{"level":50,"msg":"failed"}\n');
    expect(out).toEqual(['ERROR failed\n']);
  });
});

it('src/ imports no dev dependency by name, so `npm ci --omit=dev && npm start` runs', () => {
  const { devDependencies } = JSON.parse(readFileSync('package.json', 'utf8')) as {
    devDependencies: Record<string, string>;
  };
  const found: string[] = [];
  for (const entry of readdirSync('src', { recursive: true, encoding: 'utf8' })) {
    if (!entry.endsWith('.ts')) continue;
    const source = readFileSync(join('src', entry), 'utf8');
    for (const [, name] of source.matchAll(/^import [^;]*?from '([^'.][^']*)'/gm))
      if (Object.keys(devDependencies).some((dev) => name === dev || name?.startsWith(`${dev}/`)))
        found.push(`${entry}: ${name}`);
  }
  expect(found).toEqual([]);
});
