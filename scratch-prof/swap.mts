import { monitorEventLoopDelay } from 'node:perf_hooks';
import pino from 'pino';
import { EpisodeLibrary } from '../src/answers/library.js';
import { EpisodeIndex } from '../src/index/EpisodeIndex.js';
import { readIndexFile } from '../src/index/store.js';
const dir = process.argv[2]!;
let t = performance.now();
await EpisodeLibrary.open({ dataDir: dir, logger: pino({ level: 'silent' }) });
console.log('open', Math.round(performance.now() - t));
for (let round = 0; round < 3; round++) {
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  let worst = 0; let last = performance.now();
  const timer = setInterval(() => { const now = performance.now(); worst = Math.max(worst, now - last); last = now; }, 1);
  t = performance.now();
  const read = await readIndexFile(`${dir}/index.json`, { cooperative: true });
  const t1 = performance.now();
  if (!('file' in read)) throw new Error(read.reason);
  const index = await EpisodeIndex.load(read.file.index);
  const t2 = performance.now();
  clearInterval(timer);
  h.disable();
  console.log('read', Math.round(t1 - t), 'fromParts', Math.round(t2 - t1), 'max delay', (h.max / 1e6).toFixed(1), 'worst gap', worst.toFixed(1));
  void index;
}
