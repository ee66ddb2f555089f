import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  DiscordAPIError,
  type Interaction,
  MessageFlags,
  PermissionFlagsBits,
  RESTJSONErrorCodes,
} from 'discord.js';
import { type AnswerEngine, FeedError, ReindexInProgressError } from '../answers/engine.js';
import { describeImport } from '../answers/importSummary.js';
import type { ImportReport, ReindexReport } from '../answers/schema.js';
import type { Logger } from '../log.js';
import { formatProblem } from '../episodes/problem.js';
import { acceptUpload } from './attachment.js';
import { askCommand, episodeCommand, readOptions } from './commands.js';
import { recordVote } from './feedback.js';
import { BOUNDS, LIMITS } from './limits.js';
import {
  type MessagePayload,
  episodeChoices,
  renderAnswer,
  renderEpisode,
  renderEpisodeList,
  safeText,
  truncate,
} from './render.js';
import { RateLimiter, ResultSets } from './state.js';

/** Every reply: no pings, whatever the text says. */
export const NO_MENTIONS = { parse: [] } as const;

export interface BotContext {
  engine: AnswerEngine;
  dataDir: string;
  logger: Logger;
  fetchFile?: typeof fetch;
}

/**
 * The one place interactions arrive: it looks the handler up, rate-limits /ask, defers what may take
 * over a second, logs and measures every interaction, and answers every failure with a safe private
 * reply. Interactions that expired or were already answered are logged, never thrown.
 */
export class InteractionDispatcher {
  readonly results = new ResultSets();
  readonly limiter = new RateLimiter();

  constructor(private readonly context: BotContext) {}

  async dispatch(interaction: Interaction): Promise<void> {
    const started = performance.now();
    const name =
      interaction.isChatInputCommand() || interaction.isAutocomplete()
        ? interaction.commandName
        : interaction.isButton()
          ? interaction.customId.split(':')[0]
          : 'other';
    const log = this.context.logger.child({
      interaction: interaction.id,
      command: name,
      guild: interaction.guildId,
    });
    try {
      if (interaction.isAutocomplete()) await this.autocomplete(interaction);
      else if (interaction.isChatInputCommand()) await this.command(interaction);
      else if (interaction.isButton()) await this.button(interaction);
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

  private async command(interaction: ChatInputCommandInteraction): Promise<void> {
    switch (interaction.commandName) {
      case 'ask':
        return this.ask(interaction);
      case 'episode':
        return this.episode(interaction);
      case 'reindex':
        return this.reindex(interaction);
      default:
        await interaction.reply(
          privately({ content: 'This command is not known to this bot.', embeds: [], components: [] }),
        );
    }
  }

  private async ask(interaction: ChatInputCommandInteraction): Promise<void> {
    const wait = this.limiter.take(interaction.user.id);
    if (wait > 0) {
      await interaction.reply(
        privately({
          content: `You are asking quickly: try again in ${Math.ceil(wait / 1000)} s.`,
          embeds: [],
          components: [],
        }),
      );
      return;
    }
    const options = readOptions(askCommand, interaction);
    const perPage = options.results ?? BOUNDS.defaultResults;
    const asked = {
      question: options.question.slice(0, BOUNDS.questionChars),
      options: { episodeId: options.episode },
      perPage,
      private: options.private ?? false,
    };
    // The engine answers in milliseconds, well inside the 3 s to acknowledge: reply at once, no defer.
    const answer = this.context.engine.ask(asked.question, { ...asked.options, limit: perPage });
    const key = this.results.add(asked);
    const payload = renderAnswer(answer, { key, page: 0, perPage });
    await interaction.reply(asked.private ? privately(payload) : publicly(payload));
  }

  private async episode(interaction: ChatInputCommandInteraction): Promise<void> {
    const { episode: wanted } = readOptions(episodeCommand, interaction);
    const episodes = this.context.engine.episodes();
    if (wanted === undefined) {
      await interaction.reply(publicly(renderEpisodeList(episodes, 0)));
      return;
    }
    const needle = wanted.toLowerCase();
    const episode =
      this.context.engine.episode(wanted) ?? episodes.find((e) => e.title.toLowerCase().includes(needle));
    if (!episode) {
      await interaction.reply(
        privately({
          content: `No episode matches “${safeText(truncate(wanted, 100))}”. Pick one from the list as you type.`,
          embeds: [],
          components: [],
        }),
      );
      return;
    }
    await interaction.reply(publicly(renderEpisode(episode)));
  }

  private async reindex(interaction: ChatInputCommandInteraction): Promise<void> {
    // Discord hides the command from non-moderators, but a server can change that: check again here.
    if (!interaction.inGuild() || !interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) {
      await interaction.reply(
        privately({ content: 'Only moderators (Manage Server) can reindex.', embeds: [], components: [] }),
      );
      return;
    }
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const file = interaction.options.getAttachment('file');
    const lines: string[] = [];
    if (file) {
      const upload = await acceptUpload(
        { name: file.name, size: file.size, url: file.url, contentType: file.contentType },
        { dataDir: this.context.dataDir, engine: this.context.engine, fetchFile: this.context.fetchFile },
      );
      if (upload.saved === null) {
        await interaction.editReply(
          publicly({
            content: truncate(
              ['Refused the file; nothing was written.', ...upload.problems.map(formatProblem)]
                .map(safeText)
                .join('\n'),
              LIMITS.messageContent,
            ),
            embeds: [],
            components: [],
          }),
        );
        return;
      }
      lines.push(`Saved ${upload.saved}.`);
    }
    const feed = interaction.options.getString('feed')?.trim();
    if (feed) {
      let imported: ImportReport;
      try {
        imported = await this.context.engine.importFeed(feed);
      } catch (err) {
        if (!(err instanceof FeedError) && !(err instanceof ReindexInProgressError)) throw err;
        const said =
          err instanceof FeedError
            ? `Could not import the feed: ${err.message}. Nothing was changed.`
            : 'A reindex is already running; try again when it is done.';
        await interaction.editReply(
          publicly({ content: truncate(safeText(said), LIMITS.messageContent), embeds: [], components: [] }),
        );
        return;
      }
      const { outcome, details } = describeImport(imported);
      lines.push(...outcome, ...details.map((line) => `• ${line}`));
      // The import rebuilt the index (or had nothing to add); an uploaded file still needs one.
      if (!file || imported.index) {
        await interaction.editReply(
          publicly({
            content: truncate(lines.map(safeText).join('\n'), LIMITS.messageContent),
            embeds: [],
            components: [],
          }),
        );
        return;
      }
    }
    let report: ReindexReport;
    try {
      report = await this.context.engine.reindex();
    } catch (err) {
      if (!(err instanceof ReindexInProgressError)) throw err;
      await interaction.editReply(
        publicly({
          content: 'A reindex is already running; try again when it is done.',
          embeds: [],
          components: [],
        }),
      );
      return;
    }
    lines.push(
      `Indexed ${report.episodes} episodes, ${report.passages} passages in ${report.tookMs} ms; refused ${report.rejected.length} file${report.rejected.length === 1 ? '' : 's'}.`,
    );
    for (const { problems } of report.rejected) lines.push(...problems.map((p) => `• ${formatProblem(p)}`));
    await interaction.editReply(
      publicly({
        content: truncate(lines.map(safeText).join('\n'), LIMITS.messageContent),
        embeds: [],
        components: [],
      }),
    );
  }

  private async button(interaction: ButtonInteraction): Promise<void> {
    // Custom ids: `list:PAGE`, `more:KEY:PAGE`, `vote:up|down:KEY:PASSAGE` (render.ts makes them).
    const [kind, first = '', second = '', ...rest] = interaction.customId.split(':');
    if (kind === 'list') {
      await interaction.update(
        publicly(renderEpisodeList(this.context.engine.episodes(), Number(first) || 0)),
      );
      return;
    }
    const key = kind === 'vote' ? second : first;
    const asked = this.results.get(key);
    if (!asked) {
      await interaction.reply(
        privately({ content: 'This result set has expired: ask again.', embeds: [], components: [] }),
      );
      return;
    }
    if (kind === 'more') {
      const page = Math.max(0, Number(second) || 0);
      const answer = this.context.engine.ask(asked.question, {
        ...asked.options,
        limit: asked.perPage,
        offset: page * asked.perPage,
      });
      await interaction.update(publicly(renderAnswer(answer, { key, page, perPage: asked.perPage })));
      return;
    }
    const vote = first === 'up' ? 'up' : 'down';
    await recordVote(this.context.dataDir, {
      question: asked.question,
      passageId: rest.join(':'),
      vote,
      userId: interaction.user.id,
    });
    await interaction.reply(
      privately({ content: 'Thanks: your vote helps improve the answers.', embeds: [], components: [] }),
    );
  }

  private async autocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const typed = String(interaction.options.getFocused());
    await interaction.respond(episodeChoices(this.context.engine.episodes(), typed));
  }

  /** A safe private reply after a failure, whatever state the interaction is in. */
  private async fallback(interaction: Interaction, log: Logger): Promise<void> {
    if (!interaction.isRepliable()) return;
    const payload = privately({
      content: 'Sorry, something went wrong answering that. Please try again.',
      embeds: [],
      components: [],
    });
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

function publicly(payload: MessagePayload) {
  return { ...payload, allowedMentions: NO_MENTIONS };
}

function privately(payload: MessagePayload) {
  return { ...payload, allowedMentions: NO_MENTIONS, flags: MessageFlags.Ephemeral as const };
}

/** Unknown interaction (10062) or already acknowledged (40060): nothing left to answer. */
export function isGone(err: unknown): boolean {
  return (
    err instanceof DiscordAPIError &&
    (err.code === RESTJSONErrorCodes.UnknownInteraction ||
      err.code === RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged)
  );
}
