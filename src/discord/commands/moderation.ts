import type { ChatInputCommandInteraction } from 'discord.js';
import type { Communities } from '../../answers/communities.js';
import type { HandlerContext } from '../command.js';
import { LIMITS } from '../limits.js';
import { safeText, truncate } from '../render.js';
import { publicly, respond, text } from '../reply.js';

/** Lines as one reply, escaped, within Discord's message length (cut at the end, never the start). */
export const lines = (all: readonly string[]) =>
  publicly(text(truncate(all.map(safeText).join('\n'), LIMITS.messageContent)));

/**
 * The server and its communities for a moderator command of a server's own (follows, settings,
 * gaps), or null once it has answered why not: in a DM, or on a bot without a database.
 */
export async function serverOf(
  interaction: ChatInputCommandInteraction,
  { communities }: HandlerContext<unknown>,
): Promise<{ guildId: string; communities: Communities } | null> {
  if (!interaction.inGuild()) {
    await respond(interaction, lines([`/${interaction.commandName} works in a server, not in DMs.`]));
    return null;
  }
  if (!communities) {
    await respond(interaction, lines(['This bot runs without a database, so servers cannot follow feeds.']));
    return null;
  }
  return { guildId: interaction.guildId, communities };
}

/**
 * Runs a database step of a command; when the database is locked, full or gone, answers what could
 * not be saved (and logs it) instead of failing the interaction.
 */
export async function saving<T>(
  interaction: ChatInputCommandInteraction,
  { log }: HandlerContext<unknown>,
  what: string,
  step: () => Promise<T>,
): Promise<{ done: T } | null> {
  try {
    return { done: await step() };
  } catch (err) {
    const reason = (err as Error).message;
    log.error({ err: reason }, `database: could not ${what}`);
    await respond(
      interaction,
      lines([
        `Could not ${what}: the database is unavailable right now (${reason.slice(0, 200)}). Nothing was changed; try again later.`,
      ]),
    );
    return null;
  }
}
