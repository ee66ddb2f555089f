import { mkdtempSync, mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiscordAPIError } from 'discord.js';
import { describe, expect, it, vi } from 'vitest';
import type { AnswerEngine } from '../../../src/answers/engine.js';
import { acceptUpload, safeSourceName } from '../../../src/discord/attachment.js';
import { InteractionDispatcher, isGone } from '../../../src/discord/dispatcher.js';
import { RateLimiter, ResultSets } from '../../../src/discord/state.js';
import { recordingLogger } from '../../support/data.js';

const engine = (ask: AnswerEngine['ask']): AnswerEngine => ({
  ask,
  episodes: () => [],
  episode: () => undefined,
  reindex: () => Promise.reject(new Error('no')),
  importFeed: () => Promise.reject(new Error('no')),
});
const apiError = (code: number) =>
  new DiscordAPIError({ code, message: 'x' }, code, 404, 'POST', '/x', { body: undefined, files: undefined });

/** The least of a slash-command interaction the dispatcher touches. */
function slashCommand(fields: Record<string, unknown> = {}) {
  return {
    id: '1',
    guildId: '2',
    commandName: 'ask',
    user: { id: 'u' },
    deferred: false,
    replied: false,
    isAutocomplete: () => false,
    isChatInputCommand: () => true,
    isButton: () => false,
    isRepliable: () => true,
    options: {
      get: (name: string) => (name === 'question' ? { value: 'HBM' } : null),
      getAttachment: () => null,
    },
    reply: vi.fn().mockResolvedValue(undefined),
    editReply: vi.fn(),
    followUp: vi.fn(),
    ...fields,
  };
}

describe('InteractionDispatcher', () => {
  it('answers a failure with a safe private reply and logs it', async () => {
    const { logger, lines } = recordingLogger();
    const dispatcher = new InteractionDispatcher({
      engine: engine(() => {
        throw new Error('boom');
      }),
      dataDir: '.',
      logger,
    });
    const interaction = slashCommand();
    await dispatcher.dispatch(interaction as never);
    expect(interaction.reply).toHaveBeenCalledWith(
      expect.objectContaining({
        content: expect.stringMatching(/^Sorry, something went wrong/),
        flags: 64,
        allowedMentions: { parse: [] },
      }),
    );
    expect(lines.map((l) => l.msg)).toContain('ask failed');
  });

  it('logs an expired or already-answered interaction without replying again', async () => {
    for (const code of [10062, 40060]) {
      const { logger, lines } = recordingLogger();
      const dispatcher = new InteractionDispatcher({
        engine: engine(() => ({
          query: 'q',
          results: [],
          total: 0,
          suggestions: [],
          notice: null,
          tookMs: 0,
        })),
        dataDir: '.',
        logger,
      });
      const interaction = slashCommand({ reply: vi.fn().mockRejectedValue(apiError(code)) });
      await expect(dispatcher.dispatch(interaction as never)).resolves.toBeUndefined();
      expect(interaction.reply).toHaveBeenCalledTimes(1);
      expect(lines.map((l) => l.msg)).toContain('ask: the interaction expired or was already answered');
    }
    expect(isGone(new Error('other'))).toBe(false);
  });

  it('logs every command with its latency', async () => {
    const { logger, lines } = recordingLogger();
    const dispatcher = new InteractionDispatcher({
      engine: engine(() => ({ query: 'q', results: [], total: 0, suggestions: [], notice: null, tookMs: 0 })),
      dataDir: '.',
      logger,
    });
    await dispatcher.dispatch(slashCommand() as never);
    expect(lines.find((l) => l.msg === 'ask handled')).toMatchObject({
      interaction: '1',
      command: 'ask',
      guild: '2',
      latencyMs: expect.any(Number),
    });
  });
});

describe('state', () => {
  it('rate-limits per user in a sliding window', () => {
    let now = 0;
    const limiter = new RateLimiter(2, 1000, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('b')]).toEqual([0, 0, 0]);
    expect(limiter.take('a')).toBe(1000);
    now = 1001;
    expect(limiter.take('a')).toBe(0);
  });

  it('forgets result sets when their interaction token expires', () => {
    let now = 0;
    const sets = new ResultSets(900_000, 10, () => now);
    const key = sets.add({ question: 'q', options: {}, perPage: 3, private: false });
    expect(sets.get(key)?.question).toBe('q');
    now = 900_001;
    expect(sets.get(key)).toBeUndefined();
  });
});

describe('uploads', () => {
  it('makes safe file names, refusing what cannot be a source', () => {
    expect(safeSourceName('../../etc/passwd.txt')).toBe('passwd.txt');
    expect(safeSourceName('my episode (1).md')).toBe('my-episode-1-.md');
    expect(safeSourceName('..\\evil.json')).toBe('evil.json');
    expect(safeSourceName('x.meta.json')).toBeNull();
    expect(safeSourceName('run.sh')).toBeNull();
  });

  it('refuses too large, wrong type, or invalid files before writing anything', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'podqa-up-'));
    mkdirSync(join(dataDir, 'episodes'));
    const none = engine(() => {
      throw new Error('unused');
    });
    const serve = (text: string) => (() => Promise.resolve(new Response(text))) as unknown as typeof fetch;
    const upload = (name: string, size: number, contentType: string | null, text = '') =>
      acceptUpload(
        { name, size, url: 'http://127.0.0.1/x', contentType },
        { dataDir, engine: none, fetchFile: serve(text) },
      );
    expect((await upload('big.txt', 3_000_000, 'text/plain')).problems[0]?.message).toMatch(
      /limit is 2097152 bytes/,
    );
    expect((await upload('pic.txt', 10, 'image/png')).problems[0]?.message).toMatch(/expected text or JSON/);
    expect((await upload('liar.txt', 10, 'text/plain', 'x'.repeat(3_000_000))).problems[0]?.message).toMatch(
      /larger than/,
    );
    expect((await upload('bad.json', 13, 'application/json', '{"title": 42}')).saved).toBeNull();
    expect(readdirSync(join(dataDir, 'episodes'))).toEqual([]);
    expect(await upload('good.txt', 20, 'text/plain', 'Good\n0:00 Intro\n')).toMatchObject({
      saved: 'good.txt',
    });
    expect(readdirSync(join(dataDir, 'episodes'))).toEqual(['good.txt']);
  });
});
