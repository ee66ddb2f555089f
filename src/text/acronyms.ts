/**
 * Aliases a corpus defines itself: `High Bandwidth Memory (HBM)` makes HBM and the phrase one term;
 * `Micron Technology (MU)` makes the ticker MU stand for Micron. Found at index time, so a new
 * episode teaches its own acronyms without anyone editing a dictionary.
 */

/** Up to six capitalised words (small joining words allowed), then an all-capitals token in brackets. */
const DEFINITION = /((?:[A-Z][\w&.-]*\s+(?:(?:of|and|for|the|&)\s+)?){1,6})\(([A-Z][A-Z0-9]{1,5})\)/g;
const JOINING = new Set(['of', 'and', 'for', 'the', '&']);

export function findAcronyms(text: string): string[][] {
  const groups: string[][] = [];
  for (const match of text.matchAll(DEFINITION)) {
    const acronym = match[2] ?? '';
    const words = (match[1] ?? '').trim().split(/\s+/);
    const phrase = initialism(words, acronym);
    if (phrase) groups.push([acronym, phrase]);
    else {
      // A ticker (`Micron Technology (MU)`, `Monitor NVIDIA (NVDA)`): the nearest capitalised word
      // starting with the ticker's letter names the company; the words from it to the bracket too.
      const at = words.findLastIndex((word) => /^\p{Lu}/u.test(word) && word[0] === acronym[0]);
      if (at >= 0) groups.push([...new Set([acronym, words.slice(at).join(' '), words[at] as string])]);
    }
  }
  return groups;
}

/** The shortest run of words ending before the brackets whose initials spell the acronym. */
function initialism(words: readonly string[], acronym: string): string | null {
  for (let from = words.length - 1; from >= 0; from--) {
    const run = words.slice(from);
    const initials = run
      .filter((word) => !JOINING.has(word.toLowerCase()))
      .map((word) => word[0])
      .join('')
      .toUpperCase();
    if (initials === acronym.toUpperCase()) return run.join(' ');
    if (initials.length > acronym.length) return null;
  }
  return null;
}
