import { describe, expect, it } from 'vitest';
import { EpisodeLibrary } from '../../../src/answers/library.js';
import { recordingLogger } from '../../support/data.js';
import { EPISODES, tidewaterDataDir } from '../../support/tidewater.js';

/**
 * A transcript never pushes an episode's summary out of reach: in a catalogue where every episode has
 * an hour of transcript talking about its topics in the same words, each summary section still answers
 * its question within the first three results.
 */
describe('summaries beside a transcript-heavy catalogue', async () => {
  const open = async (withTranscripts: boolean) =>
    EpisodeLibrary.open({ dataDir: tidewaterDataDir(withTranscripts), logger: recordingLogger().logger });
  const withTranscripts = await open(true);
  const topics = EPISODES.flatMap((episode) =>
    episode.topics.map((topic) => ({ episode: episode.id, ...topic })),
  );

  /** The rank (1-based) of the first summary or takeaway of the topic's section, or null past the first 5. */
  const summaryRank = (library: EpisodeLibrary, topic: (typeof topics)[number]) => {
    const results = library.ask(topic.question, { limit: 5 }).results;
    const at = results.findIndex(
      (r) =>
        r.episodeId === topic.episode &&
        r.section === topic.section &&
        (r.kind === 'summary' || r.kind === 'takeaway'),
    );
    return at < 0 ? null : at + 1;
  };

  it('indexes the transcripts: questions also find transcript passages', () => {
    const kinds = topics.flatMap((topic) =>
      withTranscripts.ask(topic.question, { limit: 5 }).results.map((r) => r.kind),
    );
    expect(kinds).toContain('transcript');
  });

  it.each(topics)('"$question" is answered by "$section" at rank ≤ 3', (topic) => {
    const rank = summaryRank(withTranscripts, topic);
    expect(rank).not.toBeNull();
    expect(rank).toBeLessThanOrEqual(3);
  });
});
