import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirError } from '../../../src/answers/engine.js';
import { EpisodeLibrary } from '../../../src/answers/library.js';
import { addSource, requireDataDir, safeSourceName } from '../../../src/answers/sources.js';
import { StateStore } from '../../../src/state/store.js';
import { copyOfData, recordingLogger } from '../../support/data.js';

const emptyDataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'podqa-up-'));
  mkdirSync(join(dir, 'episodes'));
  return dir;
};

describe('adding a source', () => {
  it('makes safe file names, refusing what cannot be a source', () => {
    expect(safeSourceName('../../etc/passwd.txt')).toBe('passwd.txt');
    expect(safeSourceName('my episode (1).md')).toBe('my-episode-1-.md');
    expect(safeSourceName('..\\evil.json')).toBe('evil.json');
    expect(safeSourceName('x.meta.json')).toBeNull();
    expect(safeSourceName('run.sh')).toBeNull();
  });

  it('writes only a good source whose id is free, and says why it refuses the others', async () => {
    const dataDir = emptyDataDir();
    const add = (name: string, content: string) => addSource(dataDir, { name, content }, []);
    expect((await add('run.sh', 'Good\n0:00 Intro\n')).problems[0]?.message).toMatch(
      /^not an episode source/,
    );
    expect(await add('bad.json', '{"title": 42}')).toMatchObject({
      saved: null,
      problems: [{ file: 'bad.json', message: expect.stringMatching(/^title: /) }],
    });
    expect(readdirSync(join(dataDir, 'episodes'))).toEqual([]);
    expect(await add('good.txt', 'Good\n0:00 Intro\n')).toMatchObject({ saved: 'good.txt' });
    expect(readdirSync(join(dataDir, 'episodes'))).toEqual(['good.txt']);
    const taken = await addSource(dataDir, { name: 'good.md', content: 'Good\n0:00 Intro\n' }, [
      { id: 'good', source: 'good.txt' } as never,
    ]);
    expect(taken.problems[0]?.message).toBe('episode id "good" is already used by good.txt');
  });

  it('takes a transcript: an episode of its own, or the transcript of the indexed episode of its stem', async () => {
    const dataDir = emptyDataDir();
    const console = '[00:00.000 --> 00:04.000]  The lamp was lit at dusk.\n';
    expect(safeSourceName('show [x1].en.vtt')).toBe('show-x1-.en.vtt');
    expect(await addSource(dataDir, { name: 'e167.transcript.txt', content: console }, [])).toEqual({
      saved: 'e167.transcript.txt',
      problems: [],
    });
    const vtt = 'WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nThe herons are back.\n';
    const page = { id: 'ep2', source: 'ep2.txt' } as never;
    expect(await addSource(dataDir, { name: 'ep2.vtt', content: vtt }, [page])).toMatchObject({
      saved: 'ep2.vtt',
    });
    expect(await addSource(dataDir, { name: 'ep2.srt', content: 'no cues at all' }, [page])).toMatchObject({
      saved: null,
      problems: [{ file: 'ep2.srt', message: expect.stringMatching(/^no cues found/) }],
    });
    expect(readdirSync(join(dataDir, 'episodes')).sort()).toEqual(['e167.transcript.txt', 'ep2.vtt']);
  });

  it('goes through the engine: the library checks ids against its episodes, writes, and keeps votes hashed', async () => {
    const dataDir = copyOfData();
    const state = await StateStore.open({ dataDir });
    const library = await EpisodeLibrary.open({ dataDir, logger: recordingLogger().logger, state });
    const page = 'Zeppelin Weekly\n0:00 Airships are back\n';
    expect(
      (await library.addSource({ name: 'deepseek-panic.txt', content: page })).problems[0]?.message,
    ).toMatch(/^episode id "deepseek-panic" is already used by /);
    expect(await library.addSource({ name: 'zeppelins.txt', content: page })).toEqual({
      saved: 'zeppelins.txt',
      problems: [],
    });
    expect(readFileSync(join(dataDir, 'episodes/zeppelins.txt'), 'utf8')).toBe(page);
    await library.recordVote({ question: 'q', passageId: 'p#1', vote: 'up', userId: '123' });
    const votes = await state.votes();
    expect(votes).toEqual([
      expect.objectContaining({
        question: 'q',
        passageId: 'p#1',
        vote: 'up',
        userHash: state.userHash('123'),
      }),
    ]);
    expect(JSON.stringify(votes)).not.toContain('123');
    await state.close();
  });
});

describe('DATA_DIR', () => {
  it('says in one line which folder is missing and what was expected', async () => {
    const missing = join(tmpdir(), 'podqa-no-such-dir');
    await expect(requireDataDir(missing)).rejects.toThrow(
      new DataDirError(
        `DATA_DIR: ${missing} does not exist; expected a folder holding episodes/ (the episode sources)`,
      ),
    );
    const file = join(emptyDataDir(), 'file');
    writeFileSync(file, '');
    await expect(requireDataDir(file)).rejects.toThrow(/is a file; expected a folder/);
    const bare = mkdtempSync(join(tmpdir(), 'podqa-bare-'));
    await expect(EpisodeLibrary.open({ dataDir: bare, logger: recordingLogger().logger })).rejects.toThrow(
      /^DATA_DIR: .* has no episodes\/ folder/,
    );
  });
});
