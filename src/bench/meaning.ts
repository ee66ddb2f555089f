import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { queryMix, random, vocabulary } from './corpus.js';
import { writeCatalogue } from './main.js';

/**
 * `npx tsx src/bench/meaning.ts [passages] [queries]`: what meaning (GloVe's vectors of the
 * catalogue's words) costs on `npm run bench`'s synthetic catalogue: engine p50/p99 and resident memory
 * with meaning on and off (separate processes, then the same questions asked of both in turn), and the
 * memory of the catalogue's vectors against the whole table's. `DATA_DIR=dir` measures the vectors
 * of a built catalogue instead (the bundled one). Prints JSON.
 */

const run = promisify(execFile);
const measure = async (...args: string[]) => {
  const { stdout } = await run(
    process.execPath,
    ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', 'src/bench/measure.ts', ...args],
    { maxBuffer: 1e7 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) as string) as Record<string, unknown>;
};

const [size = '300000', queries = '400'] = process.argv.slice(2);
const bundled = process.env.DATA_DIR;
if (bundled) {
  process.stdout.write(
    `${JSON.stringify({ dataDir: bundled, vectors: await measure('vectors', bundled) })}\n`,
  );
} else {
  const dataDir = await mkdtemp(join(tmpdir(), 'podqa-bench-meaning-'));
  try {
    const texts = await writeCatalogue(dataDir, Number(size));
    const queriesPath = join(dataDir, 'queries.json');
    await writeFile(
      queriesPath,
      JSON.stringify(queryMix(random(7), vocabulary(random(1)), texts, Number(queries))),
    );
    const build = await measure('build', dataDir);
    const pick = ({ engine, engineCpu, heapMb, rssMb, warmUpMs }: Record<string, unknown>) => ({
      engine,
      engineCpu,
      heapMb,
      rssMb,
      warmUpMs,
    });
    const off = pick(await measure('podqa-words', dataDir, queriesPath));
    const on = pick(await measure('podqa', dataDir, queriesPath));
    const paired = await measure('paired', dataDir, queriesPath);
    const vectors = await measure('vectors', dataDir);
    process.stdout.write(
      `${JSON.stringify({ passages: build.passages, on, off, paired, vectors }, null, 2)}\n`,
    );
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
