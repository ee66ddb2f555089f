import {
  ApplicationCommandType,
  type MessageContextMenuCommandInteraction,
  type RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';
import { MAX_QUESTION_CHARS } from '../../answers/format.js';
import type { AnswerEngine } from '../../answers/engine.js';
import { customId, defineCommand } from '../command.js';
import { BOUNDS } from '../limits.js';
import { renderAnswer, safeText, truncate } from '../render.js';
import { privately, publicly, text } from '../reply.js';
import { ExpiringKeys } from '../state.js';

/**
 * "Find the moment" (message menu → Apps): a chat message someone wrote is the question; the answer
 * goes to whoever used the command alone, with a button that shares it in the channel.
 */
export const findMomentDefinition = {
  type: ApplicationCommandType.Message,
  name: 'Find the moment',
} as const satisfies RESTPostAPIContextMenuApplicationCommandsJSONBody;

const EXPIRED = privately(text('This answer has expired: use Find the moment again.'));

/** The first page of an answer to `question`, with `share` as its only button. */
function page(engine: AnswerEngine, question: string, share: string) {
  const answer = engine.ask(question, { limit: BOUNDS.defaultResults });
  return renderAnswer(answer, { page: 0, perPage: BOUNDS.defaultResults, buttons: { share } });
}

export const findMoment = defineCommand<ExpiringKeys<string>, MessageContextMenuCommandInteraction>({
  definition: findMomentDefinition,
  handling: { defer: 'none', rateLimit: { uses: BOUNDS.askPerWindow, windowMs: BOUNDS.askWindowMs } },
  createState: () => new ExpiringKeys<string>(),
  async execute(interaction, { engine, state }) {
    const question = interaction.targetMessage.content.slice(0, MAX_QUESTION_CHARS);
    await interaction.reply(privately(page(engine, question, customId('share', state.add(question)))));
  },
  buttons: {
    // A new reply to the button, without the ephemeral flag: everyone in the channel sees it.
    share: async (interaction, [key = ''], { engine, state }) => {
      const question = state.get(key);
      if (question === undefined) return void (await interaction.reply(EXPIRED));
      const shared = page(engine, question, customId('share', key));
      const by = `${safeText(interaction.user.displayName)} shared: “${safeText(truncate(question, 200))}”`;
      await interaction.reply(publicly({ ...shared, content: by, components: [] }));
    },
  },
});
