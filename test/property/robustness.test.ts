import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { EpisodeLibrary } from '../../src/answers/library.js';
import { Episode } from '../../src/episodes/schema.js';
import { parseSource } from '../../src/sources/loadEpisodes.js';
import { analyze } from '../../src/text/analyze.js';
import { copyOfData, recordingLogger } from '../support/data.js';

/**
 * Whatever arrives, podqa answers with an episode, a problem, or a notice: never an exception.
 * Documents are the real layouts mutated (lines cut, repeated, swapped, stamps mangled, random
 * Unicode spliced in); questions are random Unicode.
 */
/** CI runs a few thousand cases in all; FAULTS_FULL=1 runs ten times as many. */
const RUNS = process.env.FAULTS_FULL ? 10 : 1;

const layouts = [
  readFileSync('data/episodes/000_18c48776791e99b0.txt', 'utf8'),
  readFileSync('data/episodes/003_eb5b8ce79ba9296e.txt', 'utf8'),
  readFileSync('test/fixtures/sources/canonical.json', 'utf8'),
  readFileSync('test/fixtures/sources/paren-ranges.txt', 'utf8'),
  readFileSync('test/fixtures/sources/inline-hms.txt', 'utf8'),
];

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('repeat' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({
    kind: fc.constant('splice' as const),
    at: fc.nat(),
    text: fc.string({ unit: 'binary', maxLength: 40 }),
  }),
  fc.record({
    kind: fc.constant('stamp' as const),
    at: fc.nat(),
    text: fc.stringMatching(/^\(?\d{0,3}(:\d{0,3}){0,3}\)?( [-–] \d{1,2}:\d{1,2})?$/),
  }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(text: string, mutations: Mutation[]): string {
  const lines = text.split('\n');
  for (const m of mutations) {
    const i = m.at % Math.max(1, lines.length);
    if (m.kind === 'cut')
      return [...lines.slice(0, i), (lines[i] ?? '').slice(0, (lines[i] ?? '').length / 2)].join('\n');
    if (m.kind === 'delete') lines.splice(i, 1);
    else if (m.kind === 'repeat') lines.splice(i, 0, lines[i] ?? '');
    else if (m.kind === 'swap') {
      const j = m.with % Math.max(1, lines.length);
      [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
    } else {
      const line = lines[i] ?? '';
      const at = line.length ? m.at % line.length : 0;
      lines[i] = `${line.slice(0, at)}${m.text}${line.slice(at)}`;
    }
  }
  return lines.join('\n');
}

describe('every reader, on thousands of mutated documents', () => {
  it('returns a valid episode or problems naming the file, never throws', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...layouts.keys()),
        fc.array(mutation, { maxLength: 8 }),
        (which, mutations) => {
          const { episode, problems } = parseSource('doc.txt', mutate(layouts[which] as string, mutations));
          for (const problem of problems)
            expect(problem).toMatchObject({ file: 'doc.txt', message: expect.any(String) });
          if (!episode) {
            expect(problems.some((p) => p.severity === 'error')).toBe(true);
            return;
          }
          Episode.parse(episode);
          const end = episode.duration ?? Infinity;
          for (const part of [...episode.chapters, ...episode.sections])
            if (part.start !== null) expect(part.start).toBeLessThan(end);
        },
      ),
      { numRuns: 600 * RUNS },
    );
  });
});

describe('random questions', () => {
  let library: EpisodeLibrary;
  beforeAll(async () => {
    library = await EpisodeLibrary.open({ dataDir: copyOfData(), logger: recordingLogger().logger });
  });

  it('go through analysis and search without throwing, and every mark lies in its passage', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 700 }),
          fc.string({ unit: 'grapheme', maxLength: 80 }),
          fc.stringMatching(/^[\w .*+?^${}()|[\]\\-]{0,60}$/),
        ),
        (question) => {
          expect(Array.isArray(analyze(question))).toBe(true);
          const answer = library.ask(question, { limit: 5 });
          expect(answer.results.length).toBeLessThanOrEqual(5);
          for (const result of answer.results)
            for (const [start, end] of result.marks)
              expect(0 <= start && start < end && end <= result.text.length).toBe(true);
        },
      ),
      { numRuns: 2000 * RUNS },
    );
  });
});
