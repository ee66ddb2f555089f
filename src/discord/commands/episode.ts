import {
  ApplicationCommandOptionType,
  type AutocompleteInteraction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { type HandlerContext, customId, defineCommand, readOptions } from '../command.js';
import { episodeChoices, renderEpisode, renderEpisodeList, safeText, truncate } from '../render.js';
import { personChoices, renderPersonEpisodes } from '../renderAcross.js';
import { privately, publicly, text } from '../reply.js';

/** `/episode [episode] [guest]`: one episode's card, the episodes with a person, or the list of them with pages. */
export const episodeDefinition = {
  name: 'episode',
  description: 'Look an episode up: date, length, guests, chapters',
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'episode',
      description: 'The episode (leave empty for the list)',
      autocomplete: true,
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'guest',
      description: 'The episodes with this person, newest first',
      autocomplete: true,
      max_length: 100,
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/** Custom id of the button showing page `page` of the list. */
const listPage = (page: number) => customId('list', page);

/** Episode choices for whatever the user has typed so far (any command's episode option). */
export async function autocompleteEpisodes(
  interaction: AutocompleteInteraction,
  { engine }: HandlerContext<unknown>,
): Promise<void> {
  await interaction.respond(episodeChoices(engine.episodes(), String(interaction.options.getFocused())));
}

/** Choices for /episode: people for `guest`, episodes for `episode`. */
async function autocompleteEpisodeOrGuest(
  interaction: AutocompleteInteraction,
  context: HandlerContext<unknown>,
): Promise<void> {
  const focused = interaction.options.getFocused(true);
  if (focused.name !== 'guest') return autocompleteEpisodes(interaction, context);
  await interaction.respond(personChoices(context.engine.facts(), String(focused.value)));
}

export const episode = defineCommand({
  definition: episodeDefinition,
  handling: { defer: 'none' },
  async execute(interaction, { engine }) {
    const { episode: wanted, guest } = readOptions(episodeDefinition, interaction);
    if (guest !== undefined) {
      await interaction.reply(publicly(renderPersonEpisodes(guest, engine.episodesWith(guest))));
      return;
    }
    const episodes = engine.episodes();
    if (wanted === undefined) {
      await interaction.reply(publicly(renderEpisodeList(episodes, 0, listPage)));
      return;
    }
    const needle = wanted.toLowerCase();
    const found = engine.episode(wanted) ?? episodes.find((e) => e.title.toLowerCase().includes(needle));
    if (!found) {
      await interaction.reply(
        privately(
          text(
            `No episode matches “${safeText(truncate(wanted, 100))}”. Pick one from the list as you type.`,
          ),
        ),
      );
      return;
    }
    await interaction.reply(publicly(renderEpisode(found)));
  },
  buttons: {
    list: async (interaction, [page], { engine }) => {
      await interaction.update(publicly(renderEpisodeList(engine.episodes(), Number(page) || 0, listPage)));
    },
  },
  autocomplete: autocompleteEpisodeOrGuest,
});
