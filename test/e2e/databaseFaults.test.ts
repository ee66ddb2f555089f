import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBot } from '../../src/discord/bot.js';
import { SQLITE_FILE } from '../../src/state/database.js';
import { startBotAgainst } from '../support/bot.js';
import { freshPostgres } from '../support/databases.js';
import { DiscordStandIn, LISTENER, MODERATOR, button, command } from '../standin/discord.js';

/** An asker of its own per question, so /ask's per-user rate limit never decides a test. */
const asker = (n: number) => ({ ...LISTENER, id: `44444444444444460${n}` });

/**
 * The database locked (SQLite held by another writer) or gone (PostgreSQL database dropped): the bot
 * keeps answering from the index, and says what it could not save.
 */
describe.each([
  {
    fault: 'locked (SQLite, another process holds the write lock)',
    env: async (): Promise<NodeJS.ProcessEnv> => ({}),
    break: (dataDir: string, _url: string | undefined) => {
      const other = new Database(`${dataDir}/${SQLITE_FILE}`);
      other.exec('BEGIN EXCLUSIVE');
      return () => other.close();
    },
  },
  {
    fault: 'gone (PostgreSQL, its database dropped)',
    env: async (): Promise<NodeJS.ProcessEnv> => ({ DATABASE_URL: await freshPostgres() }),
    break: async (_dataDir: string, url: string | undefined) => {
      const admin = new URL(url as string);
      const name = admin.pathname.slice(1);
      admin.pathname = '/postgres';
      const client = new pg.Client({ connectionString: admin.toString() });
      await client.connect();
      await client.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await client.end();
      return () => undefined;
    },
  },
])('the database $fault', ({ env, break: breakIt }) => {
  let standIn: DiscordStandIn;
  let bot: RunningBot;
  let mend: () => void = () => undefined;
  beforeAll(async () => {
    standIn = await DiscordStandIn.start({ heartbeatMs: 1_000 });
    const settings = await env();
    let dataDir: string;
    ({ bot, dataDir } = await startBotAgainst(standIn, undefined, { env: settings }));
    mend = await breakIt(dataDir, settings.DATABASE_URL);
  }, 120_000);
  afterAll(async () => {
    mend();
    await bot?.stop().catch(() => undefined);
    await standIn?.stop();
  });

  it('answers questions from the index, and says a vote could not be saved', async () => {
    const { body } = await standIn.interact(
      command('ask', { question: 'what did they say about HBM' }, asker(1)),
    );
    expect(body.data?.embeds?.[0]?.title).toBe('Micron Technology (MU)');
    const up = body.data?.components?.[0]?.components?.[1]?.custom_id as string;
    const vote = await standIn.interact(button(up, asker(1)));
    expect(vote.body.data?.content).toBe(
      'Thanks, but your vote could not be saved right now: the database is unavailable.',
    );
    expect(vote.body.data?.flags).toBe(64);
    // A question that finds nothing is still answered, though its gap cannot be counted.
    const nothing = await standIn.interact(command('ask', { question: 'zeppelin racing' }, asker(2)));
    expect(nothing.body.data?.content).toMatch(/^Nothing in the episodes really matches/);
    expect(standIn.violations).toEqual([]);
  }, 60_000);

  it('tells a moderator the follow could not be saved, and changes nothing', async () => {
    const id = standIn.dispatch(command('follow', { feed: 'https://podcast.example/feed.xml' }, MODERATOR));
    const edit = await standIn.waitFor((r) => r.interaction === id && r.method === 'PATCH', 30_000);
    expect(edit.body.content).toMatch(
      /^Could not follow the feed: the database is unavailable right now \(.+\)\. Nothing was changed; try again later\.$/,
    );
  }, 60_000);
});
