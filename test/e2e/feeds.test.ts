import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rssFeed, syntheticItems } from '../../src/bench/syntheticFeed.js';
import { importFeedItems } from '../../src/feeds/import.js';
import { startBotAgainst } from '../support/bot.js';
import { copyOfData } from '../support/data.js';
import { FeedServer } from '../support/feedServer.js';
import { DiscordStandIn } from '../standin/discord.js';

const ANNOUNCE_CHANNEL_ID = '555555555555555555';

let standIn: DiscordStandIn;
let feeds: FeedServer;
beforeAll(async () => {
  standIn = await DiscordStandIn.start({ heartbeatMs: 1_000 });
  feeds = await FeedServer.start();
});
afterAll(async () => {
  await feeds?.stop();
  await standIn?.stop();
});

describe('feeds in the bot', () => {
  it('polls FEED_URLS at start and posts the new episode’s card to ANNOUNCE_CHANNEL_ID, pinging no one', async () => {
    const [newest, older] = syntheticItems(2);
    // The catalogue already holds the feed's older episode: the poll finds one new.
    const dataDir = copyOfData();
    feeds.serve('/show.xml', rssFeed('Synthetic Show', [older!]));
    await importFeedItems(feeds.url('/show.xml'), { dataDir, allowPrivate: true });
    feeds.serve('/show.xml', rssFeed('Synthetic Show', [newest!, older!]));

    const { bot, library } = await startBotAgainst(standIn, undefined, {
      dataDir,
      env: {
        FEED_URLS: feeds.url('/show.xml'),
        FEED_POLL_MINUTES: '60',
        ANNOUNCE_CHANNEL_ID,
        ALLOW_PRIVATE_FEEDS: 'true',
      },
    });
    try {
      const posted = await standIn.waitFor(
        (r) => r.method === 'POST' && r.path === `/api/v10/channels/${ANNOUNCE_CHANNEL_ID}/messages`,
        30_000,
      );
      expect(posted.body.content).toBe('New episode from Synthetic Show');
      expect(posted.body.embeds?.[0]?.title).toBe(newest?.title);
      expect(posted.body.embeds?.[0]?.description).toContain('**Chapters**');
      expect(posted.body.allowed_mentions).toEqual({ parse: [] });
      expect(standIn.violations).toEqual([]);
      // Only the new one is announced, and it is searchable.
      expect(standIn.requests.filter((r) => r.path.startsWith('/api/v10/channels/'))).toHaveLength(1);
      expect(library.episodes().some((e) => e.title === newest?.title)).toBe(true);
    } finally {
      await bot.stop();
    }
    // One poll at start (the route was replaced after seeding); the next is an hour away.
    expect(feeds.hitsOf('/show.xml')).toBe(1);
  }, 60_000);
});
