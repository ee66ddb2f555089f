import { EpisodeLibrary } from '../answers/library.js';
import { formatMoment, headingOf, quoted, showingResultsFor } from '../answers/format.js';
import { type Answer, type AnswerResult, MAX_RESULTS } from '../answers/schema.js';
import { type Io, UsageError, createContext, createProgram, execute, main } from './cli.js';
import { filterOf, withFilterFlags } from './filters.js';
import { embeddingsOption } from '../config.js';

interface AskFlags extends Record<string, unknown> {
  json?: boolean;
  limit: number;
  episode?: string;
  batch?: boolean;
}

/** `npm run ask -- "QUESTION"`: the best passages, for a person or (--json, --batch) for a program. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const program = withFilterFlags(
    createProgram('ask', 'Answer a question with the passages that answer it.', io),
  )
    .argument('[question...]', 'the question (quote it, or give it as several words)')
    .option('--json', 'print one JSON object')
    .option('--limit <n>', `how many passages, 1 to ${MAX_RESULTS}`, parseLimit, 5)
    .option('--episode <id>', 'search one episode only')
    .option('--batch', 'read questions from standard input, one a line; print one JSON object a line')
    .action(async (words: string[], flags: AskFlags) => {
      const question = words.join(' ');
      if (!flags.batch && question.trim() === '')
        throw new UsageError('give a question, e.g. npm run ask -- "what did they say about HBM"');
      const filter = filterOf(flags);
      const context = createContext(io);
      const library = await EpisodeLibrary.open({
        dataDir: context.config.DATA_DIR,
        logger: context.logger,
        ...embeddingsOption(context.config),
      });
      if (flags.episode !== undefined && !library.episode(flags.episode)) {
        const ids = library.episodes().map((e) => e.id);
        throw new UsageError(`--episode: no episode "${flags.episode}"; expected one of: ${ids.join(', ')}`);
      }
      const ask = async (q: string) => {
        await library.embedQuestions([q]);
        return library.ask(q, { limit: flags.limit, episodeId: flags.episode, ...filter });
      };
      if (flags.batch) {
        for await (const line of io.readLines())
          if (line.trim() !== '') io.out(JSON.stringify(toJson(await ask(line))));
      } else if (flags.json) io.out(JSON.stringify(toJson(await ask(question)), null, 2));
      else io.out(describeAnswer(await ask(question), io.isTTY));
    });
  return execute(program, argv, io);
}

function parseLimit(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_RESULTS)
    throw new UsageError(`--limit: expected a whole number from 1 to ${MAX_RESULTS}, got "${value}"`);
  return n;
}

/**
 * The documented JSON shape: `{query, results: [...], total, suggestions, notice, showingResultsFor,
 * tookMs}`; `tookMs` is the engine's time for this question, measured inside the process.
 */
function toJson(answer: Answer) {
  return {
    query: answer.query,
    results: answer.results,
    total: answer.total,
    suggestions: answer.suggestions,
    notice: answer.notice,
    showingResultsFor: answer.showingResultsFor,
    tookMs: answer.tookMs,
  };
}

/** For a person: episode, section, the moment, the link, and the text with the matched words marked. */
export function describeAnswer(answer: Answer, ansi: boolean): string {
  if (answer.results.length === 0) {
    const lines = [answer.notice ?? `Nothing in the episodes really matches "${answer.query}".`];
    if (answer.suggestions.length)
      lines.push(`Did you mean: ${answer.suggestions.map((s) => `"${s}"`).join(', ')}?`);
    return lines.join('\n');
  }
  const blocks = answer.results.map((result, i) => {
    const where = [result.episodeTitle, headingOf(result)].filter(Boolean).join(' — ');
    const lines = [`${i + 1}. ${where}  [${formatMoment(result.start, result.approximate)}]`];
    if (result.url) lines.push(`   ${result.url}`);
    lines.push(`   ${quoted(result, markText(result, ansi))}`);
    return lines.join('\n');
  });
  const showing = showingResultsFor(answer, (question) => `"${question}"`);
  if (showing) blocks.unshift(showing);
  const footer = `${answer.total} passage${answer.total === 1 ? '' : 's'} matched; showing ${answer.results.length} (${answer.tookMs} ms)`;
  return [...blocks, footer].join('\n\n');
}

function markText({ text, marks }: AnswerResult, ansi: boolean): string {
  const [open, close] = ansi ? ['\u001b[1m', '\u001b[22m'] : ['**', '**'];
  let out = '';
  let at = 0;
  for (const [start, end] of marks) {
    out += `${text.slice(at, start)}${open}${text.slice(start, end)}${close}`;
    at = end;
  }
  return out + text.slice(at);
}

if (import.meta.url === `file://${process.argv[1]}`) main(run);
