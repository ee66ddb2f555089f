import { writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { EpisodeDocument } from '../episodes/schema.js';
import { type Io, createProgram, execute, main } from './cli.js';

export const SCHEMA_PATH = 'data/episode.schema.json';

/** The canonical episode document as a JSON Schema, for editors and converters. */
export function episodeJsonSchema(): string {
  const schema = z.toJSONSchema(EpisodeDocument, { io: 'input' });
  return `${JSON.stringify({ title: 'podqa episode', ...schema }, null, 2)}\n`;
}

/** `npm run schema`: writes data/episode.schema.json from the zod schema (a test keeps them equal). */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const program = createProgram('schema', `Write ${SCHEMA_PATH} from the episode schema.`, io).action(
    async () => {
      await writeFile(SCHEMA_PATH, episodeJsonSchema());
      io.out(`wrote ${SCHEMA_PATH}`);
    },
  );
  return execute(program, argv, io);
}

if (import.meta.url === `file://${process.argv[1]}`) main(run);
