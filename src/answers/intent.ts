import type { Episode } from '../episodes/schema.js';
import type { SearchHit } from '../index/EpisodeIndex.js';
import { type Steps, runNow } from '../index/cooperative.js';
import { type NamedEpisode, readEpisodeNamed } from '../text/episodeNamed.js';
import { type EpisodePart, inPart, readPosition } from '../text/position.js';
import { type Speaker, familiarForms, names, readSpeakers, spokenBy, speakersOf } from '../text/speakers.js';
import { wordNet } from '../text/wordnet.js';

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
  /** The catalogue's other people: a passage naming them too is about the episode, not one speaker's view. */
  others: Speaker[];
  /** The episodes the question names ("ep 41", "the pensions episode"): where to look; empty when none. */
  episodes: string[];
}

export function readIntent(
  question: string,
  speakers: readonly Speaker[],
  episodes: readonly NamedEpisode[] = [],
): Intent {
  const position = readPosition(question);
  const named = readEpisodeNamed(position.rest, episodes);
  const spoken = readSpeakers(named.rest, speakers);
  const others = speakers.filter((speaker) => !spoken.speakers.includes(speaker));
  const searchedAs = spoken.speakers.some((speaker) => speaker.unlabelled) ? named.rest : spoken.rest;
  return { text: searchedAs, part: position.part, speakers: spoken.speakers, others, episodes: named.ids };
}

/**
 * The people of a catalogue as speakers, with the nicknames the moderators' aliases give them and the
 * familiar forms of their first names that their own episodes' transcripts use ("Ozzy" for Oz).
 */
export function catalogueSpeakers(
  episodes: readonly Episode[],
  aliases: readonly (readonly string[])[],
): Speaker[] {
  return runNow(speakersInSteps(episodes, aliases));
}

/**
 * `catalogueSpeakers` a step per episode read: a long-running process makes them a slice at a time
 * while it warms, since reading every transcript of a large catalogue holds the event loop for long.
 */
export function* speakersInSteps(
  episodes: readonly Episode[],
  aliases: readonly (readonly string[])[],
): Steps<Speaker[]> {
  const wordsOf = new Map<string, Set<string>>();
  const labelled = new Set<string>();
  for (const episode of episodes) {
    if (episode.people.length === 0) continue;
    yield;
    if (episode.transcript.length === 0) continue;
    // One voice tag on the first cue labels no hour: a transcript labels who speaks when most cues do.
    if (episode.transcript.filter((cue) => cue.speaker !== null).length * 2 >= episode.transcript.length)
      for (const { name } of episode.people) labelled.add(name);
    const words = new Set(episode.transcript.flatMap((cue) => cue.text.match(/\p{Lu}\p{L}+/gu) ?? []));
    // Added in place: a host of a thousand episodes would otherwise copy their words a thousand times.
    for (const { name } of episode.people) {
      const known = wordsOf.get(name) ?? new Set<string>();
      for (const word of words) known.add(word);
      wordsOf.set(name, known);
    }
  }
  const isWord = (word: string) => wordNet().baseForms(word).length > 0;
  const familiar = new Map([...wordsOf].map(([name, words]) => [name, familiarForms(name, words, isWord)]));
  return speakersOf(
    new Set(episodes.flatMap((episode) => episode.people.map((person) => person.name))),
    aliases,
    familiar,
  ).map((speaker) => ({ ...speaker, unlabelled: wordsOf.has(speaker.name) && !labelled.has(speaker.name) }));
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
 * window labelled with their name) or they name the speaker and not the episode's other people (a
 * summary), then by whether the speaker is on their episode; ties keep the lexical order.
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
      const on = (speaker: Speaker) =>
        episode?.people.some((person) => person.name === speaker.name) ?? false;
      // A summary naming the episode's other people too ("Mags and Theo on…") singles no one out; the
      // list of who is on the episode is where every name is, never what one of them said.
      const said =
        kind === 'transcript'
          ? spokenBy(text, speakers)
          : kind !== 'people' && names(text, speakers) && !names(text, intent.others.filter(on));
      const onEpisode = kind !== 'people' && speakers.some(on);
      rank += said ? 0 : onEpisode ? 1 : 2;
    }
    return rank;
  };
  return hits
    .map((hit, order) => ({ hit, order, rank: rankOf(hit) }))
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .map(({ hit }) => hit);
}
