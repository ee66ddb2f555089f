import type { ChatInputCommandInteraction } from 'discord.js';
import { describe, expect, it, vi } from 'vitest';
import { FeedError } from '../../../src/answers/engine.js';
import type { ImportReport } from '../../../src/answers/schema.js';
import { reindex } from '../../../src/discord/commands/reindex.js';
import { recordingLogger } from '../../support/data.js';
import { fakeEngine } from '../../support/engine.js';

/** A deferred /reindex feed:<url> interaction, recording its edit. */
function feedInteraction(url: string) {
  const editReply = vi.fn().mockResolvedValue(undefined);
  const interaction = {
    deferred: true,
    options: {
      get: (name: string) => (name === 'feed' ? { value: url } : null),
      getAttachment: () => null,
    },
    editReply,
  } as unknown as ChatInputCommandInteraction;
  return { interaction, edited: () => editReply.mock.calls[0]?.[0] as { content: string } };
}

const run = (
  importFeed: ReturnType<typeof fakeEngine>['importFeed'],
  url = 'https://podcast.example/feed.xml',
) => {
  const { interaction, edited } = feedInteraction(url);
  const { logger } = recordingLogger();
  return reindex
    .execute(interaction, { engine: fakeEngine({ importFeed }), logger, log: logger, state: undefined })
    .then(edited);
};

describe('/reindex feed:<url>', () => {
  it('puts the outcome first and fits a long list of refusals into one message', async () => {
    const report: ImportReport = {
      source: 'https://podcast.example/feed.xml',
      show: 'Made-Up Show',
      notModified: false,
      items: Array.from({ length: 300 }, (_, i) => ({
        position: i + 1,
        guid: `g${i}`,
        id: null,
        title: `Episode ${i} with a rather long title about markets and @everyone`,
        status: 'refused' as const,
        reason: `duplicate guid "g${i}" (first used by item 1)`,
        warnings: [],
      })),
      counts: { imported: 0, updated: 0, unchanged: 0, refused: 300 },
      tookMs: 5,
      index: null,
    };
    const importFeed = vi.fn(async () => report);
    const edit = await run(importFeed);
    expect(importFeed).toHaveBeenCalledWith('https://podcast.example/feed.xml');
    expect(edit.content.split('\n')[0]).toBe('Made-Up Show: imported 0, updated 0, unchanged 0, refused 300');
    expect(edit.content.length).toBeLessThanOrEqual(2000);
    expect(edit.content).toMatch(/…$/);
    expect(edit.content).not.toContain('@everyone');
  });

  it('says why a feed could not be imported and that nothing changed', async () => {
    const edit = await run(async () => {
      throw new FeedError('https://podcast.example/feed.xml: HTTP 500');
    });
    expect(edit.content).toBe(
      'Could not import the feed: https://podcast.example/feed.xml: HTTP 500. Nothing was changed.',
    );
  });
});
