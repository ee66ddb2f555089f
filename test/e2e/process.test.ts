import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { copyOfData } from '../support/data.js';
import { APP_ID, DiscordStandIn, GUILD_ID, TOKEN, command } from '../standin/discord.js';

/** An entry point as a real process, from source through tsx (npm runs the same code compiled, dist/). */
function startProcess(
  env: NodeJS.ProcessEnv,
  entry = 'src/discord/main.ts',
): ChildProcess & { output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { PATH: process.env.PATH, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  return Object.assign(child, { output: () => output });
}

/** A port nothing listens on now (the kernel's pick), for a process to bind next. */
async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  probe.close();
  await once(probe, 'close');
  return port;
}

/** Waits until the process has said `text` (a log line), so a test talks to this process, not an earlier one. */
async function waitForOutput(
  child: { output: () => string },
  text: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!child.output().includes(text)) {
    if (Date.now() > deadline)
      throw new Error(`the process never said "${text}"; it said:\n${child.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

let standIn: DiscordStandIn;
beforeAll(async () => {
  standIn = await DiscordStandIn.start();
});
afterAll(async () => {
  await standIn.stop();
});

describe('npm start', () => {
  it('answers, then on SIGTERM destroys the client and exits 0, never logging the token', async () => {
    const child = startProcess({
      DISCORD_TOKEN: TOKEN,
      DISCORD_CLIENT_ID: APP_ID,
      DISCORD_API_URL: standIn.apiUrl,
      DATA_DIR: copyOfData(),
    });
    // Should the test fail before SIGTERM, the bot must not live on to answer the next test's questions.
    onTestFinished(() => void child.kill('SIGKILL'));
    await standIn.waitForSession(0, 30_000);
    const id = standIn.dispatch(command('ask', { question: 'GRPO' }));
    await standIn.waitFor((r) => r.interaction === id && r.status === 204);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(standIn.connected).toBe(false);
    expect(child.output()).toMatch(/stopping/);
    expect(child.output()).not.toContain(TOKEN);
  }, 40_000);

  it('with METRICS_PORT, says it is healthy once online and counts the questions it answered', async () => {
    const port = await freePort();
    const child = startProcess({
      DISCORD_TOKEN: TOKEN,
      DISCORD_CLIENT_ID: APP_ID,
      DISCORD_API_URL: standIn.apiUrl,
      DATA_DIR: copyOfData(),
      METRICS_PORT: String(port),
    });
    try {
      await waitForOutput(child, 'podqa is online', 60_000);
      const id = standIn.dispatch(command('ask', { question: 'GRPO' }));
      await standIn.waitFor((r) => r.interaction === id && r.status === 204);
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'online' });
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toMatch(/^podqa_questions_total 1$/m);
      expect(metrics).toMatch(/^podqa_questions_unanswered_total 0$/m);
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  }, 90_000);

  it('refuses to start without a token: one clear line, exit 1, no stack trace', async () => {
    const child = startProcess({ DISCORD_CLIENT_ID: APP_ID, DATA_DIR: copyOfData() });
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(child.output().trim()).toBe(
      'podqa: DISCORD_TOKEN is not set: put it in .env (see .env.example) or the environment',
    );
  }, 20_000);
});

describe('a DATA_DIR that is not there', () => {
  it('stops npm start with one line naming the variable, the path and what was expected, exit 1', async () => {
    const missing = join(tmpdir(), 'podqa-missing-data');
    const child = startProcess({ DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: APP_ID, DATA_DIR: missing });
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(child.output().trim()).toBe(
      `podqa: could not start: DATA_DIR: ${missing} does not exist; expected a folder holding episodes/ (the episode sources)`,
    );
  }, 20_000);
});

describe('npm run deploy-commands', () => {
  it.each([
    [
      { DISCORD_GUILD_ID: GUILD_ID },
      `/api/v10/applications/${APP_ID}/guilds/${GUILD_ID}/commands`,
      /in server 222222222222222222 \(at once\)/,
    ],
    [{}, `/api/v10/applications/${APP_ID}/commands`, /in every server \(global/],
  ])(
    'registers /ask, /timeline, /episode, /help, /reindex, the follow commands and Find the moment (%j)',
    async (env, path, said) => {
      const before = standIn.requests.length;
      const child = startProcess(
        { DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: APP_ID, DISCORD_API_URL: standIn.apiUrl, ...env },
        'src/discord/deploy-commands.ts',
      );
      const [code] = await once(child, 'exit');
      expect(code).toBe(0);
      expect(child.output()).toMatch(said);
      const put = standIn.requests.slice(before).find((r) => r.method === 'PUT');
      expect(put?.path).toBe(path);
      const commands = put?.body as unknown as { name: string; default_member_permissions?: string }[];
      expect(commands.map((c) => c.name)).toEqual([
        'ask',
        'timeline',
        'episode',
        'help',
        'reindex',
        'follow',
        'unfollow',
        'following',
        'settings',
        'gaps',
        'Find the moment',
      ]);
      for (const moderated of ['reindex', 'follow', 'unfollow', 'following', 'settings', 'gaps'])
        expect(commands.find((c) => c.name === moderated)?.default_member_permissions).toBe('32');
    },
    20_000,
  );
});
