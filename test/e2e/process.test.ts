import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyOfData } from '../support/data.js';
import { APP_ID, DiscordStandIn, GUILD_ID, TOKEN, command } from '../standin/discord.js';

/** An entry point as a real process, through tsx like npm runs it. */
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
