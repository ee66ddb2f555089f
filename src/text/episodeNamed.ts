import { analyze } from './analyze.js';

/**
 * An episode named in a question: "in the intro of ep 41", "near the end of the gullfield live show",
 * "the pensions episode". Listeners point at an episode by its number or by a word or two of its
 * title followed by "episode" or "show". The episode becomes a filter; an episode's number says which
 * hour to look in, not what to find in it, so it is taken out of what is searched.
 */

/** What a question can name an episode by. */
export interface NamedEpisode {
  id: string;
  title: string;
  /** The show's own number (`itunes:episode`), or null. */
  number: number | null;
}

/** "ep 41", "episode 41", "ep. 41", "ep #41", "e41", "#41". */
const BY_NUMBER = /(?:\bep(?:isode)?\.?\s*#?\s*|\be|#)(\d{1,4})\b/i;
/** "the pensions episode", "that gullfield live show": one to three words before "episode", "ep" or "show". */
const BY_TITLE = /\b(?:the|that)\s+((?:[\p{L}\p{N}'’-]+\s+){1,3}?)(?:episode|ep|show)\b/iu;
/** A title's own number: "E41: …", "Ep 41 - …", "Episode 41: …", "#41 …". */
const TITLE_NUMBER = /^\s*(?:e|ep\.?|episode|#)\s*#?\s*0*(\d{1,4})\b/i;

/** A title's number: the page's, else the one its title starts with. */
function numberOf(episode: NamedEpisode): number | null {
  if (episode.number !== null) return episode.number;
  const match = TITLE_NUMBER.exec(episode.title);
  return match ? Number(match[1]) : null;
}

/**
 * The episodes a question names and the question without the naming words. Nothing is read when the
 * words name no episode or every one (`the live show` of a catalogue of live shows names none).
 */
export function readEpisodeNamed(
  question: string,
  episodes: readonly NamedEpisode[],
): { ids: string[]; rest: string } {
  const without = (match: RegExpExecArray) =>
    `${question.slice(0, match.index)} ${question.slice(match.index + match[0].length)}`
      .replace(/\s+/g, ' ')
      .trim();
  const named = (ids: string[]) => ids.length > 0 && ids.length < episodes.length;
  const number = BY_NUMBER.exec(question);
  if (number) {
    const wanted = Number(number[1]);
    const ids = episodes.filter((episode) => numberOf(episode) === wanted).map(({ id }) => id);
    if (named(ids)) return { ids, rest: without(number) };
  }
  const title = BY_TITLE.exec(question);
  if (title) {
    const words = analyze(title[1] as string);
    const ids = episodes
      .filter((episode) => {
        const own = new Set(analyze(episode.title));
        return words.length > 0 && words.every((word) => own.has(word));
      })
      .map(({ id }) => id);
    // A title's words stay searched: they are the episode's topic too, and its title lends them to its windows.
    if (named(ids)) return { ids, rest: question };
  }
  return { ids: [], rest: question };
}
