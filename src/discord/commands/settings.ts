import {
  ApplicationCommandOptionType,
  ChannelType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { MODERATORS, defineCommand, readOptions } from '../command.js';
import { publicly, respond, text } from '../reply.js';
import { saving, serverOf } from './moderation.js';

/** `/settings [announce:<channel>] [stop_announcing]`: where new episodes of followed shows are posted. */
export const settingsDefinition = {
  name: 'settings',
  description: 'Moderators: where this server gets new episodes of the shows it follows',
  default_member_permissions: String(MODERATORS.flag),
  dm_permission: false,
  options: [
    {
      type: ApplicationCommandOptionType.Channel,
      name: 'announce',
      description: 'Post each new episode of a followed show here (once)',
      channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
    },
    {
      type: ApplicationCommandOptionType.Boolean,
      name: 'stop_announcing',
      description: 'Post no more new episodes',
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export const settings = defineCommand({
  definition: settingsDefinition,
  handling: { defer: 'private', permission: MODERATORS },
  async execute(interaction, context) {
    const server = await serverOf(interaction, context);
    if (!server) return;
    const { announce, stop_announcing: stop } = readOptions(settingsDefinition, interaction);
    const change = stop ? null : announce;
    const done = await saving(interaction, context, 'save the settings', async () => {
      if (change !== undefined) await server.communities.setAnnounceChannel(server.guildId, change);
      return server.communities.announceChannelOf(server.guildId);
    });
    if (!done) return;
    // Not through `lines`, whose escaping would break the channel mention (a channel id pings no one).
    await respond(
      interaction,
      publicly(
        text(
          done.done === null
            ? 'New episodes of the shows this server follows are not announced.'
            : `New episodes of the shows this server follows are posted in <#${done.done}>, each once.`,
        ),
      ),
    );
  },
});
