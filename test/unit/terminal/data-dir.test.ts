import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { expect, it } from 'vitest';
import { run as ask } from '../../../src/terminal/ask.js';
import { run as buildIndex } from '../../../src/terminal/build-index.js';
import { run as episodes } from '../../../src/terminal/episodes.js';
import { run as validate } from '../../../src/terminal/validate.js';
import { captureIo } from '../../support/io.js';

it.each([
  ['ask', ask, ['HBM']],
  ['index', buildIndex, []],
  ['episodes', episodes, []],
  ['validate', validate, []],
] as const)(
  '%s with DATA_DIR pointing at a missing folder: one line naming it, exit 1, no stack trace',
  async (name, run, argv) => {
    const missing = join(tmpdir(), 'podqa-missing-data');
    const io = captureIo({ DATA_DIR: missing });
    expect(await run(argv, io)).toBe(1);
    expect(io.stderr).toEqual([
      `${name}: DATA_DIR: ${missing} does not exist; expected a folder holding episodes/ (the episode sources)`,
    ]);
    expect(io.stdout).toEqual([]);
  },
);
