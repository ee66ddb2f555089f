import { loadEpisodes } from './src/sources/loadEpisodes.ts';
const loaded = await loadEpisodes('data/episodes');
console.log(JSON.stringify({ episodes: loaded.episodes, warnings: loaded.warnings }, null, 1));
