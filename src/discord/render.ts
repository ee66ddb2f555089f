import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  ButtonStyle,
  ComponentType,
  escapeMarkdown,
} from 'discord.js';
import {
  type Episode,
  MAX_QUESTION_CHARS,
  formatDuration,
  formatMoment,
  headingOf,
  momentUrl,
  quoted,
  showingResultsFor,
} from '../answers/format.js';
import type { Answer, AnswerResult, Quote } from '../answers/schema.js';
import type { CoverageLines } from '../answers/coverageSummary.js';
import { BOUNDS, LIMITS } from './limits.js';

/**
 * Answers and episodes as Discord payloads: pure functions, every limit enforced, source text escaped
 * so that a page or a question can never format, link or mention on its own.
 */

export interface MessagePayload {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
}

/**
 * Escapes Markdown (brackets too: `[a](b)` from a page must not become a masked link) and defuses
 * mentions (`@everyone`, `<@id>`), whatever allowedMentions says.
 */
export function safeText(text: string): string {
  return escapeMarkdown(text)
    .replace(/[[\]]/g, '\\$&')
    .replace(/@/g, '@\u200b')
    .replace(/<(?=[@#&!:])/g, '<\u200b');
}

/** Cuts at a word boundary, with `…`, so the result is at most `max` characters. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, Math.max(0, max - 1));
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * The text with the matched ranges in bold, escaped, within `max` characters: cut before escaping
 * and marking, so no mark or escape is ever broken in half.
 */
export function markedText(text: string, marks: readonly [number, number][], max: number): string {
  let length = text.length;
  for (let attempt = 0; attempt < 20; attempt++) {
    const cut = length < text.length ? truncate(text, length) : text;
    const visible = cut.endsWith('…') && length < text.length ? cut.length - 1 : cut.length;
    let out = '';
    let at = 0;
    for (const [start, end] of marks) {
      if (start >= visible) break;
      out += `${safeText(cut.slice(at, start))}**${safeText(cut.slice(start, Math.min(end, visible)))}**`;
      at = Math.min(end, visible);
    }
    out += safeText(cut.slice(at));
    if (out.length <= max) return out;
    length = Math.floor(Math.min(length, text.length) * 0.85);
  }
  return truncate(safeText(text), max);
}

/** `[≈1:01:46](url)` when the moment has a link, `≈1:01:46` when not, `no time given` when unknown. */
export function momentLine(start: number | null, approximate: boolean, url: string | null): string {
  if (start === null) return url ? `[episode](${url}) · no time given` : 'no time given';
  const label = formatMoment(start, approximate);
  return url ? `[${label}](${url})` : label;
}

/**
 * Custom ids of the buttons under an answer: the next page, votes on its top passage, and its topic in
 * other episodes; or, under a private answer, the one button that shares it in the channel.
 */
export type AnswerButtons = { more: string; up: string; down: string; related: string } | { share: string };

/**
 * One page of an answer: an embed per passage (episode, section, the moment as a masked link, the
 * text with matched words in bold), the count and search time in the last footer, and buttons.
 */
export function renderAnswer(
  answer: Answer,
  { page, perPage, buttons: ids }: { page: number; perPage: number; buttons: AnswerButtons },
): MessagePayload {
  if (answer.results.length === 0) return renderNoAnswer(answer);
  const results = answer.results.slice(0, LIMITS.embedsPerMessage);
  const footer = truncate(
    `${page * perPage + 1}–${page * perPage + results.length} of ${answer.total} passage${answer.total === 1 ? '' : 's'} · ${answer.tookMs.toFixed(1)} ms`,
    LIMITS.embedFooter,
  );
  // Share the 6,000 characters of a message between the embeds, titles and footer first.
  const fixed = results.reduce(
    (sum, r) =>
      sum +
      Math.min(r.episodeTitle.length, LIMITS.embedAuthorName) +
      Math.min((r.section ?? '').length, LIMITS.embedTitle),
    footer.length,
  );
  const perEmbed = Math.min(
    LIMITS.embedDescription,
    Math.floor((LIMITS.embedTotal - fixed - 50) / results.length),
  );
  const embeds = results.map((result, i) =>
    renderResult(result, perEmbed, i === results.length - 1 ? footer : null),
  );
  const more = (page + 1) * perPage < answer.total;
  if ('share' in ids) {
    const share: APIButtonComponent = {
      type: ComponentType.Button,
      style: ButtonStyle.Primary,
      label: 'Share in the channel',
      custom_id: ids.share,
    };
    return { embeds, components: [{ type: ComponentType.ActionRow, components: [share] }] };
  }
  const buttons: APIButtonComponent[] = [
    {
      type: ComponentType.Button,
      style: ButtonStyle.Primary,
      label: 'More results',
      custom_id: ids.more,
      disabled: !more,
    },
    {
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      emoji: { name: '👍' },
      custom_id: ids.up,
    },
    {
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      emoji: { name: '👎' },
      custom_id: ids.down,
    },
    { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Related', custom_id: ids.related },
  ];
  const showing = showingResultsFor(answer, (question) => `“${safeText(truncate(question, 100))}”`);
  return {
    ...(showing && { content: showing }),
    embeds,
    components: [{ type: ComponentType.ActionRow, components: buttons }],
  };
}

function renderResult(result: AnswerResult, budget: number, footer: string | null): APIEmbed {
  const moment = momentLine(result.start, result.approximate, result.url);
  const embed: APIEmbed = {
    author: { name: truncate(result.episodeTitle, LIMITS.embedAuthorName) },
    title: truncate(headingOf(result) ?? '', LIMITS.embedTitle),
    // A long passage (a transcript window) shows its quote: the sentences that hold the matched words.
    description: `${moment}
${
  result.quote
    ? quoteLine(result.quote, Math.max(0, budget - moment.length - 200))
    : quoted(result, markedText(result.text, result.marks, Math.max(0, budget - moment.length - 3)))
}`,
  };
  if (result.url) embed.url = result.url;
  if (footer) embed.footer = { text: footer };
  return embed;
}

/** `Speaker, _Chapter_: “the quote”` with the matched words in bold, the quote within `max` characters. */
export function quoteLine(quote: Quote, max: number): string {
  const who = [
    quote.speaker ? safeText(truncate(quote.speaker, 60)) : null,
    quote.chapter ? `_${safeText(truncate(quote.chapter, 80))}_` : null,
  ]
    .filter(Boolean)
    .join(', ');
  return `${who ? `${who}: ` : ''}“${markedText(quote.text, quote.marks, max)}”`;
}

/** Nothing matched: say so plainly, with "did you mean" when there is a guess. */
export function renderNoAnswer(answer: Answer): MessagePayload {
  const lines = [
    answer.notice
      ? safeText(answer.notice)
      : `Nothing in the episodes really matches “${safeText(truncate(answer.query, MAX_QUESTION_CHARS))}”.`,
  ];
  if (answer.suggestions.length)
    lines.push(
      `Did you mean: ${answer.suggestions
        .slice(0, 3)
        .map((s) => `“${safeText(truncate(s, 100))}”`)
        .join(', ')}?`,
    );
  else if (!answer.notice) lines.push('Try other words, or `/episode` to browse the chapters.');
  return { content: truncate(lines.join('\n'), LIMITS.messageContent), embeds: [], components: [] };
}

/** An episode's card: date, length, people, and its chapters with times, linked to their moments. */
export function renderEpisode(episode: Episode): MessagePayload {
  const facts = [
    episode.published ?? 'date unknown',
    episode.duration === null ? null : formatDuration(episode.duration),
    episode.people.length ? episode.people.map((p) => `${p.name} (${p.role})`).join(', ') : null,
  ].filter(Boolean);
  const line = (part: { title: string; start: number | null; approximate: boolean }) =>
    `${momentLine(part.start, part.approximate, part.start === null ? null : momentUrl(episode, part.start))} ${safeText(part.title)}`;
  const chapters = fitLines(episode.chapters.map(line), LIMITS.embedDescription - 300);
  const embed: APIEmbed = {
    title: truncate(episode.title, LIMITS.embedTitle),
    description: truncate(
      [safeText(facts.join(' · ')), '', chapters.length ? '**Chapters**' : '', ...chapters].join('\n').trim(),
      LIMITS.embedDescription,
    ),
    footer: {
      text: truncate(
        `${episode.id} · ${episode.chapters.length} chapters · ${episode.sections.length} summary parts (≈ = placed by content)`,
        LIMITS.embedFooter,
      ),
    },
  };
  if (episode.videoUrl ?? episode.audioUrl) embed.url = (episode.videoUrl ?? episode.audioUrl) as string;
  const used =
    (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0);
  const fields: NonNullable<APIEmbed['fields']> = [];
  let room = LIMITS.embedTotal - used - 100;
  for (const chunk of chunkLines(episode.sections.map(line), LIMITS.embedFieldValue)) {
    const name =
      fields.length === 0
        ? episode.sections[0]?.kind === 'analysis'
          ? 'Analysis'
          : 'Summary chapters'
        : '\u200b';
    if (fields.length >= LIMITS.embedFields || chunk.length + name.length > room) break;
    fields.push({ name, value: chunk });
    room -= chunk.length + name.length;
  }
  if (fields.length) embed.fields = fields;
  return { embeds: [embed], components: [] };
}

/** The episodes, newest first, one page of them, with buttons to turn pages (`pageId` makes their ids). */
export function renderEpisodeList(
  episodes: readonly Episode[],
  page: number,
  pageId: (page: number) => string,
): MessagePayload {
  const pages = Math.max(1, Math.ceil(episodes.length / BOUNDS.episodesPerPage));
  const current = Math.min(Math.max(0, page), pages - 1);
  const shown = episodes.slice(current * BOUNDS.episodesPerPage, (current + 1) * BOUNDS.episodesPerPage);
  const lines = shown.map((e) => {
    const facts = [e.published, e.duration === null ? null : formatDuration(e.duration)]
      .filter(Boolean)
      .join(' · ');
    return truncate(`**${safeText(e.title)}**${facts ? ` — ${facts}` : ''} (\`${e.id}\`)`, 380);
  });
  const embed: APIEmbed = {
    title: 'Episodes',
    description: lines.join('\n') || 'No episodes are indexed yet.',
    footer: {
      text: `Page ${current + 1} of ${pages} · ${episodes.length} episodes · /episode episode:<name> for one`,
    },
  };
  const buttons: APIButtonComponent[] = [
    {
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      label: 'Newer',
      custom_id: pageId(current - 1),
      disabled: current === 0,
    },
    {
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      label: 'Older',
      custom_id: pageId(current + 1),
      disabled: current >= pages - 1,
    },
  ];
  return {
    embeds: [embed],
    components: pages > 1 ? [{ type: ComponentType.ActionRow, components: buttons }] : [],
  };
}

/** Lines up to a total length, with a last line saying how many were left out. */
function fitLines(lines: readonly string[], max: number): string[] {
  const out: string[] = [];
  let length = 0;
  for (const [i, text] of lines.entries()) {
    const line = truncate(text, 300);
    if (length + line.length + 1 > max - 40) {
      out.push(`…and ${lines.length - i} more`);
      break;
    }
    out.push(line);
    length += line.length + 1;
  }
  return out;
}

/** Lines grouped into chunks of at most `max` characters. */
function chunkLines(lines: readonly string[], max: number): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const text of lines) {
    const line = truncate(text, max);
    if (current && current.length + line.length + 1 > max) {
      chunks.push(current);
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) chunks.push(current);
  return chunks;
}

/** Autocomplete choices: at most 25, names and values within 100 characters. */
export function episodeChoices(
  episodes: readonly Episode[],
  typed: string,
): { name: string; value: string }[] {
  const needle = typed.toLowerCase().trim();
  return episodes
    .filter((e) => needle === '' || e.title.toLowerCase().includes(needle) || e.id.includes(needle))
    .slice(0, LIMITS.autocompleteChoices)
    .map((e) => ({
      name: truncate(`${e.published ? `${e.published} · ` : ''}${e.title}`, LIMITS.choiceName),
      value: e.id.slice(0, LIMITS.choiceValue),
    }));
}

/** Files the reindex embed names one by one; the embed's 6,000 characters hold about this many. */
const COVERAGE_FILES = 8;

/**
 * A reindex's coverage as an embed: the totals, words set aside by rule with their first example, and
 * the files that lost or set aside most, each a field. Every part is cut to Discord's limits, and
 * files stop before the embed's total would pass 6,000 characters.
 */
export function renderCoverage(lines: CoverageLines): APIEmbed {
  const title = 'What became searchable';
  const description = truncate(
    [safeText(lines.outcome), ...lines.rules.map((rule) => `• ${safeText(rule)}`)].join('\n'),
    LIMITS.embedDescription,
  );
  let used = title.length + description.length;
  const fields: NonNullable<APIEmbed['fields']> = [];
  for (const { file, lines: said } of lines.files.slice(0, Math.min(COVERAGE_FILES, LIMITS.embedFields))) {
    const name = truncate(safeText(file), LIMITS.embedFieldName);
    const value = truncate(said.map(safeText).join('\n'), LIMITS.embedFieldValue);
    if (used + name.length + value.length > LIMITS.embedTotal) break;
    used += name.length + value.length;
    fields.push({ name, value });
  }
  return { title, description, fields };
}
