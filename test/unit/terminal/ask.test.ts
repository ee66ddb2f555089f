import { describe, expect, it } from 'vitest';
import { run as ask } from '../../../src/terminal/ask.js';
import { copyOfData } from '../../support/data.js';
import { captureIo } from '../../support/io.js';
import { tidewaterDataDir } from '../../support/tidewater.js';

const dataDir = copyOfData();

describe('npm run ask', () => {
  it('prints the documented JSON object', async () => {
    const io = captureIo({ DATA_DIR: dataDir });
    expect(await ask(['--json', 'what did they say about HBM'], io)).toBe(0);
    const answer = JSON.parse(io.stdout.join('\n'));
    expect(answer.query).toBe('what did they say about HBM');
    expect(answer.tookMs).toBeGreaterThan(0);
    expect(Object.keys(answer.results[0])).toEqual(
      expect.arrayContaining([
        'episodeId',
        'episodeTitle',
        'kind',
        'section',
        'text',
        'start',
        'end',
        'approximate',
        'timestamp',
        'url',
        'score',
      ]),
    );
    expect(answer.results[0]).toMatchObject({
      timestamp: '1:01:46',
      url: 'https://www.youtube.com/watch?v=w8ah_tA0yfg&t=3706s',
    });
  });

  it('prints a person the moment, the link and the matched words marked', async () => {
    const io = captureIo({ DATA_DIR: dataDir });
    await ask(['GRPO'], io);
    const text = io.stdout.join('\n');
    expect(text).toMatch(/DeepSeek’s Technical Breakthroughs.*\[≈15:38\]/);
    expect(text).toContain('https://www.youtube.com/watch?v=8RkgkOqWs0s&t=938s');
    expect(text).toContain('**GRPO**');
  });

  it("answers who was on an episode from the page's list of people, with the episode's link", async () => {
    const io = captureIo({ DATA_DIR: dataDir });
    await ask(['who was the guest on the deepseek episode'], io);
    const text = io.stdout.join('\n');
    expect(text).toMatch(/^1\. DeepSeek Panic.* — Who is on the episode {2}\[–\]/);
    expect(text).toContain('**Guest**: Travis Kalanick');
    expect(text).toContain('https://www.youtube.com/watch?v=8RkgkOqWs0s\n');
  });

  it('shows the results of a spelling correction, and says so, when the typed question finds nothing', async () => {
    const io = captureIo({ DATA_DIR: dataDir });
    await ask(['chna', 'coding'], io);
    expect(io.stdout[0]).toMatch(
      /^Showing results for "china coding" \(nothing matched "chna coding"\)\.\n\n1\. /,
    );
    const json = captureIo({ DATA_DIR: dataDir });
    await ask(['--json', 'chna coding'], json);
    expect(JSON.parse(json.stdout.join('\n'))).toMatchObject({
      query: 'chna coding',
      showingResultsFor: 'china coding',
    });
  });

  it('says when nothing matches, with results empty in JSON', async () => {
    const io = captureIo({ DATA_DIR: dataDir });
    await ask(['--json', 'Taylor Swift'], io);
    expect(JSON.parse(io.stdout.join('\n')).results).toEqual([]);
    const human = captureIo({ DATA_DIR: dataDir });
    await ask(['Taylor Swift'], human);
    expect(human.stdout.join('\n')).toMatch(/Nothing in the episodes really matches "Taylor Swift"/);
  });

  it('answers one JSON line per question with --batch', async () => {
    const io = captureIo({ DATA_DIR: dataDir }, ['HBM', '', 'GRPO', 'the of and']);
    expect(await ask(['--batch'], io)).toBe(0);
    const answers = io.stdout.map((line) => JSON.parse(line));
    expect(answers.map((a) => a.query)).toEqual(['HBM', 'GRPO', 'the of and']);
    expect(answers[2].notice).toMatch(/no words to search/);
    for (const answer of answers) expect(answer.tookMs).toBeGreaterThanOrEqual(0);
  });

  it.each([
    [['--limit', '0', 'x'], /--limit: expected a whole number from 1 to 50, got "0"/],
    [['--limit', 'ten', 'x'], /--limit: expected a whole number/],
    [
      ['--episode', 'nope', 'x'],
      /--episode: no episode "nope"; expected one of: deepseek-panic, socialists-sweep-nyc/,
    ],
    [[], /give a question/],
  ])('refuses %j with a clear message', async (argv, message) => {
    const io = captureIo({ DATA_DIR: dataDir });
    expect(await ask(argv, io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(message);
  });

  it('limits and filters', async () => {
    const io = captureIo({ DATA_DIR: dataDir });
    await ask(['--json', '--limit', '1', '--episode', 'deepseek-panic', 'China'], io);
    const { results } = JSON.parse(io.stdout.join('\n'));
    expect(results).toHaveLength(1);
    expect(results[0].episodeId).toBe('deepseek-panic');
  });
});

describe('npm run ask over transcripts', () => {
  const tidewater = tidewaterDataDir(true);

  it('answers from a transcript with kind "transcript", the exact second and its chapter', async () => {
    const io = captureIo({ DATA_DIR: tidewater });
    expect(await ask(['--json', 'people underestimate how much an oyster can filter'], io)).toBe(0);
    const [top] = JSON.parse(io.stdout.join('\n')).results;
    expect(top).toMatchObject({
      episodeId: 'tidewater-01',
      kind: 'transcript',
      section: 'Oyster reefs',
      approximate: false,
      text: expect.stringMatching(/^(Maren|Ivo): .*people underestimate it\./),
    });
    expect(Number.isInteger(top.start)).toBe(true);
    expect(top.url).toBe(`https://example.com/tidewater-01.mp3#t=${top.start}`);
  });

  it('shows a transcript answer as a quote under its chapter', async () => {
    const io = captureIo({ DATA_DIR: tidewater });
    expect(await ask(['people underestimate how much an oyster can filter'], io)).toBe(0);
    expect(io.stdout.join('\n')).toMatch(
      /1\. Tidewater Hour 1: Reefs and rivers — Oyster reefs · transcript {2}\[\d+:\d\d\]\n.*\n {3}“(Maren|Ivo): /,
    );
  });
});
