import { type REST, Routes } from 'discord.js';
import type { Episode } from '../answers/format.js';
import type { Logger } from '../log.js';
import { BOUNDS, LIMITS } from './limits.js';
import { renderEpisode, safeText, truncate } from './render.js';

/**
 * Posts new episodes' cards to the announcement channel (`ANNOUNCE_CHANNEL_ID`): the same card as
 * `/episode`, never pinging anyone. At most `BOUNDS.announcementsPerPoll` cards a poll, newest first;
 * a feed that adds more at once (a back catalogue) gets one line saying how many more arrived.
 */
export async function announceEpisodes(
  rest: REST,
  channelId: string,
  episodes: readonly Episode[],
  logger: Logger,
): Promise<void> {
  const shown = episodes.slice(0, BOUNDS.announcementsPerPoll);
  for (const episode of shown) {
    const card = renderEpisode(episode);
    const show = episode.show ? ` from ${episode.show}` : '';
    await rest.post(Routes.channelMessages(channelId), {
      body: {
        content: truncate(safeText(`New episode${show}`), LIMITS.messageContent),
        embeds: card.embeds,
        allowed_mentions: { parse: [] },
      },
    });
  }
  const more = episodes.length - shown.length;
  if (more > 0) {
    await rest.post(Routes.channelMessages(channelId), {
      body: { content: `…and ${more} more new episodes: see \`/episode\`.`, allowed_mentions: { parse: [] } },
    });
  }
  logger.info(
    { channel: channelId, episodes: episodes.map((e) => e.id) },
    `announced ${episodes.length} new episodes`,
  );
}
