import { type Episode, formatDuration, formatMoment, formatProblem } from '../answers/format.js';
import { readEpisodes } from '../answers/sources.js';
import { type Io, createContext, createProgram, execute, main } from './cli.js';

/** `npm run episodes [-- --json]`: the episodes as podqa reads them, with every time and how it was obtained. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const program = createProgram('episodes', 'List the episodes with their chapters and times.', io)
    .option('--json', 'print a JSON array instead of text')
    .action(async (options: { json?: boolean }) => {
      const { config, episodesDir } = createContext(io);
      const { episodes, rejected } = await readEpisodes(config.DATA_DIR);
      for (const { problems } of rejected) for (const problem of problems) io.err(formatProblem(problem));
      if (options.json) io.out(JSON.stringify(episodes, null, 2));
      else io.out(episodes.map(describeEpisode).join('\n\n') || `no episodes in ${episodesDir}`);
    });
  return execute(program, argv, io);
}

export function describeEpisode(episode: Episode): string {
  const facts = [
    episode.published ?? 'undated',
    episode.duration === null ? 'length unknown' : formatDuration(episode.duration),
    ...episode.people.map((person) => `${person.name} (${person.role})`),
  ];
  const lines = [`${episode.id}  ${episode.title}`, `  ${facts.join(' · ')}`];
  const link = episode.videoUrl ?? episode.audioUrl;
  if (link) lines.push(`  ${link}`);
  const row = (part: { start: number | null; approximate: boolean; title: string }) =>
    `    ${formatMoment(part.start, part.approximate).padStart(9)}  ${part.title}`;
  if (episode.chapters.length) lines.push('  Chapters', ...episode.chapters.map(row));
  if (episode.sections.length) {
    lines.push(
      episode.sections[0]?.kind === 'analysis' ? '  Analysis' : '  Summary chapters',
      ...episode.sections.map(row),
    );
  }
  if (episode.transcript.length) {
    const speakers = [...new Set(episode.transcript.flatMap((cue) => (cue.speaker ? [cue.speaker] : [])))];
    const last = episode.transcript.at(-1);
    const end = last?.end ?? last?.start ?? null;
    // A transcript with no stamps has no end to show.
    const reach = end === null ? 'untimed' : `to ${formatMoment(Math.ceil(end), false)}`;
    lines.push(
      `  Transcript: ${episode.transcript.length} cues ${reach}${speakers.length ? ` · ${speakers.slice(0, 6).join(', ')}` : ''}`,
    );
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) main(run);
