import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EpisodeLibrary } from '../../src/answers/library.js';
import { rssFeed, syntheticItems } from '../../src/bench/syntheticFeed.js';
import type { RunningBot } from '../../src/discord/bot.js';
import { importFeedItems } from '../../src/feeds/import.js';
import { startBotAgainst } from '../support/bot.js';
import { copyOfData } from '../support/data.js';
import { FeedServer } from '../support/feedServer.js';
import { DiscordStandIn, LISTENER, MODERATOR, command } from '../standin/discord.js';

const ANNOUNCE_CHANNEL_ID = '555555555555555555';
const [newest, older] = syntheticItems(2);

let standIn: DiscordStandIn;
let feeds: FeedServer;
let bot: RunningBot;
let library: EpisodeLibrary;
beforeAll(async () => {
  standIn = await DiscordStandIn.start({ heartbeatMs: 1_000 });
  feeds = await FeedServer.start();
  // The catalogue already holds the feed's older episode: the poll at start finds one new.
  const dataDir = copyOfData();
  feeds.serve('/show.xml', rssFeed('Synthetic Show', [older!]));
  await importFeedItems(feeds.url('/show.xml'), { dataDir, allowPrivate: true });
  feeds.serve('/show.xml', rssFeed('Synthetic Show', [newest!, older!]));
  ({ bot, library } = await startBotAgainst(standIn, undefined, {
    dataDir,
    env: {
      FEED_URLS: feeds.url('/show.xml'),
      FEED_POLL_MINUTES: '60',
      ANNOUNCE_CHANNEL_ID,
      ALLOW_PRIVATE_FEEDS: 'true',
    },
  }));
}, 120_000);
afterAll(async () => {
  await bot?.stop();
  await feeds?.stop();
  await standIn?.stop();
});

/** The private edit that answers a deferred /reindex. */
async function reindex(options: Record<string, string>, member = MODERATOR) {
  const id = standIn.dispatch(command('reindex', options, member));
  return standIn.waitFor((r) => r.interaction === id && (r.method === 'PATCH' || r.body.type === 4), 60_000);
}

describe('feeds in the bot', () => {
  it('polls FEED_URLS at start and posts the new episode’s card to ANNOUNCE_CHANNEL_ID, pinging no one', async () => {
    const posted = await standIn.waitFor(
      (r) => r.method === 'POST' && r.path === `/api/v10/channels/${ANNOUNCE_CHANNEL_ID}/messages`,
      60_000,
    );
    expect(posted.body.content).toBe('New episode from Synthetic Show');
    expect(posted.body.embeds?.[0]?.title).toBe(newest?.title);
    expect(posted.body.embeds?.[0]?.description).toContain('**Chapters**');
    expect(posted.body.allowed_mentions).toEqual({ parse: [] });
    // Only the new one is announced, and it is searchable.
    expect(standIn.requests.filter((r) => r.path.startsWith('/api/v10/channels/'))).toHaveLength(1);
    expect(library.episodes().some((e) => e.title === newest?.title)).toBe(true);
    expect(standIn.violations).toEqual([]);
  }, 90_000);

  it('imports /reindex feed:<url> for a moderator and reports the summary privately', async () => {
    feeds.serve(
      '/other.xml',
      rssFeed(
        'Other Show',
        syntheticItems(3).map((i) => ({ ...i, guid: `other-${i.guid}` })),
      ),
    );
    const edit = await reindex({ feed: feeds.url('/other.xml') });
    expect(edit.body.content).toMatch(
      /^Other Show: imported 3, updated 0, unchanged 0, refused 0\nindexed \d+ episodes/,
    );
    expect(library.episodes().filter((e) => e.show === 'Other Show')).toHaveLength(3);
    const deferred = standIn.requests.find((r) => r.interaction === edit.interaction && r.body.type === 5);
    expect(deferred?.body.data?.flags).toBe(64);
    expect(standIn.violations).toEqual([]);
  }, 90_000);

  it('says why a feed could not be imported, and refuses listeners', async () => {
    feeds.serve('/broken.xml', '<rss><channel><title>Broken</channel></rss>');
    const edit = await reindex({ feed: feeds.url('/broken.xml') });
    expect(edit.body.content).toMatch(/^Could not import the feed: .*malformed XML.*Nothing was changed\.$/s);
    const refused = await reindex({ feed: feeds.url('/other.xml') }, LISTENER);
    expect(refused.body.data?.content).toMatch(/Only moderators/);
  }, 90_000);
});
