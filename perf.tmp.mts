import { mkdirSync, mkdtempSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from './node_modules/pino/pino.js';
import { EpisodeLibrary } from './src/answers/library.ts';
import { loadEpisodes } from './src/sources/loadEpisodes.ts';
import { buildPassages } from './src/passages/passage.ts';
const words = 'the marsh is rising faster than anyone expected and the herons know it while oysters filter water and ferries run on batteries'.split(' ');
const stamp = (s: number) => { const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60; return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${sec.toFixed(3).padStart(6, '0')}`; };
const dir = mkdtempSync(join(tmpdir(), 'podqa-perf-')); mkdirSync(join(dir, 'episodes')); writeFileSync(join(dir, 'aliases.json'), '{"groups":[]}');
const N = Number(process.argv[2] ?? 20);
for (let e = 0; e < N; e++) {
  const vtt = ['WEBVTT', '']; let n = 0;
  for (let t = 0; t < 3 * 3600; t += 3.2) { const text = Array.from({ length: 9 }, (_, i) => words[(n * 7 + i * (e + 3)) % words.length]).join(' ') + (n % 3 === 2 ? '.' : ''); vtt.push(`${stamp(t)} --> ${stamp(t + 3.2)}`, `<v Host ${n % 2}>${text}`, ''); n++; }
  writeFileSync(join(dir, 'episodes', `ep${e}.txt`), `Episode ${e}\n0:00 Intro\n1:00:00 Middle\n2:00:00 End\n`);
  writeFileSync(join(dir, 'episodes', `ep${e}.vtt`), vtt.join('\n'));
}
let t = performance.now();
const loaded = await loadEpisodes(join(dir, 'episodes'));
const loadMs = performance.now() - t;
t = performance.now();
const passages = loaded.episodes.flatMap(buildPassages);
const passMs = performance.now() - t;
t = performance.now();
const lib = await EpisodeLibrary.open({ dataDir: dir, logger: pino({ level: 'silent' }) });
const openMs = performance.now() - t;
t = performance.now();
for (let i = 0; i < 20; i++) lib.ask('oysters filter water herons', { limit: 5 });
const askMs = (performance.now() - t) / 20;
console.log({ episodes: N, cues: loaded.episodes.reduce((s, e) => s + e.transcript.length, 0), transcriptPassages: passages.filter(p => p.kind === 'transcript').length, loadMs: loadMs.toFixed(0), passagesMs: passMs.toFixed(0), openWithIndexBuildMs: openMs.toFixed(0), askMs: askMs.toFixed(1), indexBytes: statSync(join(dir, 'index.json')).size });
console.log({ episodesJson: JSON.stringify(loaded.episodes).length, passagesJson: JSON.stringify(passages).length });
