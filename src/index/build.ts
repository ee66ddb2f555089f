import { join } from 'node:path';
import type { Logger } from '../log.js';
import { buildPassages } from '../passages/passage.js';
import { coverageReport } from '../sources/coverage.js';
import { loadEpisodes } from '../sources/loadEpisodes.js';
import { EpisodeIndex } from './EpisodeIndex.js';
import { ALIASES_FILE, loadAliases } from './aliases.js';
import {
  ANALYSIS_FINGERPRINT,
  INDEX_FILE,
  INDEX_FORMAT_VERSION,
  type IndexFile,
  type SourceStamp,
  hashInputs,
} from './store.js';

export interface BuildOptions {
  /** Holds `episodes/`, `aliases.json` and the index (`index.json` and its data file). */
  dataDir: string;
  logger: Logger;
  /** Called as a long build goes (passages indexed so far, of all). */
  onProgress?: (done: number, total: number) => void;
}

export function pathsOf(dataDir: string) {
  return {
    episodes: join(dataDir, 'episodes'),
    aliases: join(dataDir, ALIASES_FILE),
    index: join(dataDir, INDEX_FILE),
  };
}

/**
 * Reads every source, indexes every good one, and says what was refused. `inputs`: the sources'
 * hashes when the caller has just computed them (to judge staleness), so they are not read twice.
 */
export async function buildIndexFile(
  options: BuildOptions,
  inputs?: SourceStamp[],
): Promise<{ file: IndexFile; index: EpisodeIndex }> {
  const paths = pathsOf(options.dataDir);
  const [loaded, aliases, hashes] = await Promise.all([
    loadEpisodes(paths.episodes).catch(() => null),
    loadAliases(paths.aliases),
    inputs ?? hashInputs(paths.episodes, paths.aliases),
  ]);
  if (loaded === null) throw new Error(`cannot read the episodes directory ${paths.episodes}`);
  for (const { file, problems } of loaded.rejected) {
    options.logger.warn({ file, problems: problems.map((p) => p.message) }, `refused ${file}`);
  }
  const passages = loaded.episodes.flatMap(buildPassages);
  const index = EpisodeIndex.build(passages, aliases.groups, options.onProgress);
  const file: IndexFile = {
    manifest: {
      formatVersion: INDEX_FORMAT_VERSION,
      analysis: ANALYSIS_FINGERPRINT,
      builtAt: new Date().toISOString(),
      sources: hashes,
      counts: {
        episodes: loaded.episodes.length,
        passages: passages.length,
        rejected: loaded.rejected.length,
      },
      rejected: loaded.rejected,
      warnings: [...loaded.warnings, ...aliases.problems],
      coverage: coverageReport(loaded.coverage),
    },
    episodes: loaded.episodes,
    index: index.parts,
  };
  return { file, index };
}
