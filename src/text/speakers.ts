import { foldDiacritics } from './normalize.js';

/**
 * Who a question asks about as a speaker: "what did Maren say about reefs", "Ivo's take on permits",
 * "according to Maren". Such a name says who is talking, not a word to find: searched as a word it
 * pulls answers to the intro, where names are spoken, and to nothing else when transcripts carry no
 * speaker labels. So it is taken out of what is searched and kept as the speaker to prefer.
 */

/** Verbs of speaking and holding a view, in the forms questions use. */
const SPEECH =
  'say|said|says|think|thinks|thought|argue|argued|argues|claim|claimed|claims|mean|meant|mention|mentioned|predict|predicted|reckon|reckons|feel|feels|felt|believe|believes|believed|suggest|suggested|explain|explained|joke|joked|admit|admitted|complain|complained|tell|told|make of|want|wanted|worry|worried|propose|proposed|describe|described|recommend|recommended|disagree|disagreed|agree|agreed|talk|talked|ask|asked';
const VIEW =
  'take|view|views|opinion|opinions|thoughts|point|argument|prediction|predictions|story|pitch|position|idea|theory|stance';

export interface Speaker {
  /** The person as the episodes list them. */
  name: string;
  /**
   * How a question or a transcript may call them: the full name, first and last names, nicknames;
   * folded and lower-case (`speakersOf`).
   */
  forms: readonly string[];
  /**
   * True when their episodes' transcripts never label who speaks: their name then stays in what is
   * searched (a window where a co-host addresses them by it is where they talk), as well as ordering.
   */
  unlabelled?: boolean;
}

const fold = (text: string) => foldDiacritics(text).toLowerCase().trim();

/** How much longer than the first name a familiar form may be: "Oz" → "Ozzy", "June" → "Junebug". */
const MAX_EXTENSION = 4;
/** The shortest shortened first name: "Theo" for "Theodore", never "Th". */
const MIN_SHORTENING = 3;

/**
 * The familiar forms of a person's first name that the catalogue itself uses near them: a word of
 * their episodes (`words`, as written) that extends their first name ("Ozzy" for Oz, "Junebug" for
 * June) or shortens it ("Theo" for Theodore). Never an English word (`isWord`): "Brandy" may be what
 * the hosts call Theo Brandvold, but a question saying "brandy" may mean the drink.
 */
export function familiarForms(
  name: string,
  words: Iterable<string>,
  isWord: (word: string) => boolean,
): string[] {
  const first = fold(name).split(/\s+/)[0] ?? '';
  if (first.length < 2) return [];
  const forms = new Set<string>();
  for (const written of words) {
    if (!/^\p{Lu}/u.test(written)) continue;
    const word = fold(written);
    const extends_ = word.startsWith(first) && word.length <= first.length + MAX_EXTENSION;
    const shortens = first.startsWith(word) && word.length >= MIN_SHORTENING;
    if (word !== first && (extends_ || shortens) && !isWord(word)) forms.add(word);
  }
  return [...forms];
}

/**
 * The catalogue's people with the forms each may be called by (their name, first and last names, the
 * moderators' aliases and the `familiar` forms found for them); a form shared by two people is no one's.
 */
export function speakersOf(
  people: Iterable<string>,
  aliases: readonly (readonly string[])[] = [],
  familiar: ReadonlyMap<string, readonly string[]> = new Map(),
): Speaker[] {
  const formsOf = new Map<string, Set<string>>();
  // Folded once, not once per person: a catalogue's acronym groups number in the thousands.
  const groups = aliases.map((group) => group.map(fold));
  for (const name of people) {
    const forms = formsOf.get(name) ?? new Set<string>();
    const words = fold(name).split(/\s+/).filter(Boolean);
    forms.add(words.join(' '));
    if (words.length > 1)
      for (const word of [words[0], words.at(-1)]) if (word && word.length > 2) forms.add(word);
    for (const form of familiar.get(name) ?? []) forms.add(fold(form));
    for (const group of groups)
      if (group.some((alias) => forms.has(alias))) for (const alias of group) forms.add(alias);
    formsOf.set(name, forms);
  }
  const owners = new Map<string, number>();
  for (const forms of formsOf.values())
    for (const form of forms) owners.set(form, (owners.get(form) ?? 0) + 1);
  return [...formsOf].map(([name, forms]) => ({
    name,
    forms: [...forms].filter((form) => owners.get(form) === 1).sort((a, b) => b.length - a.length),
  }));
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The speakers a question asks about and the question without their names. A name counts as a speaker
 * when the question asks what they said or thought ("what did X say", "did X think", "X's take on",
 * "according to X", "X argued"); a name asked about as a topic ("the guest Travis Kalanick") stays.
 */
export function readSpeakers(
  question: string,
  speakers: readonly Speaker[],
): { speakers: Speaker[]; rest: string } {
  let rest = foldDiacritics(question);
  let lower = rest.toLowerCase();
  const found: Speaker[] = [];
  for (const speaker of speakers) {
    for (const form of speaker.forms) {
      // Most names are not in the question: a plain search first spares building each one's pattern
      // (a catalogue of thousands of people would compile thousands a question).
      if (!lower.includes(form)) continue;
      const name = String.raw`\b${escape(form)}(?:['’]s)?\b`;
      const asked = new RegExp(
        [
          String.raw`(?<=\b(?:according\s+to|per)\s+)${name}`,
          String.raw`${name}(?=\s+(?:(?:really|actually|just|also|first|ever)\s+)?(?:${SPEECH})\b)`,
          String.raw`\b${escape(form)}['’]s(?=\s+(?:${VIEW})\b)`,
        ].join('|'),
        'i',
      );
      const match = asked.exec(rest);
      if (!match) continue;
      rest = `${rest.slice(0, match.index)}${rest.slice(match.index + match[0].length)}`;
      lower = rest.toLowerCase();
      found.push(speaker);
      break;
    }
  }
  if (found.length === 0) return { speakers: [], rest: question };
  return { speakers: found, rest: rest.replace(/\s+/g, ' ').trim() };
}

/**
 * Whether a transcript window's words are (partly) said by one of the speakers: it names them as a
 * speaker label (`Maren: …`, `Maren Holt: …`).
 */
export function spokenBy(text: string, speakers: readonly Speaker[]): boolean {
  const folded = foldDiacritics(text).toLowerCase();
  return speakers.some((speaker) =>
    speaker.forms.some((form) => new RegExp(String.raw`(?:^|[.!?…]\s+|\s)${escape(form)}:`).test(folded)),
  );
}

/** Whether a passage's text names one of the speakers (a summary's "Maren argues…"). */
export function names(text: string, speakers: readonly Speaker[]): boolean {
  const folded = foldDiacritics(text).toLowerCase();
  return speakers.some((speaker) =>
    speaker.forms.some((form) => new RegExp(String.raw`\b${escape(form)}\b`).test(folded)),
  );
}
