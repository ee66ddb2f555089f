import {
  ApplicationCommandOptionType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { describeImport } from '../../answers/importSummary.js';
import { MODERATORS, defineCommand, readOptions } from '../command.js';
import { BOUNDS } from '../limits.js';
import { respond } from '../reply.js';
import { lines, saving, serverOf } from './moderation.js';

/** `/follow feed:<url>`: moderators follow a podcast feed; the server's questions then search its episodes. */
export const followDefinition = {
  name: 'follow',
  description: 'Moderators: follow a podcast feed; this server’s questions then search its episodes',
  default_member_permissions: String(MODERATORS.flag),
  dm_permission: false,
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'feed',
      description: 'The podcast feed URL (RSS or Atom, http or https)',
      required: true,
      max_length: BOUNDS.feedUrlChars,
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/** An http(s) URL as typed, or null. */
function feedUrl(typed: string): string | null {
  try {
    const url = new URL(typed.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

export const follow = defineCommand({
  definition: followDefinition,
  // The first follow of a feed imports it (seconds, a rebuild): acknowledge at once, privately.
  handling: { defer: 'private', permission: MODERATORS },
  async execute(interaction, context) {
    const server = await serverOf(interaction, context);
    if (!server) return;
    const url = feedUrl(readOptions(followDefinition, interaction).feed);
    if (url === null) {
      await respond(interaction, lines(['feed: expected an http:// or https:// feed URL.']));
      return;
    }
    const saved = await saving(interaction, context, 'follow the feed', () =>
      server.communities.follow(server.guildId, url),
    );
    if (!saved) return;
    const report = saved.done;
    context.log.info({ feed: url, status: report.status, user: interaction.user.id }, 'follow');
    if (report.status === 'already') {
      await respond(interaction, lines([`This server already follows ${url}.`]));
    } else if (report.status === 'refused') {
      await respond(interaction, lines([`Not followed: ${report.reason}.`]));
    } else if (report.status === 'queued') {
      await respond(
        interaction,
        lines([`Following ${url}. A rebuild is running, so its episodes arrive with the next poll.`]),
      );
    } else {
      const summary = report.imported ? describeImport(report.imported) : { outcome: [], details: [] };
      await respond(
        interaction,
        lines([
          `Following ${report.show ?? url}: ${report.episodes} episode${report.episodes === 1 ? '' : 's'}. This server’s questions now search the shows it follows.`,
          ...summary.outcome,
          ...summary.details.map((line) => `• ${line}`),
        ]),
      );
    }
  },
});
