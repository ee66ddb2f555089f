import type { APIEmbed } from 'discord.js';
import type { CatalogueFacts, Moment, PersonEpisode, Timeline } from '../answers/schema.js';
import { LIMITS } from './limits.js';
import { type MessagePayload, momentLine, quoteLine, renderNoAnswer, safeText, truncate } from './render.js';

/**
 * Replies about the whole catalogue as Discord payloads: a topic's timeline with its chart, the
 * related moments of an answer, a person's episodes, help, and the filters' autocomplete choices.
 * Pure functions; every limit enforced; source text escaped.
 */

/** The chart's file name, referred to by the embed as `attachment://…`. */
export const CHART_FILE = 'timeline.png';
/** A quote in a list is cut to this many characters: a line to recognise the moment, not the passage. */
const QUOTE_CHARS = 180;

/** A message with files to upload (multipart). */
export interface MessageWithFiles extends MessagePayload {
  files: { attachment: Buffer; name: string }[];
}

/** An episode's line: date, title, the moment as a masked link (`≈` when approximate), then its quote. */
function momentBlock(moment: Moment, title: string): string {
  const date = moment.published ?? 'undated';
  return `**${date}** · ${safeText(truncate(title, 120))} · ${momentLine(moment.start, moment.approximate, moment.url)}\n> ${quoteLine(moment.quote, QUOTE_CHARS)}`;
}

/** Blocks joined up to `max` characters, with `N more episodes` when cut. */
function fitBlocks(blocks: readonly string[], max: number): string {
  const out: string[] = [];
  let length = 0;
  for (const [i, block] of blocks.entries()) {
    const more = `\n… ${blocks.length - i} more episode${blocks.length - i === 1 ? '' : 's'}`;
    const tail = i === blocks.length - 1 ? 0 : more.length + 1;
    if (length + block.length + 2 + tail > max) {
      out.push(more.trim());
      break;
    }
    out.push(block);
    length += block.length + 2;
  }
  return out.join('\n\n');
}

/**
 * A topic's timeline: the episodes oldest first, each with its best moment and quote, the chart as
 * an attached image, "N more episodes" when the text cannot hold them all.
 */
export function renderTimeline(timeline: Timeline, chart: Buffer | null): MessageWithFiles {
  if (timeline.entries.length === 0) {
    const { topic, suggestions, notice, tookMs } = timeline;
    const nothing = {
      query: topic,
      results: [],
      total: 0,
      suggestions,
      notice,
      showingResultsFor: null,
      tookMs,
    };
    return { ...renderNoAnswer(nothing), files: [] };
  }
  const n = timeline.entries.length;
  const title = truncate(`“${timeline.topic}” across the episodes`, LIMITS.embedTitle);
  const count = timeline.complete
    ? `${n} episode${n === 1 ? '' : 's'}, oldest first`
    : `at least ${n} episodes: narrow with from, to, guest or show`;
  const footer = `${count} · bar height: how much each episode says of it · ${timeline.tookMs.toFixed(1)} ms`;
  const room = Math.min(LIMITS.embedDescription, LIMITS.embedTotal - title.length - footer.length - 50);
  const embed: APIEmbed = {
    title,
    description: fitBlocks(
      timeline.entries.map((entry) => momentBlock(entry.moment, entry.title)),
      room,
    ),
    footer: { text: truncate(footer, LIMITS.embedFooter) },
  };
  if (chart) embed.image = { url: `attachment://${CHART_FILE}` };
  return {
    embeds: [embed],
    components: [],
    files: chart ? [{ attachment: chart, name: CHART_FILE }] : [],
  };
}

/** The same topic's moments in other episodes, newest first. */
export function renderRelated(moments: readonly Moment[]): MessagePayload {
  if (moments.length === 0)
    return { content: 'No other episode has a moment on this.', embeds: [], components: [] };
  const title = 'The same topic in other episodes';
  return {
    embeds: [
      {
        title,
        description: fitBlocks(
          moments.map((moment) => momentBlock(moment, moment.episodeTitle)),
          Math.min(LIMITS.embedDescription, LIMITS.embedTotal - title.length - 50),
        ),
      },
    ],
    components: [],
  };
}

/** A person's episodes, newest first, with the chapters and sections naming them. */
export function renderPersonEpisodes(name: string, episodes: readonly PersonEpisode[]): MessagePayload {
  if (episodes.length === 0)
    return {
      content: `No episode names “${safeText(truncate(name, 100))}”. Pick a name from the list as you type.`,
      embeds: [],
      components: [],
    };
  const blocks = episodes.map((e) => {
    const head = `**${e.published ?? 'undated'}** · ${safeText(truncate(e.title, 150))}${e.role ? ` (${safeText(e.role)})` : ' (named)'}`;
    const parts = e.namedIn.slice(0, 5).map((part) => `> ${safeText(truncate(part, 150))}`);
    return [head, ...parts].join('\n');
  });
  const title = truncate(`Episodes with ${name}`, LIMITS.embedTitle);
  return {
    embeds: [
      {
        title,
        description: fitBlocks(
          blocks,
          Math.min(LIMITS.embedDescription, LIMITS.embedTotal - title.length - 100),
        ),
        footer: { text: `${episodes.length} episode${episodes.length === 1 ? '' : 's'}, newest first` },
      },
    ],
    components: [],
  };
}

/** A command for /help: its name, what it does, one example. */
export interface HelpEntry {
  usage: string;
  does: string;
  example: string;
}

/** What each command does with an example, and the catalogue's size and newest episode. */
export function renderHelp(entries: readonly HelpEntry[], facts: CatalogueFacts): MessagePayload {
  const newest = facts.newest
    ? `newest: **${safeText(truncate(facts.newest.title, 150))}**${facts.newest.published ? ` (${facts.newest.published})` : ''}`
    : 'no episode yet';
  return {
    embeds: [
      {
        title: 'podqa: find the moment in the episodes',
        description: truncate(
          `${facts.episodes} episode${facts.episodes === 1 ? '' : 's'}, ${facts.passages.toLocaleString('en-US')} passages; ${newest}.`,
          LIMITS.embedDescription,
        ),
        fields: entries.slice(0, LIMITS.embedFields).map((entry) => ({
          name: truncate(entry.usage, LIMITS.embedFieldName),
          value: truncate(`${entry.does}\n\`${entry.example}\``, LIMITS.embedFieldValue),
        })),
      },
    ],
    components: [],
  };
}

type Choice = { name: string; value: string };

/** Up to 25 choices among `values` whose name contains what was typed (ignoring case and accents), names and values within 100 characters. */
function choices(values: readonly { name: string; value: string }[], typed: string): Choice[] {
  // Accents ignored: "zoe" finds "Zoë".
  const plain = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const needle = plain(typed.trim());
  return values
    .filter((v) => v.value.length <= LIMITS.choiceValue)
    .filter((v) => needle === '' || plain(v.name).includes(needle))
    .slice(0, LIMITS.autocompleteChoices)
    .map((v) => ({ name: truncate(v.name, LIMITS.choiceName), value: v.value }));
}

/** The catalogue's years and months, newest first, for `from` and `to`. */
export const dateChoices = (facts: CatalogueFacts, typed: string) =>
  choices(
    facts.dates.map((d) => ({ name: d, value: d })),
    typed,
  );

/** The people the episodes name, most episodes first. */
export const personChoices = (facts: CatalogueFacts, typed: string) =>
  choices(
    facts.people.map((p) => ({
      name: `${p.name} (${p.episodes} episode${p.episodes === 1 ? '' : 's'})`,
      value: p.name,
    })),
    typed,
  );

export const showChoices = (facts: CatalogueFacts, typed: string) =>
  choices(
    facts.shows.map((s) => ({ name: s, value: s })),
    typed,
  );
