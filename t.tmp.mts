import { readFileSync } from 'node:fs';
import { parseSource } from './src/sources/loadEpisodes.ts';
for (const n of ['chrome-first.txt', 'toc-emoji.txt']) {
  const { episode, problems } = parseSource(n, readFileSync(`test/fixtures/sources/layouts/${n}`));
  console.log(n, episode?.title, episode?.published, episode?.duration, JSON.stringify(episode?.chapters.map(c=>[c.title,c.start])), JSON.stringify(episode?.sections.map(s=>[s.title,s.start])), problems.map(p=>p.message));
}
