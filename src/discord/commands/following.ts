import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { MODERATORS, defineCommand } from '../command.js';
import { respond } from '../reply.js';
import { lines, saving, serverOf } from './moderation.js';

/** `/following`: the shows this server follows, with episode counts and each feed's last poll. */
export const followingDefinition = {
  name: 'following',
  description: 'Moderators: the shows this server follows, their episodes and last poll',
  default_member_permissions: String(MODERATORS.flag),
  dm_permission: false,
  options: [],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/** `2026-01-02T03:04:05.000Z` → `2026-01-02 03:04 UTC`. */
const when = (iso: string | null) => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : 'never');

export const following = defineCommand({
  definition: followingDefinition,
  handling: { defer: 'private', permission: MODERATORS },
  async execute(interaction, context) {
    const server = await serverOf(interaction, context);
    if (!server) return;
    const read = await saving(interaction, context, 'read the follows', () =>
      server.communities.following(server.guildId),
    );
    if (!read) return;
    const follows = read.done;
    if (follows.length === 0) {
      await respond(
        interaction,
        lines([
          'This server follows no show: its questions search the bot’s own catalogue. Add one with /follow.',
        ]),
      );
      return;
    }
    await respond(
      interaction,
      lines([
        `This server follows ${follows.length} show${follows.length === 1 ? '' : 's'}:`,
        ...follows.map(
          (f) =>
            `• ${f.show ?? '(not imported yet)'}: ${f.episodes} episode${f.episodes === 1 ? '' : 's'}, last poll ${when(f.lastPolledAt)}` +
            (f.lastError ? `, last error: ${f.lastError}` : f.lastSuccessAt ? ', ok' : '') +
            ` (${f.url})`,
        ),
      ]),
    );
  },
});
