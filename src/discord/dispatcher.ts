import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type CommandInteraction,
  DiscordAPIError,
  type Interaction,
  MessageFlags,
  RESTJSONErrorCodes,
} from 'discord.js';
import type { Logger } from '../log.js';
import type { AnyCommand, BotContext, ButtonHandler, HandlerContext } from './command.js';
import { COMMANDS } from './commands/all.js';
import { NO_MENTIONS, privately, text } from './reply.js';
import { RateLimiter } from './state.js';

/** A command as served by one bot: its state and its rate limiter live as long as the bot. */
interface Served {
  command: AnyCommand;
  state: unknown;
  limiter: RateLimiter | null;
}

/**
 * The one place interactions arrive. It finds the command (or the command owning a button), applies
 * what the command declares (permission checked server side, rate limit, defer), logs and measures
 * every interaction, and answers every failure with a safe private reply. Interactions that expired
 * or were already answered are logged, never thrown.
 */
export class InteractionDispatcher {
  private readonly commands = new Map<string, Served>();
  private readonly buttons = new Map<string, { served: Served; handle: ButtonHandler<unknown> }>();

  constructor(
    private readonly context: BotContext,
    commands: readonly AnyCommand[] = COMMANDS,
  ) {
    for (const command of commands) {
      const { name } = command.definition;
      if (this.commands.has(name)) throw new Error(`two commands are named ${name}`);
      const { rateLimit } = command.handling;
      const served: Served = {
        command,
        state: command.createState?.(),
        limiter: rateLimit ? new RateLimiter(rateLimit.uses, rateLimit.windowMs) : null,
      };
      this.commands.set(name, served);
      for (const [prefix, handle] of Object.entries(command.buttons ?? {})) {
        if (this.buttons.has(prefix)) throw new Error(`two commands claim the button prefix ${prefix}`);
        this.buttons.set(prefix, { served, handle });
      }
    }
  }

  async dispatch(interaction: Interaction): Promise<void> {
    const started = performance.now();
    const name =
      interaction.isCommand() || interaction.isAutocomplete()
        ? interaction.commandName
        : interaction.isButton()
          ? (interaction.customId.split(':')[0] ?? '')
          : 'other';
    const log = this.context.logger.child({
      interaction: interaction.id,
      command: name,
      guild: interaction.guildId,
    });
    try {
      if (interaction.isAutocomplete()) await this.autocomplete(interaction, log);
      else if (interaction.isCommand()) await this.command(interaction, log);
      else if (interaction.isButton()) await this.button(interaction, log);
      log.info({ latencyMs: Math.round(performance.now() - started) }, `${name} handled`);
    } catch (err) {
      if (isGone(err)) {
        log.warn(
          { code: (err as DiscordAPIError).code },
          `${name}: the interaction expired or was already answered`,
        );
        return;
      }
      log.error({ err, latencyMs: Math.round(performance.now() - started) }, `${name} failed`);
      await this.fallback(interaction, log);
    }
  }

  /** The handler's context, its engine scoped to the interaction's server when the bot has communities. */
  private async handlerContext(
    served: Served,
    log: Logger,
    guildId: string | null,
  ): Promise<HandlerContext<unknown>> {
    const { communities, engine } = this.context;
    const scoped = communities ? await communities.engineFor(guildId) : engine;
    return { ...this.context, engine: scoped, log, state: served.state };
  }

  private async command(interaction: CommandInteraction, log: Logger): Promise<void> {
    const served = this.commands.get(interaction.commandName);
    if (!served) {
      await interaction.reply(privately(text('This command is not known to this bot.')));
      return;
    }
    const { definition, handling } = served.command;
    const { permission } = handling;
    if (permission && !(interaction.inGuild() && interaction.memberPermissions.has(permission.flag))) {
      await interaction.reply(privately(text(`Only ${permission.who} can use /${definition.name}.`)));
      return;
    }
    const wait = served.limiter?.take(interaction.user.id) ?? 0;
    if (wait > 0) {
      await interaction.reply(
        privately(
          text(`You are using /${definition.name} quickly: try again in ${Math.ceil(wait / 1000)} s.`),
        ),
      );
      return;
    }
    if (handling.defer === 'public') await interaction.deferReply();
    else if (handling.defer === 'private') await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    await served.command.execute(interaction, await this.handlerContext(served, log, interaction.guildId));
  }

  private async button(interaction: ButtonInteraction, log: Logger): Promise<void> {
    const [prefix = '', ...args] = interaction.customId.split(':');
    const route = this.buttons.get(prefix);
    if (!route) {
      await interaction.reply(privately(text('This button is no longer served: ask again.')));
      return;
    }
    await route.handle(interaction, args, await this.handlerContext(route.served, log, interaction.guildId));
  }

  private async autocomplete(interaction: AutocompleteInteraction, log: Logger): Promise<void> {
    const served = this.commands.get(interaction.commandName);
    if (served?.command.autocomplete)
      await served.command.autocomplete(
        interaction,
        await this.handlerContext(served, log, interaction.guildId),
      );
    else await interaction.respond([]);
  }

  /** A safe private reply after a failure, whatever state the interaction is in. */
  private async fallback(interaction: Interaction, log: Logger): Promise<void> {
    if (!interaction.isRepliable()) return;
    const payload = privately(text('Sorry, something went wrong answering that. Please try again.'));
    try {
      if (interaction.deferred)
        await interaction.editReply({ content: payload.content, allowedMentions: NO_MENTIONS });
      else if (interaction.replied) await interaction.followUp(payload);
      else await interaction.reply(payload);
    } catch (err) {
      log.warn({ err }, 'could not send the fallback reply');
    }
  }
}

/** Unknown interaction (10062) or already acknowledged (40060): nothing left to answer. */
export function isGone(err: unknown): boolean {
  return (
    err instanceof DiscordAPIError &&
    (err.code === RESTJSONErrorCodes.UnknownInteraction ||
      err.code === RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged)
  );
}
