import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from './node_modules/pino/pino.js';
import { EpisodeLibrary } from './src/answers/library.ts';
import { evaluate } from './src/evaluation/metrics.ts';
import { loadQuestions } from './src/evaluation/questions.ts';
import { QUESTION_SETS } from './src/terminal/eval.ts';
import { EPISODES, documentOf, tidewaterDataDir, transcriptOf } from './test/support/tidewater.ts';
const dir = tidewaterDataDir(process.argv[2] === "with");
cpSync('data/episodes', join(dir, 'episodes'), { recursive: true });
cpSync('data/aliases.json', join(dir, 'aliases.json'));
const library = await EpisodeLibrary.open({ dataDir: dir, logger: pino({ level: 'silent' }) });
const all = [];
for (const [name, path] of Object.entries(QUESTION_SETS)) {
  const qs = await loadQuestions(path); all.push(...qs);
  const r = evaluate(library, qs);
  console.log(name, (r.hitAt1*100).toFixed(1), (r.hitAt3*100).toFixed(1), r.mrr.toFixed(3), (r.noAnswerAccuracy*100).toFixed(1));
}
const r = evaluate(library, all);
console.log('all', (r.hitAt1*100).toFixed(1), (r.hitAt3*100).toFixed(1), r.mrr.toFixed(3), (r.noAnswerAccuracy*100).toFixed(1));
for (const q of await loadQuestions(QUESTION_SETS.blind)) {
  const text = (q as any).q ?? (q as any).question ?? (q as any).query;
  const res = library.ask(text, { limit: 5 }).results;
  if ((q as any).targets === null && res.length) console.log(JSON.stringify(q).slice(0, 200), '→', JSON.stringify(res.map((r) => [r.kind, r.episodeId, r.score.toFixed(2), r.text.slice(0, 80)])));
}
