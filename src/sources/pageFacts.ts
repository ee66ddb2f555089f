import type { Person } from '../episodes/schema.js';
import { parseDuration, parseStamp } from '../episodes/time.js';

/**
 * What a page states about its episode outside the chapters — the title, the show, the date and the
 * length — in the many ways pages write them. Pure, line by line: a reader passes its lines and
 * learns which are facts (so they are neither the title nor chapters).
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = String.raw`(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?`;
const DATE_LABEL = /^(?:release date|released|published|publish date|air date|aired|date|recorded)\s*:\s*/i;
const LENGTH_LABEL = /^(?:duration|length|runtime|running time|episode length)\s*:\s*/i;

/** `July 30, 2025`, then the length glued on (`52:13`, `1h 49m`) as some pages print it. */
const MONTH_DAY_YEAR = new RegExp(String.raw`^${MONTH} (\d{1,2}),? (\d{4})(.*)$`, 'i');
/** `Fri, 06 Sep 2024`, `Sat, 19 Feb 2022 07:22` (RFC 822, as feeds write; the clock time is not a length). */
const DAY_MONTH_YEAR = new RegExp(
  String.raw`^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s+)?(\d{1,2}) ${MONTH} (\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:GMT|UTC|[+-]\d{4}))?)?(.*)$`,
  'i',
);
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?\S*)?(.*)$/;
/** A length and nothing else: `2h 45m`, `1 hr 41 min`, `52 min`. */
const LENGTH_ONLY =
  /^(?=\d)(?:\d+\s*(?:h|hr|hrs|hours?)\b\.?\s*)?(?:\d+\s*(?:m|min|mins|minutes?)\b\.?\s*)?(?:\d+\s*(?:s|sec|secs|seconds?)\b)?$/i;
/** What may follow a date on its line without making it prose: a length, a separator, a link label. */
const DATE_TAIL =
  /^\s*(?:[·|•,-]\s*)?((?:\d{1,2}:)?\d{1,2}:\d{2}|(?:\d+\s*h\w*\s*)?(?:\d+\s*m\w*)?)?\s*(?:[·|•-]\s*)?(?:watch on youtube.*|listen.*)?$/i;

const iso = (year: string, month: number, day: string): string | null => {
  const d = Number(day);
  if (month < 1 || month > 12 || d < 1 || d > 31) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
};
const monthOf = (name: string) => MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;

/** A length written after a date or alone: `52:13`, `1:02:03`, `1h 49m`; null when none. */
function lengthOf(text: string): number | null {
  const t = text.trim();
  if (t === '') return null;
  return parseStamp(t) ?? parseDuration(t);
}

/**
 * A line that states the date (labelled or not), with the length when it is glued on: `Release Date:
 * April 26, 2025`, `Fri, 06 Sep 2024`, `Sat, 19 Feb 2022 07:22`, `July 30, 202552:13`, `2025-05-02`.
 * Null for any other line, prose that happens to start with a date included.
 */
export function readDateLine(line: string): { published: string; duration: number | null } | null {
  const text = line.trim().replace(DATE_LABEL, '');
  if (text.length > 80) return null;
  let published: string | null = null;
  let tail = '';
  const mdy = MONTH_DAY_YEAR.exec(text);
  const dmy = DAY_MONTH_YEAR.exec(text);
  const ymd = ISO.exec(text);
  if (mdy) {
    published = iso(mdy[3] ?? '', monthOf(mdy[1] ?? ''), mdy[2] ?? '');
    tail = mdy[4] ?? '';
  } else if (dmy) {
    published = iso(dmy[3] ?? '', monthOf(dmy[2] ?? ''), dmy[1] ?? '');
    tail = dmy[4] ?? '';
  } else if (ymd) {
    published = iso(ymd[1] ?? '', Number(ymd[2]), ymd[3] ?? '');
    tail = ymd[4] ?? '';
  }
  const rest = DATE_TAIL.exec(tail);
  if (published === null || !rest) return null;
  return { published, duration: lengthOf(rest[1] ?? '') };
}

/** A line that states the length alone or labelled: `2h 45m`, `Duration: 1:12:09`, `Length: 52 min`. */
export function readLengthLine(line: string): number | null {
  const text = line.trim();
  const labelled = LENGTH_LABEL.exec(text);
  if (labelled) return lengthOf(text.slice(labelled[0].length));
  return LENGTH_ONLY.test(text) ? parseDuration(text) : null;
}

/** `Title: X` — a page that labels its title says which line it is. */
export const labelledTitle = (line: string): string | null =>
  /^(?:episode )?title\s*:\s*(\S.*)$/i.exec(line.trim())?.[1]?.trim() ?? null;

/** `Show: X`, `Podcast: X`. */
const labelledShow = (line: string): string | null =>
  /^(?:show|podcast|series)\s*:\s*(\S.*)$/i.exec(line.trim())?.[1]?.trim() ?? null;

/** `undefined - Title`, `null | Title`: a template that failed to fill in the show. */
const FAILED_TEMPLATE = /^(?:undefined|null)\s*[-–|:]\s*/i;
/** `The Tidewater HourE12: …`: a show name printed against an episode number without a space. */
const GLUED_SHOW = /^(.{3,80}?[\p{Ll}\d)!?])((?:E|Ep\.?|Episode|#)\s?\d{1,4}\b.*)$/u;
/** `The Tidewater Hour with Maren, Ivo & Friends`: a show named with its hosts, above the title. */
const SHOW_WITH_HOSTS = /^(.{2,60}?)\s+with\s+\p{Lu}[^,&]*(?:,|&|\band\b)/u;
/** An episode's own title names its number: `E12:`, `Ep. 12`, `Episode 12`, `#12`, `12.` */
const EPISODE_NUMBER = /(?:^|[\s(|:])(?:E|Ep\.?|Episode|#)\s?\d{1,4}\b|^\d{1,4}[.:]\s/;

/** `Hosts: A, B`, `Guest: A`, `Featuring A`, `Hosted by A`: a credits line, labelled by the role it names. */
const CREDITS_LABEL =
  /^(?:(co-?hosts?|hosts?|guests?)\s*:|(hosted by)\s*:?|(featuring|feat\.|ft\.)\s*:?)\s*(\S.*)$/i;
/** `… with A & B`, `… featuring A`: the people a show line names after its name. */
const NAMED_AFTER = /\s(with|featuring|feat\.|ft\.)\s+(\p{Lu}.*)$/u;
/** A person's name as a credits line prints it: one to four capitalised words (`Oz Lindgren`, `Maren de Vries`). */
const NAME =
  /^\p{Lu}[\p{L}'’.-]*(?:\s+(?:(?:de|van|von|der|da|di|le|la|del|bin|al)\s+)?\p{Lu}[\p{L}'’.-]*){0,3}$/u;
/** Words a credits list ends on that are no one (`Maren, Ivo & Friends`). */
const NO_ONE = /^(?:friends|guests?|co|company|others|more|team|crew|family|special guests?)$/i;
const roleOf = (label: string): string => (/host|with/i.test(label) ? 'host' : 'guest');

/** The names of a credits list (`A, B & C`, `A and B`); [] unless every item is a name. */
function namesOf(list: string, role: string): Person[] {
  const items = list
    .replace(/[.!]$/, '')
    .split(/\s*(?:,|&|\band\b|\+)\s*/)
    .map((item) => item.trim())
    .filter((item) => item !== '' && !NO_ONE.test(item));
  if (items.length === 0 || !items.every((item) => NAME.test(item))) return [];
  return items.map((name) => ({ name, role }));
}

/** The people a labelled credits line names (`Hosts: A, B`, `Featuring A`); null when it is no such line. */
export function creditedPeople(line: string): Person[] | null {
  const found = CREDITS_LABEL.exec(line.trim());
  if (!found) return null;
  const people = namesOf(found[4] ?? '', roleOf(found[1] ?? found[2] ?? found[3] ?? ''));
  return people.length > 0 ? people : null;
}

/** The people a show line names after the show (`Calder After Dark with June & Oz`: hosts). */
export function showPeople(line: string): Person[] {
  const found = NAMED_AFTER.exec(line.trim());
  return found ? namesOf(found[2] ?? '', roleOf(found[1] ?? '')) : [];
}

export interface PageTitle {
  title: string;
  show: string | null;
  /** The episode's number when the title states it (`E68:`, `Ep. 12`, `Episode 12`, `#12`). */
  number: number | null;
  /** The people the show line names (`Show with A & B`): read, though the line is set aside as the show. */
  people: Person[];
  /** 0-based indexes (into the candidates given) of lines that were the title, the show or labels. */
  used: number[];
  /**
   * The next line that could be the title, for when the catalogue shows that the title taken is the
   * show's name (the same first line on several pages); null when there is none.
   */
  runnerUp: string | null;
}

export interface TitleContext {
  /** Shows the page names elsewhere (its `About …` block after the chapters). */
  shows?: ReadonlySet<string>;
  /** Headings of the page, to title it by when no line is a title (never a paragraph). */
  fallback?: readonly string[];
}

/** `About The Tidewater Hour`, `By The Tidewater Hour`: a page's block about its show. */
export const ABOUT_SHOW = /^(?:about|by)\s+(\S.{1,80})$/i;
/** A title is a line: a longer one is a paragraph, never the episode's title. */
const MAX_TITLE = 160;
const NUMBER_OF = /(?:^|[\s(|:])(?:E|Ep\.?|Episode|#)\s?(\d{1,4})\b/i;
const sameText = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'base' }) === 0;

/**
 * The episode's title among a page's candidate lines (chrome, stamps and facts already left out): a
 * `Title:` label wins; else the first line that is not the show, with a failed template's
 * `undefined - ` cut off and a glued show name split off. The show is told apart by what names it:
 * a `Show:` label, the page's `About …`/`By …` block, a show known from the catalogue, a show line
 * with hosts above a numbered title, or a line above the title printed twice. A paragraph is never
 * the title: then the page's first heading is, or none (the caller falls back to the file name).
 */
export function pickTitle(candidates: readonly string[], context: TitleContext = {}): PageTitle {
  const lines = candidates.map((line) => line.trim());
  let show: string | null = null;
  const used: number[] = [];
  const people: Person[] = [];
  const useShow = (i: number, name: string) => {
    show ??= name;
    used.push(i);
    people.push(...showPeople(lines[i] ?? ''));
  };
  lines.forEach((line, i) => {
    const named = labelledShow(line) ?? ABOUT_SHOW.exec(line)?.[1]?.trim() ?? null;
    if (named !== null && show === null) useShow(i, named);
  });
  const knownShows = [...(context.shows ?? []), ...(show === null ? [] : [show])];
  lines.forEach((line, i) => {
    if (!used.includes(i) && knownShows.some((name) => sameText(name, line))) useShow(i, line);
  });
  const free = (i: number) => !used.includes(i) && (lines[i]?.length ?? 0) <= MAX_TITLE;
  const labelled = lines.findIndex((line) => labelledTitle(line) !== null);
  let at = labelled >= 0 ? labelled : lines.findIndex((_, i) => free(i));
  if (at < 0) {
    const heading = context.fallback?.find((text) => text.length <= MAX_TITLE) ?? '';
    return { title: heading, show, number: numberOf(heading), people, used, runnerUp: null };
  }
  let title = labelled >= 0 ? (labelledTitle(lines[at] ?? '') ?? '') : (lines[at] ?? '');

  if (labelled < 0) {
    const next = lines.findIndex((_, i) => i > at && free(i));
    const after = lines[next];
    // A show line above its title: `Show with Hosts & Co` over `E12: …`, or over the title printed twice.
    const hosted = SHOW_WITH_HOSTS.exec(title);
    const numbered = hosted && EPISODE_NUMBER.test(after ?? '') && !EPISODE_NUMBER.test(title);
    const doubled = after !== undefined && after !== title && lines[next + 1] === after;
    if (next >= 0 && (numbered || doubled)) {
      useShow(at, numbered ? (hosted?.[1] ?? title) : title);
      at = next;
      title = after ?? '';
    }
  }
  used.push(at);
  title = title.replace(FAILED_TEMPLATE, '');
  const glued = GLUED_SHOW.exec(title);
  if (glued) {
    show ??= (glued[1] ?? '').trim();
    title = (glued[2] ?? '').trim();
  }
  // The title printed again, plain or with the template's failure (`undefined - Title` above `Title: Title`).
  lines.forEach((line, i) => {
    if (!used.includes(i) && line.replace(FAILED_TEMPLATE, '') === title) used.push(i);
  });
  const runnerUp =
    lines.find(
      (line, i) => free(i) && line !== title && !/[.,;:]$/.test(line) && labelledTitle(line) === null,
    ) ?? null;
  return { title, show, number: numberOf(title), people, used, runnerUp };
}

const numberOf = (title: string): number | null => {
  const found = NUMBER_OF.exec(title);
  return found ? Number(found[1]) : null;
};

/**
 * Titles that are the show's name give way to the page's next title line: a title equal to a show the
 * catalogue knows (a feed's title, a page's About block) or the same title on several pages.
 */
export function retitleShows<T extends { title: string; show: string | null; number: number | null }>(
  episodes: T[],
  runnersUp: ReadonlyMap<T, string>,
): void {
  const key = (text: string) => text.trim().toLowerCase();
  const seen = new Map<string, number>();
  for (const { title } of episodes) seen.set(key(title), (seen.get(key(title)) ?? 0) + 1);
  const shows = new Set([
    ...episodes.flatMap(({ show }) => (show === null ? [] : [key(show)])),
    ...[...seen].flatMap(([title, count]) => (count >= 2 ? [title] : [])),
  ]);
  episodes.forEach((episode, i) => {
    const next = runnersUp.get(episode);
    if (next === undefined || !shows.has(key(episode.title))) return;
    episodes[i] = {
      ...episode,
      title: next,
      show: episode.show ?? episode.title,
      number: episode.number ?? numberOf(next),
    };
  });
}

/** `tidewater-hour_ep12` → `tidewater hour ep12`: a readable title from a file name. */
export const titleFromStem = (stem: string): string => stem.replace(/[_-]+/g, ' ').trim() || stem;
