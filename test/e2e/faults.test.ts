import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBot } from '../../src/discord/bot.js';
import { startBotAgainst } from '../support/bot.js';
import { DiscordStandIn, command } from '../standin/discord.js';
import { runLoad } from '../standin/load.js';

let standIn: DiscordStandIn;
let bot: RunningBot;
let asker = 600000000000000000n;

beforeAll(async () => {
  standIn = await DiscordStandIn.start({ heartbeatMs: 1_000 });
  ({ bot } = await startBotAgainst(standIn));
});

afterAll(async () => {
  await bot?.stop();
  await standIn?.stop();
});

/** Asks as a new user each time (the per-user rate limit is tested elsewhere) and waits for the answer. */
async function answered(question = 'GRPO') {
  const id = standIn.dispatch(command('ask', { question }, { id: String(++asker), permissions: '0' }));
  return standIn.waitFor((r) => r.interaction === id && r.status === 204, 8_000);
}

describe('answers keep flowing through faults', () => {
  it('retries replies that fail with 5xx', async () => {
    standIn.failNextReplies(502, 2);
    const reply = await answered();
    expect(reply.sinceDispatch).toBeLessThan(3_000);
  });

  it('reconnects when the gateway asks it to (op 7 RECONNECT)', async () => {
    const before = standIn.gatewayOps.length;
    standIn.sendOp(7);
    await standIn.waitForSession(before);
    await answered('Waymo');
  });

  it('starts a new session after INVALID_SESSION (op 9)', async () => {
    const before = standIn.gatewayOps.length;
    standIn.sendOp(9, false);
    await standIn.waitForSession(before, 15_000);
    expect(standIn.gatewayOps.slice(before)).toContain(2);
    await answered('HBM');
  }, 20_000);

  it('sent nothing that breaks a Discord limit or contract', () => {
    expect(standIn.violations).toEqual([]);
  });
});

describe('a short load with a reindex in the middle', () => {
  it('acknowledges every /ask within 3 s and loses none', async () => {
    const report = await runLoad({ rate: 10, seconds: 3 });
    expect(report).toMatchObject({ sent: 30, lost: 0, acknowledgedInTime: 30 });
  }, 30_000);
});
