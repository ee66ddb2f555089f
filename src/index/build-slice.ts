import { readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { buildPassages } from '../passages/passage.js';
import { type LoadedSources, loadEpisodes } from '../sources/loadEpisodes.js';
import { EpisodeIndex, passageWords } from './EpisodeIndex.js';
import { pathsOf } from './build.js';
import { type SliceSegment, type SliceTask, type SliceWords, wordsOf } from './parallelBuild.js';
import { writeSegment } from './store.js';

/**
 * A child of `buildInParallel`, which sends it slice after slice: `words` parses a slice's sources
 * (the names it is sent), keeps what it read and its passages' words in the task's hand-off file
 * (v8's serialisation: read back in a fraction of a parse) and says their words; `index` indexes a hand-off with the
 * catalogue's analysis, writes it as a segment and removes the hand-off. Sends back what it made, or
 * `{ error }`; exits when the parent closes the channel.
 */
process.on('message', (task: SliceTask) => {
  void run(task)
    .then(
      (value) => ({ value }),
      (err: unknown) => ({ error: err instanceof Error ? err.message : String(err) }),
    )
    .then((answer) => {
      // A slice's leftovers are collected before the next: they would add to its peak otherwise.
      collectGarbage?.();
      process.send?.(answer);
    });
});
const collectGarbage = (globalThis as { gc?: () => void }).gc;
process.once('disconnect', () => process.exit(0));

/** What a slice's first pass keeps for its indexing: what the parse said, and the passages' words. */
type Handoff = Pick<LoadedSources, 'episodes' | 'rejected' | 'warnings' | 'coverage'> & {
  own: ReturnType<typeof passageWords>;
};

async function run(task: SliceTask): Promise<SliceWords | SliceSegment> {
  const paths = pathsOf(task.dataDir);
  if (task.kind === 'words') {
    const names = new Set(task.names);
    const loaded = await loadEpisodes(paths.episodes, (name) => names.has(name));
    const { episodes, rejected, warnings, coverage } = loaded;
    const passages = episodes.flatMap(buildPassages);
    const own = passageWords(passages);
    await writeFile(
      task.handoff,
      serialize({ episodes, rejected, warnings, coverage, own } satisfies Handoff),
    );
    return wordsOf(
      episodes.map((episode) => episode.id),
      passages,
      own.tokens,
    );
  }
  const loaded = deserialize(await readFile(task.handoff)) as Handoff;
  await unlink(task.handoff);
  const passages = loaded.episodes.flatMap(buildPassages);
  const index = EpisodeIndex.build(passages, task.groups, undefined, {
    tokens: task.tokens,
    own: loaded.own,
  });
  const entry = await writeSegment(dirname(paths.index), { episodes: loaded.episodes, index: index.parts });
  return {
    entry,
    episodes: loaded.episodes.length,
    passages: passages.length,
    rejected: loaded.rejected,
    warnings: loaded.warnings,
    coverage: loaded.coverage,
  };
}
