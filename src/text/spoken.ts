import type { Span } from './analyze.js';

/**
 * Forms that speech and chat write differently from pages: amounts in words ("three hundred billion")
 * or with their scale apart ("300 bn"), and phrasal verbs that pages write as one noun ("lay offs",
 * "took over"). Applied to the tokens of indexing and of questions alike, so both meet on one form:
 * `$300b`, `3%`, `layoff`, `takeover`.
 */

const UNITS: ReadonlyMap<string, number> = new Map(
  [
    'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen',
    'sixteen seventeen eighteen nineteen',
  ]
    .join(' ')
    .split(' ')
    .map((word, value) => [word, value]),
);
const TENS: ReadonlyMap<string, number> = new Map(
  'twenty thirty forty fifty sixty seventy eighty ninety'.split(' ').map((word, i) => [word, (i + 2) * 10]),
);
/** A scale word (or its chat spelling) → the suffix the pages' amounts carry (`$300B`, `5k`). */
export const SCALES: ReadonlyMap<string, string> = new Map([
  ['thousand', 'k'],
  ['k', 'k'],
  ['million', 'm'],
  ['mil', 'm'],
  ['mn', 'm'],
  ['billion', 'b'],
  ['bn', 'b'],
  ['bil', 'b'],
  ['trillion', 't'],
  ['tn', 't'],
]);
const PERCENT = new Set(['percent', 'pct']);
/** Ordinals after a ten ("seventy-first") and the suffix of digits ("71st"): all are written `71th`. */
export const ORDINALS: ReadonlyMap<string, number> = new Map(
  'first second third fourth fifth sixth seventh eighth ninth'.split(' ').map((word, i) => [word, i + 1]),
);
const ORDINAL_SUFFIX = new Set(['st', 'nd', 'rd', 'th']);

/**
 * Phrasal verbs and the one word pages write for them: each form (any tense) → the compound. "laid
 * off" and "lay-offs" are the pages' "layoffs"; "took over" is a "takeover".
 */
export const PHRASAL_COMPOUNDS: ReadonlyMap<string, string> = new Map(
  (
    [
      ['layoff', 'lay laid laying lays', 'off offs'],
      ['takeover', 'take took taken taking takes', 'over overs'],
      ['buyout', 'buy bought buying buys', 'out outs'],
      ['selloff', 'sell sold selling sells', 'off offs'],
      ['shutdown', 'shut shutting shuts', 'down downs'],
      ['breakup', 'break broke broken breaking breaks', 'up ups'],
      ['bailout', 'bail bailed bailing bails', 'out outs'],
      ['startup', 'start', 'up ups'],
      ['spinoff', 'spin spun spinning spins', 'off offs'],
      ['rollout', 'roll rolled rolling rolls', 'out outs'],
      ['lockdown', 'lock locked locking locks', 'down downs'],
      ['meltdown', 'melt melted melting melts', 'down downs'],
      ['payout', 'pay paid paying pays', 'out outs'],
      ['pushback', 'push pushed pushing pushes', 'back backs'],
      ['walkout', 'walk walked walking walks', 'out outs'],
      ['crackdown', 'crack cracked cracking cracks', 'down downs'],
    ] as const
  ).flatMap(([compound, firsts, seconds]) =>
    firsts
      .split(' ')
      .flatMap((first) =>
        seconds.split(' ').map((second): [string, string] => [`${first} ${second}`, compound]),
      ),
  ),
);
/** The first words of `PHRASAL_COMPOUNDS`: most tokens are not, and need no pair looked up. */
const PHRASAL_FIRSTS = new Set([...PHRASAL_COMPOUNDS.keys()].map((pair) => pair.slice(0, pair.indexOf(' '))));

/**
 * The value of a run of number words starting at `from` ("three hundred", "twenty five", "a hundred and
 * ten"), and how many words it took; null if none. "one" alone is a pronoun as often as a number ("the
 * one about…"), so it counts only in a run.
 */
function numberAt(words: readonly string[], from: number): { value: number; length: number } | null {
  let value = 0;
  let length = 0;
  // What may come next: after a ten only a unit ("twenty five"), after a unit only "hundred".
  let expect: 'any' | 'unit' | 'hundred' | 'after-hundred' = 'any';
  for (let i = from; i < words.length; i++) {
    const word = words[i] as string;
    const unit = UNITS.get(word);
    const ten = TENS.get(word);
    if (
      unit !== undefined &&
      (expect === 'any' || expect === 'after-hundred' || (expect === 'unit' && unit < 10))
    ) {
      value += unit;
      expect = 'hundred';
    } else if (ten !== undefined && (expect === 'any' || expect === 'after-hundred')) {
      value += ten;
      expect = 'unit';
    } else if (word === 'hundred' && (expect === 'hundred' || (length === 1 && words[from] === 'a'))) {
      value = (value || 1) * 100;
      expect = 'after-hundred';
    } else if (word === 'a' && length === 0 && words[i + 1] === 'hundred') {
      length++;
      continue;
    } else if (
      word === 'and' &&
      expect === 'after-hundred' &&
      (UNITS.has(words[i + 1] ?? '') || TENS.has(words[i + 1] ?? ''))
    ) {
      length++;
      continue;
    } else break;
    length++;
  }
  const alone =
    length === 1 && (words[from] === 'one' || words[from] === 'zero') && words[from + 1] !== 'point';
  if (length === 0 || alone) return null;
  if (words[from + length - 1] === 'a' || words[from + length - 1] === 'and') return null;
  return { value, length };
}

/** A number written in digits (`300`, `$300`, `1.5`), with its sign apart, or null. */
const DIGITS = /^([$€£]?)(\d+(?:\.\d+)?)$/;

/**
 * The spans with amounts and phrasal verbs joined: number words become digits, a scale word joins
 * its number (`300 billion` → `300b`, `$300` `bn` → `$300b`), `percent` joins as `%`, and a phrasal
 * verb becomes its compound. Each joined span runs from its first word to its last.
 */
export function joinSpokenForms(spans: readonly Span[]): Span[] {
  const words = spans.map((span) => span.term);
  const out: Span[] = [];
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i] as Span;
    let amount: { sign: string; digits: string; length: number } | null = null;
    // Most tokens are no number: the cheap tests first (this runs on every token of every passage).
    const term = span.term;
    const spoken = UNITS.has(term) || TENS.has(term) || term === 'a' ? numberAt(words, i) : null;
    const first = term.charCodeAt(0);
    const written =
      (first >= 48 && first <= 57) || first === 36 || first === 8364 || first === 163
        ? DIGITS.exec(term)
        : null;
    if (spoken) {
      amount = { sign: '', digits: String(spoken.value), length: spoken.length };
      // "one point four (billion)": the digits said after "point" are the decimals.
      let decimals = '';
      for (let k = i + spoken.length + 1; words[i + spoken.length] === 'point'; k++) {
        const digit = UNITS.get(words[k] ?? '');
        if (digit === undefined || digit > 9) break;
        decimals += String(digit);
      }
      if (decimals)
        amount = {
          sign: '',
          digits: `${spoken.value}.${decimals}`,
          length: spoken.length + 1 + decimals.length,
        };
      // "one" before "point" was kept for the decimals; without them it is the pronoun ("the one point he made").
      else if (spoken.length === 1 && (words[i] === 'one' || words[i] === 'zero')) amount = null;
    } else if (written) amount = { sign: written[1] ?? '', digits: written[2] ?? '', length: 1 };
    if (amount) {
      const next = words[i + amount.length];
      const after = spans[i + amount.length];
      // "seventy-first": a ten and an ordinal unit; "71st": digits and the suffix written against them.
      const ordinal =
        spoken && TENS.has(words[i + amount.length - 1] as string) && next !== undefined
          ? ORDINALS.get(next)
          : undefined;
      const suffixed = written && next !== undefined && ORDINAL_SUFFIX.has(next) && after?.start === span.end;
      if (ordinal !== undefined || suffixed) {
        const last = spans[i + amount.length] as Span;
        const value = ordinal === undefined ? amount.digits : String(Number(amount.digits) + ordinal);
        out.push({ term: `${value}th`, start: span.start, end: last.end });
        i += amount.length;
        continue;
      }
      const scale = next === undefined ? undefined : SCALES.get(next);
      // A bare "k" after a number is a thousand; after anything else it is a letter.
      const suffix = scale ?? (next !== undefined && PERCENT.has(next) ? '%' : undefined);
      const taken = amount.length + (suffix === undefined ? 0 : 1);
      if (spoken || suffix !== undefined) {
        const last = spans[i + taken - 1] as Span;
        out.push({ term: `${amount.sign}${amount.digits}${suffix ?? ''}`, start: span.start, end: last.end });
        i += taken - 1;
        continue;
      }
    }
    const next = spans[i + 1];
    const compound =
      next && PHRASAL_FIRSTS.has(span.term) && PHRASAL_COMPOUNDS.get(`${span.term} ${next.term}`);
    if (compound && next) {
      out.push({ term: compound, start: span.start, end: next.end });
      i++;
      continue;
    }
    out.push(span);
  }
  return out;
}
