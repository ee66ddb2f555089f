/**
 * Unicode clean-up shared by every reader of text: sources, timeline alignment and search analysis
 * all see the same characters, so a curly apostrophe on a page matches a straight one in a question.
 */

const REPLACEMENTS: ReadonlyArray<readonly [RegExp, string]> = [
  [/[\u2018\u2019\u201A\u201B\u2032\u02BC]/g, "'"],
  [/[\u201C\u201D\u201E\u201F\u2033]/g, '"'],
  [/[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]/g, '-'],
  [/\u2026/g, '...'],
  [/[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g, ' '],
  // Zero-width characters and the byte-order mark carry nothing a reader can see.
  [/[\u200B-\u200D\u2060\uFEFF]/g, ''],
];

/** NFKC, straight quotes, ASCII dashes and spaces; case and diacritics are kept. */
export function normalizeText(text: string): string {
  let out = text.normalize('NFKC');
  for (const [pattern, replacement] of REPLACEMENTS) out = out.replace(pattern, replacement);
  return out;
}

/** Strips combining marks after decomposition: `café` → `cafe`, `Łódź` stays readable as `Lodz`. */
export function foldDiacritics(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .replace(/ø/g, 'o')
    .replace(/Ø/g, 'O')
    .replace(/ß/g, 'ss');
}
