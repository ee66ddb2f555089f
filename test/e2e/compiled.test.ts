import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rssFeed, syntheticItems } from '../../src/bench/syntheticFeed.js';
import { copyOfData } from '../support/data.js';
import { FeedServer } from '../support/feedServer.js';

/**
 * The commands as npm runs them: `node scripts/run.js terminal/….js`, which compiles src/ to dist/
 * when it is stale and runs each command as one bundled file (scripts/build.js). The other e2e tests
 * run the sources through tsx; these hold that the bundle a newcomer's `npm run ask` starts works too.
 */
async function npmCommand(entry: string, args: string[], env: NodeJS.ProcessEnv) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['scripts/run.js', entry, ...args],
      { env: { PATH: process.env.PATH, TMPDIR: process.env.TMPDIR, LOG_LEVEL: 'silent', ...env } },
    );
    return { code: 0, stdout, stderr };
  } catch (err) {
    const failed = err as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

let server: FeedServer;
beforeAll(async () => {
  server = await FeedServer.start();
  // Compiles once here if dist/ is stale, so the tests below time only themselves.
  const { code, stderr } = await npmCommand('terminal/schema.js', ['--help'], {});
  expect(stderr.includes('tsc failed') ? stderr : code).toBe(0);
}, 300_000);
afterAll(() => server.stop());

describe('the compiled, bundled commands', () => {
  it('are one file each: a command does not import the modules of dist/ one by one', () => {
    const ask = readFileSync('dist/terminal/ask.js', 'utf8');
    expect(ask).not.toMatch(/from ['"]\.\.?\//);
    expect(ask).toContain('EpisodeLibrary');
  });

  it('answer the quick start question from the bundled episodes, with a linked moment', async () => {
    const { code, stdout } = await npmCommand('terminal/ask.js', ['--json', 'what did they say about HBM'], {
      DATA_DIR: copyOfData(),
    });
    expect(code).toBe(0);
    const [best] = JSON.parse(stdout).results as { text: string; url: string; start: number }[];
    expect(best?.text).toContain('HBM');
    expect(best?.url).toMatch(/[?&]t=\d+s/);
  }, 120_000);

  it('import a feed through the refresh child process, then answer from it', async () => {
    const items = syntheticItems(3);
    server.serve('/compiled.xml', rssFeed('Synthetic Show', items));
    const env = { DATA_DIR: copyOfData(), ALLOW_PRIVATE_FEEDS: 'true' };
    const imported = await npmCommand('terminal/import.js', [server.url('/compiled.xml')], env);
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toContain('Synthetic Show: imported 3, updated 0, unchanged 0, refused 0');

    const listed = await npmCommand('terminal/episodes.js', ['--json'], env);
    const titles = (JSON.parse(listed.stdout) as { title: string }[]).map((e) => e.title);
    expect(titles).toEqual(expect.arrayContaining(items.map((item) => item.title)));
  }, 180_000);
});
