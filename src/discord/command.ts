import {
  ApplicationCommandOptionType,
  type Attachment,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type CommandInteraction,
  PermissionFlagsBits,
  type RESTPostAPIApplicationCommandsJSONBody,
} from 'discord.js';
import type { Communities } from '../answers/communities.js';
import type { AnswerEngine } from '../answers/engine.js';
import type { Logger } from '../log.js';
import { LIMITS } from './limits.js';

/**
 * What a command is: its definition as data (what `deploy-commands` registers; option types are
 * derived from it), how the dispatcher must treat it, and its handlers. One file per command in
 * commands/, listed once in commands/all.ts.
 */

/**
 * What every handler can reach: the engine, and the bot's settings. A handler's `engine` is scoped
 * to its server (the episodes of the feeds it follows) when the bot has `communities`.
 */
export interface BotContext {
  engine: AnswerEngine;
  logger: Logger;
  /** How attachments are downloaded (tests point it at the stand-in). */
  fetchFile?: typeof fetch;
  /** Follows, settings and gaps per server, in the database. */
  communities?: Communities;
}

/** A handler's view: the bot's context, its interaction's logger, and its command's own state. */
export interface HandlerContext<State> extends BotContext {
  log: Logger;
  state: State;
}

/** How the dispatcher treats a command before its handler runs. */
export interface Handling {
  /**
   * `none`: the handler answers itself, well within Discord's 3 s; `public`/`private`: the dispatcher
   * acknowledges at once (seen by all / only by the user) and the handler edits that reply.
   */
  defer: 'none' | 'public' | 'private';
  /**
   * Members need this permission. Discord hides the command from others (`default_member_permissions`),
   * but a server can change that, so the dispatcher checks it again on every use.
   */
  permission?: { flag: bigint; who: string };
  /** At most `uses` per user within `windowMs`; more get a private "try again in N s". */
  rateLimit?: { uses: number; windowMs: number };
}

/**
 * Handles a button whose custom id starts `PREFIX:`; `args` are the id's other `:`-separated parts.
 * (Declared as a method so that a command's handlers, typed by its own state, fit the dispatcher's list.)
 */
export type ButtonHandler<State> = {
  handle(
    interaction: ButtonInteraction,
    args: readonly string[],
    context: HandlerContext<State>,
  ): Promise<void>;
}['handle'];

export interface Command<State = unknown, I extends CommandInteraction = ChatInputCommandInteraction> {
  definition: RESTPostAPIApplicationCommandsJSONBody;
  handling: Handling;
  /** Made once per bot: what the command keeps between interactions (result sets, vote keys). */
  createState?(): State;
  execute(interaction: I, context: HandlerContext<State>): Promise<void>;
  /** The buttons this command's replies carry, by custom id prefix (unique across commands). */
  buttons?: Readonly<Record<string, ButtonHandler<State>>>;
  autocomplete?(interaction: AutocompleteInteraction, context: HandlerContext<State>): Promise<void>;
}

/** Any command, whatever its state and interaction (a message context-menu command too). */
export type AnyCommand = Command<unknown, CommandInteraction>;

/** Moderator commands: Manage Server, hidden from others by Discord and checked again by the dispatcher. */
export const MODERATORS = {
  flag: PermissionFlagsBits.ManageGuild,
  who: 'moderators (Manage Server)',
} as const;

/** Types a command's handlers from its state (inferred from `createState`). */
export function defineCommand<State = undefined, I extends CommandInteraction = ChatInputCommandInteraction>(
  command: Command<State, I>,
): Command<State, I> {
  return command;
}

/** `prefix:part:part`, refused (a bug, not input) when longer than Discord's 100 characters. */
export function customId(prefix: string, ...parts: readonly (string | number)[]): string {
  const id = [prefix, ...parts].join(':');
  if (id.length > LIMITS.customId)
    throw new RangeError(`custom id over ${LIMITS.customId} characters: ${id}`);
  return id;
}

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
        : T extends ApplicationCommandOptionType.Channel
          ? string
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
