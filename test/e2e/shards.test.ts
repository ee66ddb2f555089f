import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rssFeed, syntheticItems } from '../../src/bench/syntheticFeed.js';
import { importFeedItems } from '../../src/feeds/import.js';
import { copyOfData } from '../support/data.js';
import { freshPostgres } from '../support/databases.js';
import { FeedServer } from '../support/feedServer.js';
import {
  APP_ID,
  DiscordStandIn,
  MODERATOR,
  TOKEN,
  command,
  guildOnShard,
  shardOf,
} from '../standin/discord.js';

/**
 * `npm start` with SHARDS=auto as a real process (the ShardingManager and its shard processes),
 * against a stand-in that recommends two shards, its state in SQLite in DATA_DIR.
 */
const ANNOUNCE_CHANNEL_ID = '555555555555555555';
const GUILDS = [guildOnShard(0, 2), guildOnShard(1, 2)] as const;
/** Servers that follow a show, one on each shard (the next ids after GUILDS' on the same shard). */
const FOLLOWERS = GUILDS.map((guild) => String(BigInt(guild) + (2n << 22n)));
/** Their announcement channels. */
const FOLLOWER_CHANNELS = ['555555555555555561', '555555555555555562'];
const [newest, older] = syntheticItems(2);

/** Items of a made-up show about `topic`, found by asking for it; its newest `episodes` of two. */
const showAbout = (topic: string, episodes = 2) =>
  rssFeed(
    `The ${topic} Hour`,
    syntheticItems(2)
      .map((item) => ({ ...item, guid: `${topic}-${item.guid}`, title: `${item.title}: ${topic}` }))
      .slice(2 - episodes),
  );

let standIn: DiscordStandIn;
let feeds: FeedServer;
let bot: ChildProcess;
let output = '';
let asker = 700000000000000000n;

beforeAll(async () => {
  standIn = await DiscordStandIn.start({ heartbeatMs: 1_000, shards: 2, maxConcurrency: 2 });
  feeds = await FeedServer.start();
  // The catalogue already holds the feed's older episode: the poll at start finds one new.
  const dataDir = copyOfData();
  feeds.serve('/show.xml', rssFeed('Synthetic Show', [older!]));
  await importFeedItems(feeds.url('/show.xml'), { dataDir, allowPrivate: true });
  feeds.serve('/show.xml', rssFeed('Synthetic Show', [newest!, older!]));
  bot = await startSharded(
    {
      DATA_DIR: dataDir,
      FEED_URLS: feeds.url('/show.xml'),
      ANNOUNCE_CHANNEL_ID,
      // The shortest allowed: the test waits for the poll after a followed feed grows.
      FEED_POLL_MINUTES: '1',
    },
    (chunk) => (output += chunk),
  );
}, 120_000);

afterAll(async () => {
  await stopSharded(bot);
  await feeds?.stop();
  await standIn?.stop();
});

/** `npm start` with SHARDS=auto and `env`, its output to `onOutput`; resolves once every shard is ready. */
async function startSharded(
  env: NodeJS.ProcessEnv,
  onOutput: (chunk: string) => void,
): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/discord/main.ts'], {
    env: {
      PATH: process.env.PATH,
      TMPDIR: process.env.TMPDIR,
      LOG_LEVEL: 'info',
      SHARDS: 'auto',
      DISCORD_TOKEN: TOKEN,
      DISCORD_CLIENT_ID: APP_ID,
      DISCORD_API_URL: standIn.apiUrl,
      // Feeds are served on 127.0.0.1: the private-address guard lets them through in tests only.
      ALLOW_PRIVATE_FEEDS: 'true',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let seen = '';
  const take = (chunk: Buffer) => {
    seen += chunk;
    onOutput(String(chunk));
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  await vi.waitFor(() => expect(seen).toContain('all 2 shards are ready'), {
    timeout: 100_000,
    interval: 100,
  });
  return child;
}

async function stopSharded(child: ChildProcess | undefined): Promise<void> {
  if (child?.exitCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}

/** Asks on a server as a new member each time (the per-user rate limit is tested elsewhere). */
async function ask(guild: string, question: string) {
  const asked = command('ask', { question }, { id: String(++asker), permissions: '0' });
  return (await standIn.interact({ ...asked, guild_id: guild })).body;
}

/** Whether an answer shows passages (rather than saying nothing matched). */
const found = (body: Awaited<ReturnType<typeof ask>>) => (body.data?.embeds?.length ?? 0) > 0;

/** A moderator's /reindex on a server; resolves with the private edit that reports it. */
async function reindex(guild: string, options: Record<string, string>) {
  const id = standIn.dispatch({ ...command('reindex', options, MODERATOR), guild_id: guild });
  return standIn.waitFor((r) => r.interaction === id && r.method === 'PATCH', 60_000);
}

/** A moderator's command on a server; the text of its reply (deferred and edited, or at once). */
async function moderate(guild: string, name: string, options: Record<string, string>) {
  const id = standIn.dispatch({ ...command(name, options, MODERATOR), guild_id: guild });
  const answer = await standIn.waitFor(
    (r) => r.interaction === id && (r.method === 'PATCH' || r.body.type === 4),
    60_000,
  );
  return answer.body.content ?? answer.body.data?.content ?? '';
}

/** Log lines (JSON) of `text` (the first bot's output) that pass the test. */
const logged = (test: (line: Record<string, unknown>) => boolean, text = output) =>
  text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter(test);

describe('SHARDS=auto: the ShardingManager and two shard processes', () => {
  it('starts the count GET /gateway/bot recommends, each shard identifying as [id, count]', () => {
    expect([...standIn.identified].sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(GUILDS.map((guild) => shardOf(guild, 2))).toEqual([0, 1]);
  });

  it('answers a server on each shard', async () => {
    for (const guild of GUILDS) {
      const body = await ask(guild, 'what did they say about HBM');
      expect(body.data?.embeds?.[0]?.title).toBe('Micron Technology (MU)');
    }
  });

  it('polls in the manager alone and posts the new episode once', async () => {
    const announcement = (r: { method: string; path: string }) =>
      r.method === 'POST' && r.path === `/api/v10/channels/${ANNOUNCE_CHANNEL_ID}/messages`;
    const posted = await standIn.waitFor(announcement, 30_000);
    expect(posted.body.embeds?.[0]?.title).toBe(newest?.title);
    // Every shard has had the time to poll and post too, had it been one that does.
    await vi.waitFor(() =>
      expect(logged((l) => l.msg === `feed ${feeds.url('/show.xml')}: imported 1, updated 0`)).toHaveLength(
        1,
      ),
    );
    expect(standIn.requests.filter(announcement)).toHaveLength(1);
    expect(logged((l) => typeof l.msg === 'string' && l.msg.startsWith('feed ') && 'shard' in l)).toEqual([]);
  });

  it('answers a /reindex made on one shard on both, the other within 5 s of the publication', async () => {
    expect(found(await ask(GUILDS[1], 'zeppelins'))).toBe(false);
    feeds.serve('/zeppelins.xml', showAbout('zeppelins'));
    const edit = await reindex(GUILDS[0], { feed: feeds.url('/zeppelins.xml') });
    expect(edit.body.content).toMatch(/^The zeppelins Hour: imported 2, updated 0, unchanged 0, refused 0\n/);
    // The shard that asked adopted the index before saying it was done.
    expect(found(await ask(GUILDS[0], 'zeppelins'))).toBe(true);
    // The other adopts it by watching the manifest.
    await vi.waitFor(async () => expect(found(await ask(GUILDS[1], 'zeppelins'))).toBe(true), {
      timeout: 5_000,
      interval: 100,
    });
    // Only the manager builds.
    expect(logged((l) => l.shard !== undefined && String(l.msg).startsWith('rebuilding'))).toEqual([]);
    expect(standIn.violations).toEqual([]);
  });

  it('starts a shard killed as it adopts a new index again, on the newest whole index', async () => {
    const [started] = logged((l) => l.shard === 1 && l.msg === 'shard 1 of 2 started').slice(-1);
    const pid = Number(started?.pid);
    // Killed the moment it says it is adopting: mid-swap.
    const killOnAdopt = (chunk: Buffer) => {
      if (new RegExp(`"pid":${pid},[^\\n]*"shard":1,[^\\n]*adopting the index`).test(String(chunk)))
        process.kill(pid, 'SIGKILL');
    };
    bot.stdout?.on('data', killOnAdopt);
    bot.stderr?.on('data', killOnAdopt);
    try {
      const identifies = standIn.identified.length;
      feeds.serve('/airships.xml', showAbout('airships'));
      await reindex(GUILDS[0], { feed: feeds.url('/airships.xml') });
      await vi.waitFor(() => expect(output).toContain('shard 1 exited (SIGKILL); starting it again'), {
        timeout: 10_000,
      });
      await vi.waitFor(() => expect(standIn.identified.slice(identifies)).toContainEqual([1, 2]), {
        timeout: 60_000,
        interval: 100,
      });
    } finally {
      bot.stdout?.off('data', killOnAdopt);
      bot.stderr?.off('data', killOnAdopt);
    }
    expect(found(await ask(GUILDS[1], 'airships'))).toBe(true);
    expect(found(await ask(GUILDS[1], 'zeppelins'))).toBe(true);
  }, 90_000);

  it('answers a follow made on one shard on the other within 5 s, and announces once per server', async () => {
    const feed = feeds.url('/lighthouses.xml');
    feeds.serve('/lighthouses.xml', showAbout('lighthouses', 1));
    for (const [i, guild] of FOLLOWERS.entries())
      expect(await moderate(guild, 'settings', { announce: FOLLOWER_CHANNELS[i]! })).toMatch(/^New episodes/);
    expect(found(await ask(FOLLOWERS[1]!, 'lighthouses'))).toBe(false);
    // Followed on shard 0: the shard writes the follow, the manager imports, builds and publishes.
    expect(await moderate(FOLLOWERS[0]!, 'follow', { feed })).toMatch(
      /^Following The lighthouses Hour: 1 episode\./,
    );
    // The same feed followed on shard 1 is known already: nothing is fetched again.
    expect(await moderate(FOLLOWERS[1]!, 'follow', { feed })).toMatch(
      /^Following The lighthouses Hour: 1 episode\./,
    );
    await vi.waitFor(async () => expect(found(await ask(FOLLOWERS[1]!, 'lighthouses'))).toBe(true), {
      timeout: 5_000,
      interval: 100,
    });
    expect(found(await ask(FOLLOWERS[0]!, 'lighthouses'))).toBe(true);
    // Following narrows a server to its shows; a server that follows nothing keeps the deployment's.
    expect(found(await ask(FOLLOWERS[1]!, 'what did they say about HBM'))).toBe(false);
    expect(found(await ask(GUILDS[1], 'lighthouses'))).toBe(false);
    expect((await ask(GUILDS[1], 'what did they say about HBM')).data?.embeds?.[0]?.title).toBe(
      'Micron Technology (MU)',
    );

    feeds.serve('/lighthouses.xml', showAbout('lighthouses'));
    const postedTo = (channel: string) =>
      standIn.requests.filter(
        (r) => r.method === 'POST' && r.path === `/api/v10/channels/${channel}/messages`,
      );
    // The next poll (within a minute) finds the new episode; each card is logged once it is posted.
    await vi.waitFor(
      () =>
        expect(
          logged(
            (l) => l.msg === 'announced 1 new episodes' && FOLLOWER_CHANNELS.includes(String(l.channel)),
          ),
        ).toHaveLength(2),
      { timeout: 90_000, interval: 200 },
    );
    for (const channel of FOLLOWER_CHANNELS) {
      const posted = postedTo(channel);
      expect(posted).toHaveLength(1);
      expect(posted[0]?.body.embeds?.[0]?.title).toBe(`${newest?.title}: lighthouses`);
      expect(posted[0]?.body.allowed_mentions).toEqual({ parse: [] });
    }
    expect(logged((l) => typeof l.msg === 'string' && l.msg.startsWith('announced') && 'shard' in l)).toEqual(
      [],
    );
    expect(standIn.violations).toEqual([]);
  }, 150_000);

  it('stops every shard on SIGTERM and exits 0, never logging the token', async () => {
    bot.kill('SIGTERM');
    const [code] = await once(bot, 'exit');
    expect(code).toBe(0);
    expect(standIn.connected).toBe(false);
    expect(output).not.toContain(TOKEN);
  }, 30_000);
});

describe('SHARDS=auto with DATABASE_URL: the manager and the shards share PostgreSQL', () => {
  let pgBot: ChildProcess | undefined;
  let pgOutput = '';
  beforeAll(async () => {
    pgBot = await startSharded(
      { DATA_DIR: copyOfData(), DATABASE_URL: await freshPostgres() },
      (chunk) => (pgOutput += chunk),
    );
  }, 120_000);
  afterAll(() => stopSharded(pgBot));

  it('imports a feed that servers on both shards follow at the same moment once, and answers it on both', async () => {
    const opened = logged((l) => l.msg === 'database open', pgOutput);
    // The manager and each shard.
    expect(opened.map((l) => l.database)).toEqual(['postgres', 'postgres', 'postgres']);
    const feed = feeds.url('/beacons.xml');
    feeds.serve('/beacons.xml', showAbout('beacons'));
    const replies = await Promise.all(FOLLOWERS.map((guild) => moderate(guild, 'follow', { feed })));
    for (const reply of replies) expect(reply).toMatch(/^Following The beacons Hour: 2 episodes\./);
    expect(feeds.requests.filter((r) => r.path === '/beacons.xml')).toHaveLength(1);
    for (const guild of FOLLOWERS)
      await vi.waitFor(async () => expect(found(await ask(guild, 'beacons'))).toBe(true), {
        timeout: 5_000,
        interval: 100,
      });
    expect(found(await ask(GUILDS[0], 'beacons'))).toBe(false);
  }, 90_000);
});
