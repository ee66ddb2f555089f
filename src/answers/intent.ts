import type { Episode } from '../episodes/schema.js';
import type { SearchHit } from '../index/EpisodeIndex.js';
import { type EpisodePart, inPart, readPosition } from '../text/position.js';
import { type Speaker, names, readSpeakers, spokenBy, speakersOf } from '../text/speakers.js';

/**
 * What a question says beyond its topic: where in the episode ("near the end") and who was talking
 * ("what did Maren say about…"). Those words are taken out of what is searched, and the passages
 * found are then ordered by them: passages in that part of the episode, and said by (or naming) that
 * person, first, each group in the lexical order.
 */
export interface Intent {
  /** What is searched: the question without its position and speaker words. */
  text: string;
  part: EpisodePart | null;
  speakers: Speaker[];
}

export function readIntent(question: string, speakers: readonly Speaker[]): Intent {
  const position = readPosition(question);
  const spoken = readSpeakers(position.rest, speakers);
  return { text: spoken.rest, part: position.part, speakers: spoken.speakers };
}

/** The people of a catalogue as speakers, with the nicknames the moderators' aliases give them. */
export function catalogueSpeakers(
  episodes: readonly Episode[],
  aliases: readonly (readonly string[])[],
): Speaker[] {
  return speakersOf(
    new Set(episodes.flatMap((episode) => episode.people.map((person) => person.name))),
    aliases,
  );
}

/**
 * An episode's length in seconds: as the page says, or else the latest moment its chapters, sections
 * or transcript reach. Null when nothing is timed.
 */
export function lengthOf(episode: Episode): number | null {
  if (episode.duration !== null) return episode.duration;
  const moments = [
    ...episode.chapters.flatMap((chapter) => [chapter.start, chapter.end]),
    ...episode.sections.flatMap((section) => [section.start, section.end]),
    ...episode.transcript.slice(-1).map((cue) => cue.end ?? cue.start),
  ].filter((moment): moment is number => moment !== null);
  return moments.length ? Math.max(...moments) : null;
}

/**
 * The hits ordered by the intent: first by whether they lie in the part of the episode asked about
 * (a passage with no moment counts as outside it), then by whether the speaker said them (a transcript
 * window labelled with their name) or they name the speaker (a summary), then by whether the speaker
 * is on their episode; ties keep the lexical order.
 */
export function orderByIntent(
  hits: readonly SearchHit[],
  intent: Intent,
  episodeOf: (id: string) => Episode | undefined,
): SearchHit[] {
  if (intent.part === null && intent.speakers.length === 0) return [...hits];
  const { part, speakers } = intent;
  const rankOf = (hit: SearchHit): number => {
    let rank = 0;
    const episode = episodeOf(hit.episodeId);
    if (part !== null) {
      const length = episode ? lengthOf(episode) : null;
      const start = hit.passage.start;
      if (length === null || start === null || !inPart(part, start, length)) rank += 4;
    }
    if (speakers.length > 0) {
      const { kind, text } = hit.passage;
      const said = kind === 'transcript' ? spokenBy(text, speakers) : names(text, speakers);
      const onEpisode =
        episode?.people.some((person) => speakers.some((s) => s.name === person.name)) ?? false;
      rank += said ? 0 : onEpisode ? 1 : 2;
    }
    return rank;
  };
  return hits
    .map((hit, order) => ({ hit, order, rank: rankOf(hit) }))
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .map(({ hit }) => hit);
}
