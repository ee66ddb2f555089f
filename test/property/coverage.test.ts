import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EpisodeIndex } from '../../src/index/EpisodeIndex.js';
import { buildPassages } from '../../src/passages/passage.js';
import { parseSource, parseTranscriptEpisode } from '../../src/sources/loadEpisodes.js';
import { wordForms } from '../../src/sources/coverage.js';

/**
 * Nothing a page says is lost: for generated pages of any layout (stamps before, after, under or
 * above their titles, ranges, numbered and markdown headings, a table of bare ranges, untimed
 * paragraphs and bullets, chrome between), every sentence that is not chrome is found by a question
 * made of its two rarest words, and the coverage report counts no word as lost.
 */
const RUNS = process.env.FAULTS_FULL ? 10 : 1;

/** Made-up words: never stopwords, synonyms or each other's stems. */
const word = fc.stringMatching(/^[bdfgklmnprstvz][aeiou][bdfgklmnprstvz][aeiou][bdfgklmnprstvz][aeiou]$/);
const sentence = fc
  .array(word, { minLength: 4, maxLength: 9 })
  .map((words) => `${words.join(' ').replace(/^./, (c) => c.toUpperCase())}.`);
const body = fc.array(
  fc.oneof(
    { weight: 3, arbitrary: sentence },
    { weight: 1, arbitrary: sentence.map((s) => `- ${s}`) },
    { weight: 1, arbitrary: sentence.map((s) => `• ${s}`) },
  ),
  { minLength: 1, maxLength: 3 },
);
const title = fc.array(word, { minLength: 2, maxLength: 4 }).map((words) => `Segment ${words.join(' ')}`);
const chrome = fc.constantFrom('Copied to clipboard!', 'Share', 'Skip to content', 'https://example.org/ep');

/** How a chapter's stamp stands to its title. */
const stampForms = [
  (t: string, s: string) => [`${s} ${t}`],
  (t: string, s: string) => [`(${s}) ${t}`],
  (t: string, s: string) => [`${t} (${s})`],
  (t: string, s: string) => [t, `(${s})`],
  (t: string, s: string) => [s, t],
  (t: string, s: string) => [`## ${t} [${s}]`],
] as const;

const stamp = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

const page = fc
  .record({
    form: fc.nat(stampForms.length - 1),
    chapters: fc.array(fc.record({ title, body, noise: fc.option(chrome, { nil: undefined }) }), {
      minLength: 2,
      maxLength: 5,
    }),
    preamble: fc.array(sentence, { maxLength: 2 }),
  })
  .map(({ form, chapters, preamble }) => {
    const lines = ['Lantern Works 50: Generated', ...preamble];
    chapters.forEach((chapter, k) => {
      lines.push(...stampForms[form]!(chapter.title, stamp(k * 400 + 17)));
      if (chapter.noise) lines.push(chapter.noise);
      lines.push(...chapter.body);
    });
    const sentences = [...preamble, ...chapters.flatMap((c) => c.body)].map((s) => s.replace(/^[-•] /, ''));
    return { text: lines.join('\n'), sentences };
  });

/** Each sentence is found, whole, in the top ten passages a question of its two rarest words gets. */
function expectEachFound(passages: ReturnType<typeof buildPassages>, sentences: readonly string[]): void {
  const index = EpisodeIndex.build(passages);
  const count = new Map<string, number>();
  for (const form of sentences.flatMap(wordForms)) count.set(form, (count.get(form) ?? 0) + 1);
  for (const said of sentences) {
    const forms = wordForms(said);
    const rarest = [...new Set(forms)].sort((a, b) => (count.get(a) ?? 0) - (count.get(b) ?? 0)).slice(0, 2);
    const hits = index.search(rarest.join(' ')).hits.slice(0, 10);
    const found = hits.some((hit) => wordForms(hit.passage.text).join(' ').includes(forms.join(' ')));
    expect(found, `"${said}" by "${rarest.join(' ')}"`).toBe(true);
  }
}

describe('generated pages', () => {
  it('every sentence that is not chrome is found by its two rarest words, and no word is lost', () => {
    fc.assert(
      // A catalogue of a few pages per run: one index build serves them all.
      fc.property(fc.array(page, { minLength: 3, maxLength: 4 }), (pages) => {
        const passages = pages.flatMap(({ text }, k) => {
          const { episode, coverage } = parseSource(`generated-${k}.txt`, text);
          expect(coverage.unexplained).toEqual({ words: 0, examples: [] });
          return episode ? buildPassages(episode) : [];
        });
        expectEachFound(
          passages,
          pages.flatMap((p) => p.sentences),
        );
      }),
      { numRuns: 6 * RUNS },
    );
  });
});

/** A second as each format writes it. */
const clock = (seconds: number, sep = '.') => {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}${sep}000`;
};

/** Each transcript format a listener's files come in, written from the same cues (one sentence each). */
const transcriptForms = [
  {
    file: 'vtt',
    write: (cues: string[]) =>
      [
        'WEBVTT',
        '',
        'NOTE made for the test',
        '',
        ...cues.flatMap((cue, k) => [
          `cue-${k}`,
          `${clock(k * 6)} --> ${clock(k * 6 + 5)}`,
          `<v Ada>${cue}`,
          '',
        ]),
      ].join('\n'),
  },
  {
    file: 'srt',
    write: (cues: string[]) =>
      cues
        .flatMap((cue, k) => [
          `${k + 1}`,
          `${clock(k * 6, ',')} --> ${clock(k * 6 + 5, ',')}`,
          `<i>${cue}</i>`,
          '',
        ])
        .join('\n'),
  },
  {
    file: 'transcript.txt',
    write: (cues: string[]) =>
      cues.map((cue, k) => `[${clock(k * 6)} --> ${clock(k * 6 + 5)}]   ${cue}`).join('\n'),
  },
  {
    file: 'transcript.txt',
    write: (cues: string[]) =>
      cues.map((cue, k) => `[${clock(k * 6).slice(0, 8)}] Ada Lind: ${cue}`).join('\n'),
  },
  {
    file: 'transcript.txt',
    write: (cues: string[]) =>
      cues
        .flatMap((cue, k) => [
          `Ada Lind  ${Math.floor((k * 6) / 60)}:${String((k * 6) % 60).padStart(2, '0')}`,
          cue,
          '',
        ])
        .join('\n'),
  },
  { file: 'transcript.txt', write: (cues: string[]) => cues.join('\n\n') },
] as const;

const transcript = fc.record({
  form: fc.nat(transcriptForms.length - 1),
  cues: fc.array(sentence, { minLength: 3, maxLength: 30 }),
});

describe('generated transcripts', () => {
  it('in every format, every sentence is found by its two rarest words, and no word is lost', () => {
    fc.assert(
      fc.property(fc.array(transcript, { minLength: 3, maxLength: 4 }), (transcripts) => {
        const passages = transcripts.flatMap(({ form, cues }, k) => {
          const { file, write } = transcriptForms[form]!;
          const { episode, coverage, problems } = parseTranscriptEpisode(
            `generated-${k}.${file}`,
            write(cues),
          );
          expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
          expect(coverage.unexplained).toEqual({ words: 0, examples: [] });
          return episode ? buildPassages(episode) : [];
        });
        expectEachFound(
          passages,
          transcripts.flatMap((t) => t.cues),
        );
      }),
      { numRuns: 6 * RUNS },
    );
  });
});
