import {
  ApplicationCommandOptionType,
  type Attachment,
  type ChatInputCommandInteraction,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { BOUNDS } from './limits.js';

/**
 * The commands, as data: what `deploy-commands` registers and what the handlers read. Behaviour lives
 * in the handlers; the types of each command's options are derived from these definitions.
 */

export const askCommand = {
  name: 'ask',
  description: 'Find the moments in the episodes that answer a question',
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'question',
      description: 'What do you want to know?',
      required: true,
      max_length: BOUNDS.questionChars,
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'episode',
      description: 'Search one episode only',
      autocomplete: true,
    },
    {
      type: ApplicationCommandOptionType.Integer,
      name: 'results',
      description: `How many passages (1–${BOUNDS.maxResults})`,
      min_value: 1,
      max_value: BOUNDS.maxResults,
    },
    { type: ApplicationCommandOptionType.Boolean, name: 'private', description: 'Only you see the answer' },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export const episodeCommand = {
  name: 'episode',
  description: 'Look an episode up: date, length, guests, chapters',
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'episode',
      description: 'The episode (leave empty for the list)',
      autocomplete: true,
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export const reindexCommand = {
  name: 'reindex',
  description: 'Moderators: reload the episodes and rebuild the index',
  default_member_permissions: String(PermissionFlagsBits.ManageGuild),
  dm_permission: false,
  options: [
    {
      type: ApplicationCommandOptionType.Attachment,
      name: 'file',
      description: 'An episode page or episode JSON to add (≤ 2 MB)',
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'feed',
      description: 'A podcast feed URL (RSS or Atom) to import now',
      max_length: BOUNDS.feedUrlChars,
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export const COMMANDS = [askCommand, episodeCommand, reindexCommand] as const;

interface OptionDefinition {
  readonly type: ApplicationCommandOptionType;
  readonly name: string;
  readonly required?: boolean;
}

type ValueOf<T extends ApplicationCommandOptionType> = T extends ApplicationCommandOptionType.String
  ? string
  : T extends ApplicationCommandOptionType.Integer | ApplicationCommandOptionType.Number
    ? number
    : T extends ApplicationCommandOptionType.Boolean
      ? boolean
      : T extends ApplicationCommandOptionType.Attachment
        ? Attachment
        : never;

/** `{ question: string; episode: string | undefined; … }` for a command definition. */
export type OptionsOf<C extends { readonly options: readonly OptionDefinition[] }> = {
  [O in C['options'][number] as O['name']]: O extends { readonly required: true }
    ? ValueOf<O['type']>
    : ValueOf<O['type']> | undefined;
};

/** Reads an interaction's options as the command's typed view. */
export function readOptions<C extends { readonly options: readonly OptionDefinition[] }>(
  command: C,
  interaction: Pick<ChatInputCommandInteraction, 'options'>,
): OptionsOf<C> {
  const values: Record<string, unknown> = {};
  for (const option of command.options) {
    values[option.name] =
      option.type === ApplicationCommandOptionType.Attachment
        ? (interaction.options.getAttachment(option.name) ?? undefined)
        : (interaction.options.get(option.name)?.value ?? undefined);
  }
  return values as OptionsOf<C>;
}
