import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SyntheticItem, rssFeed } from '../../src/bench/syntheticFeed.js';
import type { RunningBot } from '../../src/discord/bot.js';
import type { StateStore } from '../../src/state/store.js';
import { startBotAgainst } from '../support/bot.js';
import { DIALECTS, freshPostgres } from '../support/databases.js';
import { FeedServer } from '../support/feedServer.js';
import { DiscordStandIn, GUILD_ID, LISTENER, MODERATOR, command } from '../standin/discord.js';

/** A fictional show, its words found in no bundled episode. */
const item = (n: number, title: string, topic: string): SyntheticItem => ({
  guid: `quillhaven-${n}`,
  title,
  pubDate: new Date(Date.UTC(2026, 0, n)).toUTCString(),
  description: `<p>The keepers discuss ${topic}.</p><p>(0:00) Intro (3:10) ${topic} (21:40) Letters from listeners</p>`,
});
const FIRST = item(
  1,
  'Q1: The brass orrery of Quillhaven',
  'the brass orrery of Quillhaven and its missing moon',
);
const SECOND = item(
  2,
  'Q2: Lanterns over the tidepools',
  'the lantern regatta over the Quillhaven tidepools',
);
const ANNOUNCE_CHANNEL = '666666666666666661';
const OTHER_GUILD = '222222222222222299';
/** Askers of their own, so /ask's per-user rate limit never decides a test. */
const asker = (n: number) => ({ ...LISTENER, id: `44444444444444450${n}` });

describe.each(DIALECTS)('following a feed from Discord, state on %s', (dialect) => {
  let standIn: DiscordStandIn;
  let feeds: FeedServer;
  let bot: RunningBot;
  let state: StateStore;
  beforeAll(async () => {
    standIn = await DiscordStandIn.start({ heartbeatMs: 1_000 });
    feeds = await FeedServer.start();
    feeds.serve('/quillhaven.xml', rssFeed('Quillhaven Keepers', [FIRST]));
    const database = dialect === 'postgres' ? { DATABASE_URL: await freshPostgres() } : {};
    ({ bot, state } = await startBotAgainst(standIn, undefined, {
      env: { ALLOW_PRIVATE_FEEDS: 'true', ...database },
    }));
  }, 120_000);
  afterAll(async () => {
    await bot?.stop();
    await feeds?.stop();
    await standIn?.stop();
  });

  /** The private edit (or immediate reply) that answers a deferred moderator command. */
  async function moderate(
    name: string,
    options: Record<string, string | number | boolean>,
    member = MODERATOR,
  ) {
    const id = standIn.dispatch(command(name, options, member));
    const answer = await standIn.waitFor(
      (r) => r.interaction === id && (r.method === 'PATCH' || r.body.type === 4),
      60_000,
    );
    return answer.body.content ?? answer.body.data?.content ?? '';
  }

  /** /ask in a server; the answer's embeds' titles, and all their text. */
  async function ask(question: string, member: { id: string; permissions: string }, guildId = GUILD_ID) {
    const { body } = await standIn.interact({ ...command('ask', { question }, member), guild_id: guildId });
    const embeds = body.data?.embeds ?? [];
    return { titles: embeds.map((e) => e.title), text: JSON.stringify(embeds) };
  }

  it('refuses the follow commands and /gaps to members without Manage Server, on the server side', async () => {
    for (const name of ['follow', 'unfollow', 'following', 'settings', 'gaps']) {
      const options: Record<string, string> =
        name === 'follow' ? { feed: feeds.url('/quillhaven.xml') } : name === 'unfollow' ? { show: 'x' } : {};
      const { body } = await standIn.interact(command(name, options, LISTENER));
      expect(body.data?.content).toBe(`Only moderators (Manage Server) can use /${name}.`);
      expect(body.data?.flags).toBe(64);
    }
    expect(await state.followedFeeds()).toEqual([]);
  });

  it('imports a followed feed at once and answers this server about its episodes', async () => {
    const before = await ask('brass orrery Quillhaven', asker(1));
    expect(before.text).not.toContain('Quillhaven');
    const reply = await moderate('follow', { feed: feeds.url('/quillhaven.xml') });
    expect(reply).toMatch(/^Following Quillhaven Keepers: 1 episode\./);
    const after = await ask('brass orrery Quillhaven', asker(2));
    expect(after.text).toContain('orrery of Quillhaven');
    // Following narrows the server to what it follows: the bundled episodes are not searched here.
    expect((await ask('what did they say about HBM', asker(3))).titles).toEqual([]);
    expect(standIn.violations).toEqual([]);
  }, 90_000);

  it('does not answer a server that follows nothing about another server’s show', async () => {
    const elsewhere = await ask('brass orrery Quillhaven', asker(4), OTHER_GUILD);
    expect(elsewhere.text).not.toContain('Quillhaven');
    expect((await ask('what did they say about HBM', asker(5), OTHER_GUILD)).titles[0]).toBe(
      'Micron Technology (MU)',
    );
  });

  it('posts a followed show’s new episode to the announcement channel once', async () => {
    const set = await moderate('settings', { announce: ANNOUNCE_CHANNEL });
    expect(set).toBe(
      `New episodes of the shows this server follows are posted in <#${ANNOUNCE_CHANNEL}>, each once.`,
    );
    feeds.serve('/quillhaven.xml', rssFeed('Quillhaven Keepers', [SECOND, FIRST]));
    await bot.poller!.pollOnce();
    // A second round (the feed unchanged, or another process polling) posts nothing more.
    await bot.poller!.pollOnce();
    const posted = standIn.requests.filter(
      (r) => r.method === 'POST' && r.path === `/api/v10/channels/${ANNOUNCE_CHANNEL}/messages`,
    );
    expect(posted).toHaveLength(1);
    expect(posted[0]?.body.content).toBe('New episode from Quillhaven Keepers');
    expect(posted[0]?.body.embeds?.[0]?.title).toBe(SECOND.title);
    expect(posted[0]?.body.allowed_mentions).toEqual({ parse: [] });
    expect((await ask('lantern regatta tidepools', asker(6))).text).toContain('lantern regatta');
  }, 90_000);

  it('lists the follows with their episodes and last poll, and the questions that found nothing', async () => {
    const listed = await moderate('following', {});
    expect(listed).toMatch(
      /^This server follows 1 show:\n• Quillhaven Keepers: 2 episodes, last poll \d{4}-\d\d-\d\d \d\d:\d\d UTC, ok \(http:\/\/127\.0\.0\.1:\d+\/quillhaven\.xml\)$/,
    );
    await ask('zeppelin  Racing', asker(7));
    await ask('Zeppelin racing', asker(8));
    const gaps = await moderate('gaps', {});
    expect(gaps).toMatch(
      /^Questions asked here that found nothing, most asked first:\n• 2× zeppelin racing \(last \d{4}-\d\d-\d\d\)/,
    );
  }, 90_000);

  it('unfollows: the server is back on the bot’s own catalogue and the feed is no longer fetched', async () => {
    const reply = await moderate('unfollow', { show: 'Quillhaven Keepers' });
    expect(reply).toBe(
      'No longer following Quillhaven Keepers: its episodes leave this server’s answers.\nNo server follows it now, so it is no longer fetched.',
    );
    expect((await ask('what did they say about HBM', asker(9))).titles[0]).toBe('Micron Technology (MU)');
    expect(
      (await ask('brass orrery Quillhaven', { ...asker(9), id: '444444444444444519' })).text,
    ).not.toContain('Quillhaven');
    expect(await state.followedFeeds()).toEqual([]);
  }, 90_000);
});
