import { writeFile } from 'node:fs/promises';
import { episodeJsonSchema } from '../answers/sources.js';
import { type Io, createProgram, execute, main } from './cli.js';

export const SCHEMA_PATH = 'data/episode.schema.json';

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
