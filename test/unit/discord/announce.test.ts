import type { REST } from 'discord.js';
import { describe, expect, it, vi } from 'vitest';
import { announceEpisodes } from '../../../src/discord/announce.js';
import { episodeOf } from '../../support/episode.js';
import { messageViolations } from '../../standin/limits.js';
import { recordingLogger } from '../../support/data.js';

const episode = (n: number) =>
  episodeOf({
    id: `ep-${n}`,
    title: `Episode ${n} @everyone`,
    show: 'Made-Up <@123> Show',
    number: n,
    published: '2025-01-01',
    duration: 3600,
    audioUrl: `https://podcast.example/${n}.mp3`,
    chapters: [{ title: 'Intro', start: 0, end: null, approximate: false, timing: 'publisher' }],
  });

describe('announceEpisodes', () => {
  it('posts one card per new episode, at most five, then one line for the rest; never a ping', async () => {
    const post = vi.fn(async (_route: string, _options: { body: Record<string, unknown> }) => ({}));
    await announceEpisodes(
      { post } as unknown as REST,
      '555555555555555555',
      [1, 2, 3, 4, 5, 6, 7].map(episode),
      recordingLogger().logger,
    );
    expect(post).toHaveBeenCalledTimes(6);
    const bodies = post.mock.calls.map(([, options]) => options.body);
    expect(post.mock.calls[0]?.[0]).toBe('/channels/555555555555555555/messages');
    expect(bodies[0]?.content).toMatch(/^New episode from Made-Up .*Show$/);
    expect(bodies[0]?.content).not.toMatch(/<@\d/);
    expect(bodies.at(-1)?.content).toBe('…and 2 more new episodes: see `/episode`.');
    for (const body of bodies) expect(messageViolations(body, 'announcement')).toEqual([]);
  });
});
