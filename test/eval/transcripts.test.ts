import { describe, expect, it } from 'vitest';
import { episodesDirOf } from '../../src/answers/sources.js';
import { loadQuestions } from '../../src/evaluation/questions.js';
import { loadEpisodes } from '../../src/sources/loadEpisodes.js';
import { TRANSCRIPT_CATALOGUE, TRANSCRIPT_SETS } from '../../src/terminal/eval.js';

/**
 * The transcript sets are labels over a catalogue written for them (test/eval/README.md). A label
 * naming an episode the catalogue lacks, or a window past an episode's end, would count as a miss for
 * ever without anyone noticing; a catalogue that stopped being read whole would measure less than it
 * claims. Nothing here asks the engine a question.
 */
describe('the transcript catalogue and its question sets', async () => {
  const loaded = await loadEpisodes(episodesDirOf(TRANSCRIPT_CATALOGUE));
  const endOf = new Map(loaded.episodes.map((e) => [e.id, e.transcript.at(-1)?.end ?? 0]));

  it('reads all four episodes whole: over an hour of timed speech each, chapters, no speaker labels', () => {
    expect(loaded.rejected).toEqual([]);
    expect(loaded.warnings).toEqual([]);
    expect(loaded.episodes).toHaveLength(4);
    for (const episode of loaded.episodes) {
      expect(endOf.get(episode.id)).toBeGreaterThan(3600);
      expect(episode.chapters.length).toBeGreaterThanOrEqual(18);
      // Like Whisper output: a cue with a speaker is the rare exception.
      expect(episode.transcript.filter((cue) => cue.speaker !== null).length).toBeLessThanOrEqual(1);
    }
  });

  it.each([
    { set: 'transcripts-dev', questions: 60, noAnswer: 8 },
    { set: 'transcripts-sealed', questions: 30, noAnswer: 6 },
  ] as const)(
    '$set has at least $questions questions, $noAnswer of them no-answer, each expecting a window inside an episode',
    async ({ set, questions, noAnswer }) => {
      const loadedQuestions = await loadQuestions(TRANSCRIPT_SETS[set]);
      expect(loadedQuestions.length).toBeGreaterThanOrEqual(questions);
      expect(loadedQuestions.filter((q) => q.targets === null).length).toBeGreaterThanOrEqual(noAnswer);
      for (const target of loadedQuestions.flatMap((q) => q.targets ?? [])) {
        if ('section' in target) throw new Error(`transcript windows all have times: ${target.section}`);
        expect(endOf.has(target.episode), target.episode).toBe(true);
        expect(target.from).toBeLessThan(target.to);
        // Windows are whole minutes, so the last may end at the minute after the speech does.
        expect(target.to).toBeLessThanOrEqual((endOf.get(target.episode) ?? 0) + 60);
      }
    },
  );
});
