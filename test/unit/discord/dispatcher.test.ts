import { DiscordAPIError, PermissionFlagsBits } from 'discord.js';
import { describe, expect, it, vi } from 'vitest';
import type { AnswerEngine } from '../../../src/answers/engine.js';
import { downloadAttachment } from '../../../src/discord/attachment.js';
import { type AnyCommand, customId, defineCommand } from '../../../src/discord/command.js';
import { InteractionDispatcher, isGone } from '../../../src/discord/dispatcher.js';
import { ExpiringKeys, RateLimiter } from '../../../src/discord/state.js';
import { recordingLogger } from '../../support/data.js';
import { answerOf, fakeEngine } from '../../support/engine.js';

const apiError = (code: number) =>
  new DiscordAPIError({ code, message: 'x' }, code, 404, 'POST', '/x', { body: undefined, files: undefined });

/** The least of an interaction the dispatcher touches: a slash command unless `fields` say otherwise. */
function interactionOf(fields: Record<string, unknown> = {}) {
  return {
    id: '1',
    guildId: '2',
    commandName: 'ask',
    user: { id: 'u' },
    deferred: false,
    replied: false,
    isAutocomplete: () => false,
    isCommand: () => true,
    isChatInputCommand: () => true,
    isButton: () => false,
    isRepliable: () => true,
    inGuild: () => true,
    memberPermissions: { has: () => false },
    options: {
      get: (name: string) => (name === 'question' ? { value: 'HBM' } : null),
      getAttachment: () => null,
    },
    reply: vi.fn().mockResolvedValue(undefined),
    deferReply: vi.fn().mockResolvedValue(undefined),
    editReply: vi.fn(),
    followUp: vi.fn(),
    ...fields,
  };
}

const buttonOf = (customId: string) =>
  interactionOf({
    customId,
    isCommand: () => false,
    isChatInputCommand: () => false,
    isButton: () => true,
    update: vi.fn().mockResolvedValue(undefined),
  });

const dispatcherOf = (engine: AnswerEngine, commands?: readonly AnyCommand[]) => {
  const { logger, lines } = recordingLogger();
  return { dispatcher: new InteractionDispatcher({ engine, logger }, commands), lines };
};

const replied = (interaction: { reply: ReturnType<typeof vi.fn> }) => interaction.reply.mock.calls[0]?.[0];

describe('InteractionDispatcher', () => {
  it('answers a failure with a safe private reply and logs it', async () => {
    const { dispatcher, lines } = dispatcherOf(
      fakeEngine({
        ask: () => {
          throw new Error('boom');
        },
      }),
    );
    const interaction = interactionOf();
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
      const { dispatcher, lines } = dispatcherOf(fakeEngine());
      const interaction = interactionOf({ reply: vi.fn().mockRejectedValue(apiError(code)) });
      await expect(dispatcher.dispatch(interaction as never)).resolves.toBeUndefined();
      expect(interaction.reply).toHaveBeenCalledTimes(1);
      expect(lines.map((l) => l.msg)).toContain('ask: the interaction expired or was already answered');
    }
    expect(isGone(new Error('other'))).toBe(false);
  });

  it('logs every command with its latency', async () => {
    const { dispatcher, lines } = dispatcherOf(fakeEngine());
    await dispatcher.dispatch(interactionOf() as never);
    expect(lines.find((l) => l.msg === 'ask handled')).toMatchObject({
      interaction: '1',
      command: 'ask',
      guild: '2',
      latencyMs: expect.any(Number),
    });
  });

  it('applies what a command declares: permission re-checked, rate limit, defer', async () => {
    const execute = vi.fn().mockResolvedValue(undefined);
    const guarded = defineCommand({
      definition: { name: 'guarded', description: 'd' },
      handling: {
        defer: 'private',
        permission: { flag: PermissionFlagsBits.ManageGuild, who: 'moderators' },
        rateLimit: { uses: 1, windowMs: 60_000 },
      },
      execute,
    });
    const { dispatcher } = dispatcherOf(fakeEngine(), [guarded as AnyCommand]);

    const listener = interactionOf({ commandName: 'guarded' });
    await dispatcher.dispatch(listener as never);
    expect(replied(listener)).toMatchObject({ content: 'Only moderators can use /guarded.', flags: 64 });
    const inDm = interactionOf({ commandName: 'guarded', inGuild: () => false });
    await dispatcher.dispatch(inDm as never);
    expect(replied(inDm)?.content).toMatch(/^Only moderators/);
    expect(execute).not.toHaveBeenCalled();

    const moderator = () => interactionOf({ commandName: 'guarded', memberPermissions: { has: () => true } });
    const first = moderator();
    await dispatcher.dispatch(first as never);
    expect(first.deferReply).toHaveBeenCalledWith({ flags: 64 });
    expect(execute).toHaveBeenCalledTimes(1);
    const second = moderator();
    await dispatcher.dispatch(second as never);
    expect(replied(second)?.content).toMatch(/^You are using \/guarded quickly: try again in 60 s\.$/);
    expect(execute).toHaveBeenCalledTimes(1);
  });

  it('routes a button to the command that owns its prefix, and refuses two owners', async () => {
    const handle = vi.fn().mockResolvedValue(undefined);
    const owner = defineCommand({
      definition: { name: 'owner', description: 'd' },
      handling: { defer: 'none' },
      createState: () => ({ count: 1 }),
      execute: () => Promise.resolve(),
      buttons: { knob: handle },
    });
    const { dispatcher } = dispatcherOf(fakeEngine(), [owner as AnyCommand]);
    await dispatcher.dispatch(buttonOf('knob:a:b') as never);
    expect(handle).toHaveBeenCalledWith(
      expect.anything(),
      ['a', 'b'],
      expect.objectContaining({ state: { count: 1 } }),
    );
    const stale = buttonOf('gone:1');
    await dispatcher.dispatch(stale as never);
    expect(replied(stale)).toMatchObject({ flags: 64, content: expect.stringMatching(/no longer served/) });
    expect(() => dispatcherOf(fakeEngine(), [owner, owner] as AnyCommand[])).toThrow(
      /two commands are named owner/,
    );
  });

  it('votes on a passage id of any length: the button carries a short key that maps back exactly', async () => {
    const passageId = `episode-with-a-long-name#${'section-'.repeat(20)}summary-3`;
    const recordVote = vi.fn().mockResolvedValue(undefined);
    const top = { passageId } as ReturnType<AnswerEngine['ask']>['results'][number];
    const engine = fakeEngine({
      recordVote,
      ask: (query) =>
        answerOf({
          query,
          total: 1,
          results: [
            {
              ...top,
              episodeId: 'e',
              episodeTitle: 'E',
              kind: 'summary',
              section: 'S',
              text: 't',
              start: 1,
              end: 2,
              approximate: false,
              timestamp: '0:01',
              url: null,
              score: 1,
              marks: [],
            },
          ],
        }),
    });
    const { dispatcher } = dispatcherOf(engine);
    const ask = interactionOf();
    await dispatcher.dispatch(ask as never);
    const ids: string[] = replied(ask).components[0].components.map(
      (b: { custom_id: string }) => b.custom_id,
    );
    expect(ids.every((id) => id.length <= 100)).toBe(true);
    const down = ids.find((id) => id.startsWith('vote:down:')) as string;
    const vote = buttonOf(down);
    await dispatcher.dispatch(vote as never);
    expect(recordVote).toHaveBeenCalledWith({ question: 'HBM', passageId, vote: 'down', userId: 'u' });
    expect(replied(vote)).toMatchObject({ flags: 64, content: expect.stringMatching(/^Thanks/) });
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

  it('forgets keyed values when their interaction token expires', () => {
    let now = 0;
    const keys = new ExpiringKeys<string>(900_000, 10, () => now);
    const key = keys.add('q');
    expect(key).toHaveLength(8);
    expect(keys.get(key)).toBe('q');
    now = 900_001;
    expect(keys.get(key)).toBeUndefined();
  });

  it('refuses a custom id longer than Discord allows instead of cutting it', () => {
    expect(customId('vote', 'up', 'k')).toBe('vote:up:k');
    expect(() => customId('vote', 'x'.repeat(100))).toThrow(RangeError);
  });
});

describe('attachments', () => {
  it('refuses too large or non-text files before downloading, and stops a download that runs over', async () => {
    const serve = (text: string) =>
      vi.fn(() => Promise.resolve(new Response(text))) as unknown as typeof fetch;
    const file = (size: number, contentType: string | null) => ({
      name: 'x.txt',
      size,
      url: 'http://127.0.0.1/x',
      contentType,
    });
    const unused = serve('');
    expect(await downloadAttachment(file(3_000_000, 'text/plain'), unused)).toEqual({
      refused: 'file is 3000000 bytes; the limit is 2097152 bytes (2 MB)',
    });
    expect(await downloadAttachment(file(10, 'image/png'), unused)).toEqual({
      refused: 'file is image/png; expected text, JSON, SRT or TTML',
    });
    expect(unused).not.toHaveBeenCalled();
    expect(await downloadAttachment(file(10, 'text/plain'), serve('x'.repeat(3_000_000)))).toEqual({
      refused: 'file is larger than 2097152 bytes (2 MB)',
    });
    expect(await downloadAttachment(file(4, 'text/plain'), serve('Good'))).toEqual({
      content: Buffer.from('Good'),
    });
  });
});
