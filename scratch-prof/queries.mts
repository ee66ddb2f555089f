import pino from 'pino';
import { EpisodeLibrary } from '../src/answers/library.js';
import { queryMix, random, vocabulary } from '../src/bench/corpus.js';
import { readdirSync, readFileSync } from 'node:fs';
const dir = process.argv[2]!;
const library = await EpisodeLibrary.open({ dataDir: dir, logger: pino({ level: 'silent' }) });
const texts: string[] = [];
const rand0 = random(42);
for (const name of readdirSync(`${dir}/episodes`).slice(0, 600)) {
  const doc = JSON.parse(readFileSync(`${dir}/episodes/${name}`, 'utf8'));
  if (rand0() < 0.3) texts.push(doc.sections[0]?.bullets[0] ?? doc.title);
}
const queries = queryMix(random(7), vocabulary(random(1)), texts, 400);
library.ask('warm up');
const rows: [number, number, string][] = [];
for (const q of queries) {
  const c = process.cpuUsage(); const t = performance.now();
  library.ask(q, { limit: 3 });
  const cpu = process.cpuUsage(c);
  rows.push([(cpu.user + cpu.system) / 1000, performance.now() - t, q]);
}
rows.sort((a, b) => b[0] - a[0]);
console.log(rows.slice(0, 12).map((r) => `${r[0].toFixed(1)}cpu ${r[1].toFixed(1)}wall ${r[2]}`).join('\n'));
console.log('p50cpu', rows[200]![0].toFixed(2));
