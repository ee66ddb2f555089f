import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rssFeed, syntheticItems } from '../../src/bench/syntheticFeed.js';
import { FeedServer } from '../support/feedServer.js';

/** A terminal command as a real process, from source through tsx (npm runs the same code compiled, dist/). */
async function command(entry: string, args: string[], env: NodeJS.ProcessEnv) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', entry, ...args],
      {
        env: { PATH: process.env.PATH, TMPDIR: process.env.TMPDIR, LOG_LEVEL: 'silent', ...env },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (err) {
    const failed = err as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
const importFeed = (args: string[], env: NodeJS.ProcessEnv) => command('src/terminal/import.ts', args, env);

let server: FeedServer;
beforeAll(async () => {
  server = await FeedServer.start();
});
afterAll(() => server.stop());

const freshData = () => mkdtempSync(join(tmpdir(), 'podqa-import-'));

describe('npm run import', () => {
  it('adds N episodes that `npm run episodes -- --json` lists with title, date, length and chapter starts (exit 0)', async () => {
    const items = syntheticItems(6);
    server.serve('/show.xml', rssFeed('Synthetic Show', items));
    const dataDir = freshData();
    const env = { DATA_DIR: dataDir, ALLOW_PRIVATE_FEEDS: 'true' };

    const imported = await importFeed([server.url('/show.xml')], env);
    expect(imported.stdout).toContain('Synthetic Show: imported 6, updated 0, unchanged 0, refused 0');
    expect(imported.code).toBe(0);

    const listed = await command('src/terminal/episodes.ts', ['--json'], env);
    const episodes = JSON.parse(listed.stdout) as {
      title: string;
      published: string;
      duration: number;
      show: string;
      chapters: { start: number }[];
    }[];
    expect(episodes).toHaveLength(6);
    expect(episodes[0]).toMatchObject({
      title: items[0]?.title,
      published: '2025-06-06',
      duration: 4205,
      show: 'Synthetic Show',
    });
    expect(episodes[0]?.chapters.map((c) => c.start)).toEqual([0, 161, 1145, 2232, 3510]);

    const again = await importFeed([server.url('/show.xml'), '--json'], env);
    expect(JSON.parse(again.stdout).counts).toEqual({ imported: 0, updated: 0, unchanged: 6, refused: 0 });
    expect(again.code).toBe(0);
    // Three processes, each starting tsx: generous on a shared two-core machine.
  }, 180_000);

  it('exits 1 when some item was refused, saying which and why', async () => {
    const [first, second] = syntheticItems(2);
    server.serve('/dupes.xml', rssFeed('Synthetic Show', [first!, second!, { ...second!, title: 'Copy' }]));
    const result = await importFeed([server.url('/dupes.xml')], {
      DATA_DIR: freshData(),
      ALLOW_PRIVATE_FEEDS: 'true',
    });
    expect(result.stdout).toContain(
      `refused item 3 "Copy": duplicate guid "${second?.guid}" (first used by item 2)`,
    );
    expect(result.stdout).toContain('imported 2, updated 0, unchanged 0, refused 1');
    expect(result.code).toBe(1);
  }, 120_000);

  it('exits 2 for an unusable feed, naming it, and writes nothing', async () => {
    server.serve('/broken.xml', '<rss><channel><title>Broken</channel></rss>');
    const dataDir = freshData();
    const result = await importFeed([server.url('/broken.xml')], {
      DATA_DIR: dataDir,
      ALLOW_PRIVATE_FEEDS: 'true',
    });
    expect(result.stderr).toMatch(
      new RegExp(`^import: ${server.url('/broken.xml')}:1: malformed XML: .*; the catalogue is unchanged`),
    );
    expect(result.code).toBe(2);
    expect(readdirSync(join(dataDir, 'episodes'))).toEqual([]);
  }, 120_000);

  it('exits 2 for a feed on a private address unless ALLOW_PRIVATE_FEEDS=true', async () => {
    server.serve('/private.xml', rssFeed('Synthetic Show', syntheticItems(1)));
    const result = await importFeed([server.url('/private.xml')], { DATA_DIR: freshData() });
    expect(result.stderr).toContain('refused: 127.0.0.1 is a loopback, private or link-local address');
    expect(result.code).toBe(2);
  }, 120_000);

  it('exits 2 for a bad option, naming it', async () => {
    const result = await importFeed(['feed.xml', '--since', '06/09/2024'], { DATA_DIR: freshData() });
    expect(result.stderr.trim()).toBe('import: --since: expected a date as YYYY-MM-DD, got "06/09/2024"');
    expect(result.code).toBe(2);
  }, 120_000);
});
