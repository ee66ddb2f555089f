import {
  ApplicationCommandOptionType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { FollowedFeed } from '../../answers/communities.js';
import { MODERATORS, defineCommand, readOptions } from '../command.js';
import { LIMITS } from '../limits.js';
import { truncate } from '../render.js';
import { respond } from '../reply.js';
import { lines, saving, serverOf } from './moderation.js';

/** `/unfollow show:<autocomplete>`: moderators stop following one of the server's feeds. */
export const unfollowDefinition = {
  name: 'unfollow',
  description: 'Moderators: stop following a show',
  default_member_permissions: String(MODERATORS.flag),
  dm_permission: false,
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'show',
      description: 'A show this server follows',
      required: true,
      autocomplete: true,
      max_length: LIMITS.choiceValue,
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/** A choice's value: the URL, or its first 100 characters (matched as a prefix) when longer. */
const choiceValue = (feed: FollowedFeed) => feed.url.slice(0, LIMITS.choiceValue);

/** The follow a value names: its URL (or a choice's cut of it), or its show's title. */
function named(follows: readonly FollowedFeed[], value: string): FollowedFeed | undefined {
  const wanted = value.trim();
  const byUrl = follows.filter((f) => f.url === wanted || choiceValue(f) === wanted);
  if (byUrl.length === 1) return byUrl[0];
  const byShow = follows.filter((f) => f.show !== null && f.show.toLowerCase() === wanted.toLowerCase());
  return byShow.length === 1 ? byShow[0] : undefined;
}

export const unfollow = defineCommand({
  definition: unfollowDefinition,
  handling: { defer: 'private', permission: MODERATORS },
  async execute(interaction, context) {
    const server = await serverOf(interaction, context);
    if (!server) return;
    const { show } = readOptions(unfollowDefinition, interaction);
    const done = await saving(interaction, context, 'unfollow the show', async () => {
      const feed = named(await server.communities.following(server.guildId), show);
      return feed ? server.communities.unfollow(server.guildId, feed.url) : null;
    });
    if (!done) return;
    const report = done.done;
    if (report === null || report.status === 'not-following') {
      await respond(interaction, lines([`This server follows no show "${show}": see /following.`]));
      return;
    }
    context.log.info({ show, lastFollower: report.lastFollower }, 'unfollow');
    await respond(
      interaction,
      lines([
        `No longer following ${report.show ?? show}: its episodes leave this server’s answers.`,
        ...(report.lastFollower ? ['No server follows it now, so it is no longer fetched.'] : []),
      ]),
    );
  },
  async autocomplete(interaction, { communities }) {
    if (!interaction.inGuild() || !communities) return void (await interaction.respond([]));
    const typed = String(interaction.options.getFocused()).toLowerCase();
    // A database that cannot be read offers no choices; the command itself then says why.
    const follows = await communities.following(interaction.guildId).catch(() => []);
    await interaction.respond(
      follows
        .filter((f) => `${f.show ?? ''} ${f.url}`.toLowerCase().includes(typed))
        .slice(0, LIMITS.autocompleteChoices)
        .map((f) => ({
          name: truncate(f.show ? `${f.show} (${f.url})` : f.url, LIMITS.choiceName),
          value: choiceValue(f),
        })),
    );
  },
});
