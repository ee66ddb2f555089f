import { dirname } from 'node:path';
import { buildPassages } from '../passages/passage.js';
import { loadEpisodes } from '../sources/loadEpisodes.js';
import { EpisodeIndex } from './EpisodeIndex.js';
import { pathsOf } from './build.js';
import { type SliceSegment, type SliceTask, type SliceWords, wordsOf } from './parallelBuild.js';
import { writeSegment } from './store.js';

/**
 * The child of `buildInParallel`: reads one slice of the sources (the names it is sent), then either
 * says their words (`words`) or indexes them with the catalogue's analysis and writes them as a
 * segment (`index`); sends back what it made, or `{ error }`, and exits.
 */
process.once('message', (task: SliceTask) => {
  void run(task).then(
    (value) => process.send?.({ value }, () => process.exit(0)),
    (err: unknown) =>
      process.send?.({ error: err instanceof Error ? err.message : String(err) }, () => process.exit(1)),
  );
});

async function run(task: SliceTask): Promise<SliceWords | SliceSegment> {
  const paths = pathsOf(task.dataDir);
  const names = new Set(task.names);
  const loaded = await loadEpisodes(paths.episodes, (name) => names.has(name));
  const passages = loaded.episodes.flatMap(buildPassages);
  const ids = loaded.episodes.map((episode) => episode.id);
  if (task.kind === 'words') return wordsOf(ids, passages);
  const index = EpisodeIndex.build(passages, task.groups, undefined, { tokens: task.tokens });
  const entry = await writeSegment(dirname(paths.index), { episodes: loaded.episodes, index: index.parts });
  return {
    entry,
    episodes: ids.length,
    passages: passages.length,
    rejected: loaded.rejected,
    warnings: loaded.warnings,
    coverage: loaded.coverage,
  };
}
