import { ApplicationCommandOptionType, type AutocompleteInteraction } from 'discord.js';
import type { EpisodeFilter } from '../../answers/schema.js';
import type { HandlerContext } from '../command.js';
import { dateChoices, personChoices, showChoices } from '../renderAcross.js';
import { autocompleteEpisodes } from './episode.js';

/**
 * The filter options `/ask` and `/timeline` share (`from`, `to`, `guest`, `show`), their autocomplete,
 * and the filter they give. Dates are checked by the engine, which names a malformed one.
 */
export const FILTER_OPTIONS = [
  {
    type: ApplicationCommandOptionType.String,
    name: 'from',
    description: 'Episodes published on or after (YYYY, YYYY-MM or YYYY-MM-DD)',
    autocomplete: true,
    max_length: 10,
  },
  {
    type: ApplicationCommandOptionType.String,
    name: 'to',
    description: 'Episodes published on or before (YYYY, YYYY-MM or YYYY-MM-DD)',
    autocomplete: true,
    max_length: 10,
  },
  {
    type: ApplicationCommandOptionType.String,
    name: 'guest',
    description: 'Episodes with this person',
    autocomplete: true,
    max_length: 100,
  },
  {
    type: ApplicationCommandOptionType.String,
    name: 'show',
    description: 'Episodes of this show',
    autocomplete: true,
    max_length: 100,
  },
] as const;

/** The filter of a command's options (those not given are left out). */
export function filterOf(options: {
  from?: string;
  to?: string;
  guest?: string;
  show?: string;
}): EpisodeFilter {
  const { from, to, guest, show } = options;
  return Object.fromEntries(
    Object.entries({ from, to, guest, show }).filter(
      ([, value]) => value !== undefined && value.trim() !== '',
    ),
  );
}

/** Choices for whichever option is focused: dates, people, shows, or episodes. */
export async function autocompleteFilters(
  interaction: AutocompleteInteraction,
  context: HandlerContext<unknown>,
): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const typed = String(focused.value);
  if (focused.name === 'episode') return autocompleteEpisodes(interaction, context);
  const facts = context.engine.facts();
  const choices =
    focused.name === 'from' || focused.name === 'to'
      ? dateChoices(facts, typed)
      : focused.name === 'show'
        ? showChoices(facts, typed)
        : personChoices(facts, typed);
  await interaction.respond(choices);
}
