import { cpSync, existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { EpisodeLibrary } from '../answers/library.js';
import { FeedError } from '../feeds/error.js';
import { parseFeedXml } from '../feeds/parse.js';
import { createLogger } from '../log.js';
import { type Io, UsageError, createProgram, execute, main } from '../terminal/cli.js';
import { rssFeed, syntheticItems } from './syntheticFeed.js';

/**
 * `npm run bench:import [-- --items 300]`: a synthetic feed file of N items with descriptions, imported
 * into an empty catalogue (network excluded): parse, import with the index rebuild, a second import
 * of the unchanged feed, and how long an entity bomb takes to be refused. Writes bench-results/import.*.
 */

const BOMB = `<?xml version="1.0"?>
<!DOCTYPE rss [
<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
${Array.from({ length: 9 }, (_, i) => `<!ENTITY ${'b'.repeat(i + 1)} "${`&${i === 0 ? 'a' : 'b'.repeat(i)};`.repeat(10)}">`).join('\n')}
]>
<rss version="2.0"><channel><title>&bbbbbbbbb;</title></channel></rss>`;

const ms = (from: number) => Math.round((performance.now() - from) * 10) / 10;

export async function run(argv: readonly string[], io: Io): Promise<number> {
  const program = createProgram('bench:import', 'Measure a feed import on a synthetic feed.', io)
    .option('--items <n>', 'items in the feed', '300')
    .option('--out <dir>', 'where to write import.json and import.md', 'bench-results')
    .action(async (flags: { items: string; out: string }) => {
      const items = Number(flags.items);
      if (!Number.isInteger(items) || items < 1)
        throw new UsageError(`--items: expected a whole number of 1 or more, got "${flags.items}"`);
      const dir = await mkdtemp(join(tmpdir(), 'podqa-bench-import-'));
      try {
        const feedFile = join(dir, 'feed.xml');
        const xml = rssFeed('Synthetic Show', syntheticItems(items));
        await writeFile(feedFile, xml);
        const dataDir = join(dir, 'data');
        await mkdir(join(dataDir, 'episodes'), { recursive: true });
        if (existsSync('data/aliases.json')) cpSync('data/aliases.json', join(dataDir, 'aliases.json'));

        let started = performance.now();
        parseFeedXml(xml, feedFile);
        const parseMs = ms(started);

        const logger = createLogger('silent');
        const library = await EpisodeLibrary.open({ dataDir, logger });
        started = performance.now();
        const first = await library.importFeed(feedFile);
        const importMs = ms(started);
        started = performance.now();
        const again = await library.importFeed(feedFile);
        const unchangedMs = ms(started);

        started = performance.now();
        let bombRefused = false;
        try {
          parseFeedXml(BOMB, 'bomb.xml');
        } catch (err) {
          bombRefused = err instanceof FeedError;
        }
        const bombMs = ms(started);

        const figures = {
          items,
          feedBytes: Buffer.byteLength(xml),
          cores: cpus().length,
          parseMs,
          importMs,
          importedEpisodes: first.counts.imported,
          indexRebuildMs: first.index?.tookMs ?? null,
          passages: first.index?.passages ?? null,
          unchangedImportMs: unchangedMs,
          unchangedItems: again.counts.unchanged,
          entityBombRefused: bombRefused,
          entityBombMs: bombMs,
        };
        await mkdir(flags.out, { recursive: true });
        await writeFile(join(flags.out, 'import.json'), `${JSON.stringify(figures, null, 2)}\n`);
        const table = [
          `| items | feed | cores | parse | import + index rebuild | of which rebuild | unchanged re-import | entity bomb refused in |`,
          `| --- | --- | --- | --- | --- | --- | --- | --- |`,
          `| ${items} | ${Math.round(figures.feedBytes / 1024)} KB | ${figures.cores} | ${parseMs} ms | ${importMs} ms | ${figures.indexRebuildMs} ms | ${unchangedMs} ms | ${bombMs} ms |`,
        ].join('\n');
        await writeFile(join(flags.out, 'import.md'), `${table}\n`);
        io.out(table);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  return execute(program, argv, io);
}

if (import.meta.url === `file://${process.argv[1]}`) main(run);
