import { stemmer } from 'stemmer';
import { foldDiacritics, normalizeText } from './normalize.js';
import { joinSpokenForms } from './spoken.js';

/**
 * The one analysis of text into terms, shared by timeline alignment, indexing and searching, so
 * that a question and a page meet on the same terms. Terms keep the character span they came from,
 * so the words that matched can be marked in the original text.
 */

/**
 * Numbers stay whole with their sign, unit or suffix (`$6m`, `~$6M`, `5.2`, `3%`, `30-year`, `4x`);
 * `U.S.` is one token; words keep inner digits (`h100`) and apostrophes (`what's`, `Micron’s`).
 */
const TOKEN =
  /U\.S\.(?:A\.)?|[$€£]?\d+(?:[.,]\d+)*(?:%|[kmbtKMBT]\b|[xX]\b)?(?:[-\u2010-\u2013][\p{L}]+)?|\p{L}[\p{L}\p{N}\p{M}]*(?:['\u2019]\p{L}+)?|\p{N}+/gu;

/** A token or term and where it stands in the original text (`[start, end)` in UTF-16 units). */
export interface Span {
  term: string;
  start: number;
  end: number;
}

/**
 * Words repeat: normalising and stemming each once is most of what indexing a large corpus costs.
 * Bounded, so a stream of odd questions cannot grow it without end.
 */
function memoize(fn: (word: string) => string, capacity = 200_000): (word: string) => string {
  const cache = new Map<string, string>();
  return (word) => {
    let value = cache.get(word);
    if (value === undefined) {
      if (cache.size >= capacity) cache.clear();
      value = fn(word);
      cache.set(word, value);
    }
    return value;
  };
}

/**
 * Words as people type them in chat, and the words they stand for. Unknown to the pages and to
 * English, each would otherwise weigh as a name the pages never mention and sink the question.
 */
export const CHAT_SPELLINGS: ReadonlyMap<string, string> = new Map([
  ['ppl', 'people'],
  ['govt', 'government'],
  ['gov', 'government'],
  ['dems', 'democrats'],
  ['repubs', 'republicans'],
  ['econ', 'economy'],
  ['admin', 'administration'],
  ['prez', 'president'],
  ['bc', 'because'],
  ['cuz', 'because'],
  ['tho', 'though'],
  ['thru', 'through'],
  ['yr', 'year'],
  ['yrs', 'years'],
  ['bn', 'billion'],
  ['mil', 'million'],
  ['pod', 'podcast'],
  ['convo', 'conversation'],
  ['br', 'bedroom'],
  ['ep', 'episode'],
  ['eps', 'episodes'],
]);

/** One token as a comparable word: normalised, folded, lowercased; the country `US` is `usa`. */
const normalizeToken = memoize((raw: string): string => {
  // The country, written in capitals, must not fold into the pronoun "us" (a stopword).
  if (raw === 'US' || raw === 'USA' || raw.startsWith('U.S.')) return 'usa';
  const token = foldDiacritics(normalizeText(raw)).toLowerCase();
  // Possessives add nothing: `micron's` is `micron`.
  const word = token.endsWith("'s") ? token.slice(0, -2) : token;
  return CHAT_SPELLINGS.get(word) ?? word;
});

/**
 * Lowercased tokens with their spans, in order, before stopwords and stemming; amounts and phrasal
 * verbs joined (`three hundred billion` → `300b`, `laid off` → `layoff`: see `spoken.ts`).
 */
export function tokenSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const start = match.index ?? 0;
    spans.push({ term: normalizeToken(match[0]), start, end: start + match[0].length });
  }
  return joinSpokenForms(spans);
}

/** Lowercased raw tokens, in order, before stopwords and stemming. */
export function tokenize(text: string): string[] {
  return tokenSpans(text).map((span) => span.term);
}

/**
 * Words that carry no topic, questions' scaffolding included ("what did they say about"), and the
 * filler of chat ("lol", "tbh"): none is a name, and weighed as one it would sink the question.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are aren't as at be because been before being
  below between both but by can can't could couldn't did didn't do does doesn't doing don't down during each
  few for from further had hadn't has hasn't have haven't having he he'd he'll her here here's hers herself
  him himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself let's me more most
  mustn't my myself no nor not of off on once only or other ought our ours ourselves out over own same
  shan't she she'd she'll should shouldn't so some such than that that's the their theirs them themselves
  then there there's these they they'd they'll they're they've this those through to too under until up us
  very was wasn't we we'd we'll we're we've were weren't what what's when when's where where's which while
  who who's whom why why's will with won't would wouldn't you you'd you'll you're you've your yours
  yourself yourselves
  say said says saying talk talked talking tell told discuss discussed discussion mention mentioned
  mentions think thought anything something thing things ever get got go going just like really
  much many lot lots kind sort way ones one guys podcast podcasts episode episodes show shows hosts
  besties all-in allin
  know explain explained opinion opinions view views take takes vs versus anyone someone part
  happen happens happened happening little
  away every everyone everybody everything nobody anybody somebody else
  now currently lately recently enough
  whats hows whos wheres whens whys dont doesnt didnt isnt arent wasnt werent cant couldnt wouldnt
  shouldnt wont hasnt havent hadnt im ive youre youve theyre theyve thats theres heres
  getting gets gotten goes went gone knew knows thinks thinking tells telling talks explains
  explaining discusses discussing mentioning though
  lol lmao lmfao rofl haha hahaha imo imho ngl tbh btw idk ya yeah yep ok okay pls plz kinda gonna wanna
  gotta u ur hey hi hello thanks thx`
    .split(/\s+/)
    .filter(Boolean),
);

/** The stem of one lowercase token; numbers and tokens with digits are left whole. */
export function stemOnce(token: string): string {
  if (/\d/.test(token) || token.length < 3) return token;
  return stemmer(token);
}

/** `stemOnce`, remembered: for words, which repeat (not for one-off strings such as joined pairs). */
export const stem = memoize(stemOnce);

/** Content terms with spans: stopwords dropped, stemmed. */
export function termSpans(text: string): Span[] {
  return tokenSpans(text)
    .filter((span) => !STOPWORDS.has(span.term))
    .map((span) => ({ ...span, term: stem(span.term) }));
}

/** Terms for matching: tokenized, stopwords dropped, stemmed. */
export function analyze(text: string): string[] {
  return termSpans(text).map((span) => span.term);
}
