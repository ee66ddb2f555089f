import { type CommandInteraction, type MessageComponentInteraction, MessageFlags } from 'discord.js';
import type { MessagePayload } from './render.js';

/** Every reply: no pings, whatever the text says. */
export const NO_MENTIONS = { parse: [] } as const;

/** Seen by everyone in the channel. */
export function publicly(payload: MessagePayload) {
  return { ...payload, allowedMentions: NO_MENTIONS };
}

/** Seen only by the user who interacted. */
export function privately(payload: MessagePayload) {
  return { ...payload, allowedMentions: NO_MENTIONS, flags: MessageFlags.Ephemeral as const };
}

/** A text-only payload. */
export const text = (content: string): MessagePayload => ({ content, embeds: [], components: [] });

/**
 * Answers a command whether or not the dispatcher deferred it: a deferred reply is edited (it keeps
 * the visibility chosen when deferring), any other is sent.
 */
export async function respond(
  interaction: CommandInteraction | MessageComponentInteraction,
  payload: ReturnType<typeof publicly> | ReturnType<typeof privately>,
): Promise<void> {
  if (interaction.deferred) {
    const { flags: _visibility, ...edit } = payload as ReturnType<typeof privately>;
    await interaction.editReply(edit);
  } else await interaction.reply(payload);
}
