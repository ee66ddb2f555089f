import { readIndexFile } from '../src/index/store.js';
import { lexiconOf } from '../src/index/lexicon.js';
import { Postings, Scorer } from '../src/index/postings.js';
const dir = process.argv[2]!;
const read = await readIndexFile(`${dir}/index.json`);
if (!('file' in read)) throw new Error(read.reason);
const parts = read.file.index;
console.log('aliases', parts.lexicon.aliases.length, 'related', parts.lexicon.related.length, 'inflected', parts.lexicon.inflected.length, 'phrases', parts.lexicon.phrases.length, 'vocab', parts.lexicon.vocabulary.terms.length, 'terms', parts.postings.terms.length);
for (let r = 0; r < 3; r++) {
let t = performance.now();
const lap = (l: string) => { const n = performance.now(); process.stdout.write(`${l} ${(n - t).toFixed(1)}  `); t = n; };
const lex = lexiconOf(parts.lexicon, parts.passages.length); lap('lexicon');
const p = new Postings(parts.postings); lap('postings');
new Scorer(p); lap('scorer');
console.log();
void lex;
}
