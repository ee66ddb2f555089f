import {
  ApplicationCommandOptionType,
  MessageFlags,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { MAX_QUESTION_CHARS } from '../../answers/format.js';
import type { Answer, AskOptions } from '../../answers/schema.js';
import { customId, defineCommand, readOptions } from '../command.js';
import { BOUNDS } from '../limits.js';
import { renderAnswer } from '../render.js';
import { renderRelated } from '../renderAcross.js';
import { privately, publicly, text } from '../reply.js';
import { ExpiringKeys } from '../state.js';
import { FILTER_OPTIONS, autocompleteFilters, filterOf } from './filters.js';

/**
 * `/ask question [episode] [results] [private] [from] [to] [guest] [show]`: the passages that answer,
 * a page at a time, with votes and the related moments of the top one.
 */
export const askDefinition = {
  name: 'ask',
  description: 'Find the moments in the episodes that answer a question',
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'question',
      description: 'What do you want to know?',
      required: true,
      max_length: MAX_QUESTION_CHARS,
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
    ...FILTER_OPTIONS,
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/** A question asked, kept so "More results" pages through the same result set. */
export interface AskedQuestion {
  question: string;
  options: AskOptions;
  perPage: number;
  private: boolean;
}

/** What a vote button stands for: the whole passage id, however long, behind a short key. */
interface VoteTarget {
  question: string;
  passageId: string;
}

interface AskState {
  asked: ExpiringKeys<AskedQuestion>;
  votes: ExpiringKeys<VoteTarget>;
}

/** One page of an answer, its buttons keyed so that each maps back exactly. */
function answerPage(answer: Answer, asked: AskedQuestion, key: string, page: number, state: AskState) {
  const top = answer.results[0];
  const vote = top ? state.votes.add({ question: asked.question, passageId: top.passageId }) : '';
  return renderAnswer(answer, {
    page,
    perPage: asked.perPage,
    buttons: {
      more: customId('more', key, page + 1),
      up: customId('vote', 'up', vote),
      down: customId('vote', 'down', vote),
      related: customId('related', vote),
    },
  });
}

const EXPIRED = privately(text('This result set has expired: ask again.'));

export const ask = defineCommand<AskState>({
  definition: askDefinition,
  // The engine answers in milliseconds, well inside the 3 s to acknowledge: reply at once, no defer.
  handling: { defer: 'none', rateLimit: { uses: BOUNDS.askPerWindow, windowMs: BOUNDS.askWindowMs } },
  createState: () => ({ asked: new ExpiringKeys(), votes: new ExpiringKeys() }),
  async execute(interaction, { engine, state, communities }) {
    const options = readOptions(askDefinition, interaction);
    const asked: AskedQuestion = {
      question: options.question.slice(0, MAX_QUESTION_CHARS),
      options: { episodeId: options.episode, ...filterOf(options) },
      perPage: options.results ?? BOUNDS.defaultResults,
      private: options.private ?? false,
    };
    await engine.embedQuestions?.([asked.question]);
    const answer = engine.ask(asked.question, { ...asked.options, limit: asked.perPage });
    const payload = answerPage(answer, asked, state.asked.add(asked), 0, state);
    await interaction.reply(asked.private ? privately(payload) : publicly(payload));
    // Nothing found for the question itself (not a filter that left nothing): a gap moderators see in /gaps.
    if (answer.total === 0 && answer.notice === null && interaction.guildId && communities)
      await communities.recordGap(interaction.guildId, asked.question);
  },
  buttons: {
    more: async (interaction, [key = '', page], { engine, state }) => {
      const asked = state.asked.get(key);
      if (!asked) return void (await interaction.reply(EXPIRED));
      const shown = Math.max(0, Number(page) || 0);
      const answer = engine.ask(asked.question, {
        ...asked.options,
        limit: asked.perPage,
        offset: shown * asked.perPage,
      });
      await interaction.update(publicly(answerPage(answer, asked, key, shown, state)));
    },
    // The top passage's topic in other episodes, as a new message seen like the answer.
    related: async (interaction, [key = ''], { engine, state }) => {
      const target = state.votes.get(key);
      if (!target) return void (await interaction.reply(EXPIRED));
      const payload = renderRelated(engine.related(target.question, target.passageId));
      const ephemeral = interaction.message.flags.has(MessageFlags.Ephemeral);
      await interaction.reply(ephemeral ? privately(payload) : publicly(payload));
    },
    vote: async (interaction, [direction, key = ''], { engine, state, log }) => {
      const target = state.votes.get(key);
      if (!target) return void (await interaction.reply(EXPIRED));
      try {
        await engine.recordVote({
          ...target,
          vote: direction === 'up' ? 'up' : 'down',
          userId: interaction.user.id,
        });
      } catch (err) {
        log.error({ err: (err as Error).message }, 'could not save a vote');
        return void (await interaction.reply(
          privately(text('Thanks, but your vote could not be saved right now: the database is unavailable.')),
        ));
      }
      await interaction.reply(privately(text('Thanks: your vote helps improve the answers.')));
    },
  },
  autocomplete: autocompleteFilters,
});
