import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EpisodeLibrary } from '../../src/answers/library.js';
import type { RunningBot } from '../../src/discord/bot.js';
import type { StateStore } from '../../src/state/store.js';
import { startBotAgainst } from '../support/bot.js';
import {
  DiscordStandIn,
  LISTENER,
  MODERATOR,
  autocomplete,
  button,
  command,
  commandWithFile,
} from '../standin/discord.js';

let standIn: DiscordStandIn;
let bot: RunningBot;
let dataDir: string;
let library: EpisodeLibrary;
let state: StateStore;

beforeAll(async () => {
  standIn = await DiscordStandIn.start({ heartbeatMs: 1_000 });
  ({ bot, library, dataDir, state } = await startBotAgainst(standIn));
});

afterAll(async () => {
  await bot?.stop();
  await standIn?.stop();
});

const interact = (payload: Record<string, unknown>) => standIn.interact(payload);

describe('the bot against a Discord stand-in', () => {
  it('answers /ask with the Micron passages, the moment as a masked link and the matched words in bold', async () => {
    const { body, first } = await interact(command('ask', { question: 'what did they say about HBM' }));
    expect(body.type).toBe(4);
    expect(first.sinceDispatch).toBeLessThan(3_000);
    const [embed] = body.data?.embeds ?? [];
    expect(embed?.title).toBe('Micron Technology (MU)');
    expect(embed?.description).toContain('[≈1:01:46](https://www.youtube.com/watch?v=w8ah_tA0yfg&t=3706s)');
    expect(embed?.description).toContain('**HBM**');
    expect(body.data?.embeds?.at(-1)?.footer?.text).toMatch(/^1–3 of \d+ passages · [\d.]+ ms$/);
    expect(body.data?.allowed_mentions).toEqual({ parse: [] });
  });

  it('says plainly when nothing matches', async () => {
    const { body } = await interact(command('ask', { question: 'Taylor Swift concert tickets' }));
    expect(body.data?.content).toMatch(
      /^Nothing in the episodes really matches “Taylor Swift concert tickets”/,
    );
    expect(body.data?.embeds).toEqual([]);
  });

  it('answers the spelling correction when the typed question finds nothing, and says so', async () => {
    const { body } = await interact(command('ask', { question: 'chna coding' }));
    expect(body.data?.content).toBe('Showing results for “china coding” (nothing matched “chna coding”).');
    expect(body.data?.embeds?.length).toBeGreaterThan(0);
  });

  it('keeps a 5 KB hostile question full of mentions from pinging or breaking limits', async () => {
    const hostile = `@everyone <@${LISTENER.id}> <@&123> **bold** [link](https://evil.example) `
      .repeat(80)
      .slice(0, 5_000);
    const { body } = await interact(
      command('ask', { question: hostile }, { id: '444444444444444449', permissions: '0' }),
    );
    const text = JSON.stringify(body.data);
    expect(text).not.toMatch(/@everyone/);
    expect(text).not.toMatch(/<@\d/);
    expect(body.data?.allowed_mentions).toEqual({ parse: [] });
  });

  it('pages with "More results"', async () => {
    const { body } = await interact(command('ask', { question: 'China', results: 2 }));
    const more = body.data?.components?.[0]?.components?.[0];
    expect(more?.custom_id).toMatch(/^more:[\w-]+:1$/);
    const next = await interact(button(more?.custom_id as string));
    expect(next.body.type).toBe(7);
    expect(next.body.data?.embeds?.at(-1)?.footer?.text).toMatch(/^3–4 of/);
  });

  it('records a vote with the user hashed', async () => {
    const { body } = await interact(command('ask', { question: 'GRPO' }));
    const up = body.data?.components?.[0]?.components?.[1]?.custom_id as string;
    const vote = await interact(button(up));
    expect(vote.body.data?.flags).toBe(64);
    const votes = await state.votes();
    expect(votes.at(-1)).toMatchObject({
      question: 'GRPO',
      vote: 'up',
      passageId: expect.stringMatching(/^deepseek-panic#/),
      userHash: state.userHash(LISTENER.id),
    });
    expect(JSON.stringify(votes)).not.toContain(LISTENER.id);
  });

  it('autocompletes episodes within the limits, and shows an episode card', async () => {
    const { body } = await interact(autocomplete('episode', 'episode', 'deep'));
    expect(body.type).toBe(8);
    expect(body.data?.choices).toEqual([
      { name: expect.stringContaining('DeepSeek Panic'), value: 'deepseek-panic' },
    ]);
    const card = await interact(command('episode', { episode: 'deepseek-panic' }));
    const [embed] = card.body.data?.embeds ?? [];
    expect(embed?.title).toMatch(/^DeepSeek Panic/);
    expect(embed?.description).toContain(
      '[1:25:13](https://www.youtube.com/watch?v=8RkgkOqWs0s&t=5113s) Future of Self Driving',
    );
    expect(embed?.description).toContain('2025-01-31 · 1h 49m');
  });

  it('refuses /reindex to a listener, whatever the server settings', async () => {
    const { body } = await interact(command('reindex', {}, LISTENER));
    expect(body.data?.content).toMatch(/Only moderators/);
    expect(body.data?.flags).toBe(64);
  });

  it('reindexes for a moderator with a good attachment, and refuses a bad one writing nothing', async () => {
    const good = 'Zeppelin Weekly\n0:00 Welcome\n4:10 Airships are back\n';
    const url = standIn.serveFile('zeppelins.txt', good);
    const { id, body } = await interact(
      commandWithFile(
        'reindex',
        {
          id: '777777777777777771',
          filename: 'zeppelins.txt',
          size: good.length,
          url,
          content_type: 'text/plain; charset=utf-8',
        },
        MODERATOR,
      ),
    );
    expect(body.type).toBe(5);
    const edit = await standIn.waitFor((r) => r.interaction === id && r.method === 'PATCH', 45_000);
    expect(edit.body.content).toMatch(/Saved zeppelins\.txt\.\nIndexed 3 episodes/);
    expect(existsSync(join(dataDir, 'episodes/zeppelins.txt'))).toBe(true);
    expect(library.ask('airships').results[0]?.episodeId).toBe('zeppelins');

    const badUrl = standIn.serveFile('broken.json', '{"title": 42}', 'application/json');
    const bad = await interact(
      commandWithFile(
        'reindex',
        {
          id: '777777777777777772',
          filename: 'broken.json',
          size: 13,
          url: badUrl,
          content_type: 'application/json',
        },
        MODERATOR,
      ),
    );
    const refusal = await standIn.waitFor((r) => r.interaction === bad.id && r.method === 'PATCH', 45_000);
    expect(refusal.body.content).toMatch(
      /^Refused the file; nothing was written\.\nbroken\.json:1: error: title: /,
    );
    expect(existsSync(join(dataDir, 'episodes/broken.json'))).toBe(false);
  });

  it('reindexes with a transcript attached: an SRT is an episode of its own, answered at its cue', async () => {
    const srt = readFileSync('test/fixtures/transcripts/summit-call-3.srt', 'utf8');
    const url = standIn.serveFile('summit-call-3.srt', srt, 'application/x-subrip');
    const { id } = await interact(
      commandWithFile(
        'reindex',
        {
          id: '777777777777777773',
          filename: 'summit-call-3.srt',
          size: Buffer.byteLength(srt),
          url,
          content_type: 'application/x-subrip',
        },
        MODERATOR,
      ),
    );
    const edit = await standIn.waitFor((r) => r.interaction === id && r.method === 'PATCH', 45_000);
    expect(edit.body.content).toMatch(/^Saved summit-call-3\.srt\.\nIndexed \d+ episodes/);
    expect(library.ask('squeaky rubber chicken').results[0]).toMatchObject({
      episodeId: 'summit-call-3',
      kind: 'transcript',
      start: 88,
    });
  });

  it('retries a reply that Discord rate-limits (429), still inside 3 s', async () => {
    standIn.failNextReplies(429, 1);
    const id = standIn.dispatch(command('ask', { question: 'GRPO' }));
    const answered = await standIn.waitFor((r) => r.interaction === id && r.status === 204);
    expect(standIn.requests.filter((r) => r.interaction === id).map((r) => r.status)).toEqual([429, 204]);
    expect(answered.sinceDispatch).toBeLessThan(3_000);
  });

  it('resumes after the gateway connection drops, and keeps answering', async () => {
    const before = standIn.gatewayOps.length;
    standIn.dropGateway();
    await standIn.waitForSession(before);
    const { body } = await interact(
      command('ask', { question: 'Waymo' }, { id: '444444444444444450', permissions: '0' }),
    );
    expect(body.data?.embeds?.length).toBeGreaterThan(0);
  });

  it('rate-limits /ask per user with a private notice', async () => {
    const member = { id: '444444444444444451', permissions: '0' };
    const bodies = [];
    for (let i = 0; i < 6; i++)
      bodies.push((await interact(command('ask', { question: 'GRPO' }, member))).body);
    expect(bodies.slice(0, 5).every((b) => (b.data?.embeds?.length ?? 0) > 0)).toBe(true);
    expect(bodies[5]?.data).toMatchObject({
      content: expect.stringMatching(/^You are using \/ask quickly: try again in \d+ s\.$/),
      flags: 64,
    });
  });

  it('sent nothing that breaks a Discord limit or contract', () => {
    expect(standIn.violations).toEqual([]);
  });
});
