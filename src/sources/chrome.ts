/**
 * Site chrome: what a page carries that is not about the episode (navigation, promos, link lists).
 * It never reaches passage text; links are kept apart as references. Each kind has a rule name
 * (`chrome:nav`, …) that the coverage report shows moderators.
 */

const CHROME_RULES: readonly (readonly [rule: string, pattern: RegExp])[] = [
  ['chrome:nav', /^skip to (main )?content$/i],
  ['chrome:nav', /^(share|subscribe|sign in|log in|menu|home|search)$/i],
  ['chrome:nav', /^(?:[←<]\s*)?back to (?:index|home|all episodes|episodes|the list)$/i],
  ['chrome:nav', /^read more\.?$/i],
  ['chrome:nav', /^(?:podcast )?episode summary$/i],
  ['chrome:player', /^listen to episode$/i],
  ['chrome:player', /^watch on youtube/i],
  ['chrome:share', /^copied(?: to clipboard)?!?$/i],
  ['chrome:share', /^(?:copy|share)(?: (?:link|quote|this|to clipboard))?$/i],
  ['chrome:site-note', /^note: ai-generated summary/i],
  ['chrome:site-note', /^ask about this post/i],
  ['chrome:site-note', /^answers are grounded/i],
  ['chrome:promo', /^get more out of youtube videos/i],
  ['chrome:promo', /^high quality summaries for youtube videos/i],
  ['chrome:promo', /^follow (on|us on) [\w ]+:?/i],
  ['chrome:promo', /^follow [\w ]+:\s*https?:\/\//i],
  /** `The transcript of … is below for paying subscribers.`: a paywall notice, never content or a title. */
  [
    'chrome:paywall',
    /\b(?:is|are) (?:below|available|only|here) (?:for|to) (?:paid|paying) (?:subscribers|members)\b/i,
  ],
  [
    'chrome:paywall',
    /^(?:subscribe|upgrade|become a (?:paid )?(?:subscriber|member)) to (?:read|unlock|continue)/i,
  ],
  ['chrome:hashtags', /^#\w+(\s+#\w+)*$/],
];

/**
 * The rule that makes a whole line site chrome, or null for content: the patterns above, a site name
 * printed twice (`All-In PodcastAll-In Podcast`), a line of links only.
 */
export function chromeRule(line: string): string | null {
  const text = line.trim();
  if (text === '') return null;
  const found = CHROME_RULES.find(([, pattern]) => pattern.test(text));
  if (found) return found[0];
  if (isDoubled(text)) return 'chrome:doubled';
  return /^(https?:\/\/\S+\s*)+$/.test(text) ? 'chrome:url-only' : null;
}

/** True for a whole line of site chrome. */
export const isChromeLine = (line: string): boolean => chromeRule(line) !== null;

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
