import writeFileAtomic from 'write-file-atomic';
import { EpisodeLibrary } from '../answers/library.js';
import { formatMoment, timelinePng } from '../answers/format.js';
import type { Timeline } from '../answers/schema.js';
import { type Io, UsageError, createContext, createProgram, execute, main } from './cli.js';
import { filterOf, withFilterFlags } from './filters.js';

/**
 * `npm run timeline -- "TOPIC" [--from D] [--to D] [--guest NAME] [--show NAME] [--json] [--png FILE]`:
 * every episode where a topic came up, oldest first, with its best moment; the chart as a PNG.
 */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const program = withFilterFlags(
    createProgram('timeline', 'List every episode where a topic came up, oldest first.', io),
  )
    .argument('[topic...]', 'the topic (quote it, or give it as several words)')
    .option('--json', 'print the timeline as one JSON object')
    .option('--png <file>', 'also draw the chart (topic weight per episode over time) into this PNG file')
    .action(async (words: string[], flags: Record<string, unknown> & { json?: boolean; png?: string }) => {
      const topic = words.join(' ');
      if (topic.trim() === '')
        throw new UsageError('give a topic, e.g. npm run timeline -- "HBM" --from 2025');
      const filter = filterOf(flags);
      const { config, logger } = createContext(io);
      const library = await EpisodeLibrary.open({ dataDir: config.DATA_DIR, logger });
      const timeline = library.timeline(topic, filter);
      if (flags.png !== undefined) {
        if (timeline.entries.length === 0)
          throw new UsageError(`--png: nothing to draw: ${describeTimeline(timeline, false)}`);
        await writeFileAtomic(
          flags.png,
          await timelinePng(timeline.entries, { title: `"${timeline.topic}" across the episodes` }),
        );
      }
      io.out(flags.json ? JSON.stringify(timeline, null, 2) : describeTimeline(timeline, io.isTTY));
    });
  return execute(program, argv, io);
}

/** For a person: one block per episode (date, title, moment, weight; the link; the quote, marked). */
export function describeTimeline(timeline: Timeline, ansi: boolean): string {
  if (timeline.entries.length === 0) {
    const lines = [timeline.notice ?? `No episode speaks of "${timeline.topic}".`];
    if (timeline.suggestions.length)
      lines.push(`Did you mean: ${timeline.suggestions.map((s) => `"${s}"`).join(', ')}?`);
    return lines.join('\n');
  }
  const [open, close] = ansi ? ['\u001b[1m', '\u001b[22m'] : ['**', '**'];
  const blocks = timeline.entries.map(({ published, title, weight, moment }) => {
    const { text, marks } = moment.quote;
    let quote = '';
    let at = 0;
    for (const [start, end] of marks) {
      quote += `${text.slice(at, start)}${open}${text.slice(start, end)}${close}`;
      at = end;
    }
    quote += text.slice(at);
    const lines = [
      `${published ?? 'undated'}  ${title}  [${formatMoment(moment.start, moment.approximate)}]  weight ${weight}`,
      `            ${moment.section ? `${moment.section}: ` : ''}“${quote}”`,
    ];
    if (moment.url) lines.push(`            ${moment.url}`);
    return lines.join('\n');
  });
  const n = timeline.entries.length;
  const count = timeline.complete
    ? `${n} episode${n === 1 ? '' : 's'}`
    : `at least ${n} episodes (the topic is in more than one timeline reads: narrow it with --from, --to, --guest or --show)`;
  return [...blocks, `${count} (${timeline.tookMs} ms)`].join('\n\n');
}

if (import.meta.url === `file://${process.argv[1]}`) main(run);
