/**
 * Site chrome: what a page carries that is not about the episode (navigation, promos, link lists).
 * It never reaches passage text; links are kept apart as references.
 */

const CHROME_LINES: readonly RegExp[] = [
  /^skip to (main )?content$/i,
  /^listen to episode$/i,
  /^note: ai-generated summary/i,
  /^ask about this post/i,
  /^answers are grounded/i,
  /^watch on youtube/i,
  /^get more out of youtube videos/i,
  /^high quality summaries for youtube videos/i,
  /^(share|subscribe|sign in|log in|menu|home|search)$/i,
  /^(about|by) all-in\b/i,
  /^follow (on|us on) [\w ]+:?/i,
  /^follow [\w ]+:\s*https?:\/\//i,
  /^read more\.?$/i,
  /^(?:[←<]\s*)?back to (?:index|home|all episodes|episodes|the list)$/i,
  /^(?:podcast )?episode summary$/i,
  /^#\w+(\s+#\w+)*$/,
];

/** True for a whole line of site chrome, including a site name printed twice (`All-In PodcastAll-In Podcast`). */
export function isChromeLine(line: string): boolean {
  const text = line.trim();
  if (text === '') return false;
  if (CHROME_LINES.some((pattern) => pattern.test(text))) return true;
  if (isDoubled(text)) return true;
  return /^(https?:\/\/\S+\s*)+$/.test(text);
}

function isDoubled(text: string): boolean {
  if (text.length % 2 !== 0 || text.length < 6) return false;
  const half = text.length / 2;
  return text.slice(0, half) === text.slice(half);
}

const URL = /https?:\/\/[^\s<>"')\]]+/g;

/** Every URL in a text, in order, without trailing punctuation. */
export function findLinks(text: string): string[] {
  return [...text.matchAll(URL)].map(([url]) => url.replace(/[.,;:!?]+$/, ''));
}

/**
 * Where promo and link-list text begins in a description line (`Follow Gavin: https://…`,
 * `Referenced in the show:`, a bare URL, hashtags): the chapter text before it is content.
 */
export function contentEnd(text: string): number {
  const markers = [
    /\bFollow (?:on )?[\w@. ]{1,40}:/,
    /\b(?:Apply|Sign up|Register) for [^:]{1,60}:\s*https?:/,
    /\bIntro (?:Music|Video) Credit:/,
    /\bReferenced in the show:/,
    /https?:\/\//,
    /(?:^|\s)#\w+/,
  ];
  let end = text.length;
  for (const marker of markers) {
    const match = marker.exec(text);
    if (match && match.index < end) end = match.index;
  }
  return end;
}
