/**
 * Where in an episode a question asks about: "at the very start", "near the end", "in the intro",
 * "halfway through". Such words name no topic (an intro says "intro" nowhere), so they are taken out
 * of what is searched and kept as the part of the episode that answers should come from.
 */

/** A part of an episode, as fractions of its length: `[from, to)`. */
export interface EpisodePart {
  name: 'very start' | 'start' | 'middle' | 'end' | 'very end';
  from: number;
  to: number;
}

export const EPISODE_PARTS: Readonly<Record<EpisodePart['name'], EpisodePart>> = {
  'very start': { name: 'very start', from: 0, to: 0.05 },
  start: { name: 'start', from: 0, to: 0.15 },
  middle: { name: 'middle', from: 0.3, to: 0.7 },
  end: { name: 'end', from: 0.8, to: 1.01 },
  'very end': { name: 'very end', from: 0.93, to: 1.01 },
};

const OF_EPISODE = String.raw`(?:\s+of\s+(?:the|this|that)\s+(?:episode|show|pod(?:cast)?|conversation|ep))?`;
const AT = String.raw`(?:at|in|near|towards?|around|during|by|from)\s+the`;

/** Each phrase (whole words, any case) and the part it means, the more specific first. */
const PHRASES: readonly [RegExp, EpisodePart['name']][] = [
  [
    new RegExp(String.raw`\b(?:right\s+)?${AT}\s+very\s+(?:start|beginning|top|opening)${OF_EPISODE}`, 'i'),
    'very start',
  ],
  [new RegExp(String.raw`\b(?:right\s+)?${AT}\s+very\s+end${OF_EPISODE}`, 'i'), 'very end'],
  [
    new RegExp(
      String.raw`\b(?:right\s+)?${AT}\s+(?:start|beginning|top|opening|intro|introduction)${OF_EPISODE}`,
      'i',
    ),
    'start',
  ],
  [/\b(?:in\s+the\s+)?first\s+(?:few\s+|couple\s+(?:of\s+)?)?minutes\b/i, 'start'],
  [
    /\b(?:early\s+on|to\s+open\s+the\s+(?:episode|show)|to\s+kick\s+(?:things|it)\s+off|in\s+the\s+cold\s+open)\b/i,
    'start',
  ],
  [new RegExp(String.raw`\b${AT}\s+(?:end|close|outro|wrap[\s-]?up|closing)${OF_EPISODE}`, 'i'), 'end'],
  [/\b(?:in\s+the\s+)?(?:last|final|closing)\s+(?:few\s+|couple\s+(?:of\s+)?)?minutes\b/i, 'end'],
  [
    /\b(?:late\s+in\s+the\s+(?:episode|show)|(?:while|when)\s+wrapping\s+up|to\s+wrap\s+up|on\s+the\s+way\s+out)\b/i,
    'end',
  ],
  [
    new RegExp(
      String.raw`\b(?:${AT}\s+middle${OF_EPISODE}|halfway\s+through(?:\s+the\s+(?:episode|show))?|midway\s+through(?:\s+the\s+(?:episode|show))?)`,
      'i',
    ),
    'middle',
  ],
];

/**
 * The part of the episode a question names, and the question without those words. The first phrase
 * found wins; a question naming none is returned as it is.
 */
export function readPosition(question: string): { part: EpisodePart | null; rest: string } {
  for (const [pattern, name] of PHRASES) {
    const match = pattern.exec(question);
    if (!match) continue;
    const rest = `${question.slice(0, match.index)} ${question.slice(match.index + match[0].length)}`;
    return { part: EPISODE_PARTS[name], rest: rest.replace(/\s+/g, ' ').trim() };
  }
  return { part: null, rest: question };
}

/** Whether a moment (seconds) lies in the part of an episode `length` seconds long. */
export const inPart = (part: EpisodePart, seconds: number, length: number): boolean =>
  seconds >= part.from * length && seconds < part.to * length;
