import {
  ApplicationCommandOptionType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { MODERATORS, defineCommand, readOptions } from '../command.js';
import { respond } from '../reply.js';
import { lines, saving, serverOf } from './moderation.js';

const MAX_GAPS = 25;

/** `/gaps [count]`: the questions this server asked that found nothing, most asked first, privately. */
export const gapsDefinition = {
  name: 'gaps',
  description: 'Moderators: questions this server asked that found nothing, most asked first',
  default_member_permissions: String(MODERATORS.flag),
  dm_permission: false,
  options: [
    {
      type: ApplicationCommandOptionType.Integer,
      name: 'count',
      description: `How many (1–${MAX_GAPS}, default 10)`,
      min_value: 1,
      max_value: MAX_GAPS,
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export const gaps = defineCommand({
  definition: gapsDefinition,
  handling: { defer: 'private', permission: MODERATORS },
  async execute(interaction, context) {
    const server = await serverOf(interaction, context);
    if (!server) return;
    const count = Math.min(MAX_GAPS, readOptions(gapsDefinition, interaction).count ?? 10);
    const read = await saving(interaction, context, 'read the gaps', () =>
      server.communities.gaps(server.guildId, count),
    );
    if (!read) return;
    const found = read.done;
    await respond(
      interaction,
      lines(
        found.length === 0
          ? ['No question asked here has gone unanswered.']
          : [
              'Questions asked here that found nothing, most asked first:',
              ...found.map((g) => `• ${g.asked}× ${g.question} (last ${g.lastAskedAt.slice(0, 10)})`),
            ],
      ),
    );
  },
});
