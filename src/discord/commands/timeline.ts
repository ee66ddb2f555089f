import {
  ApplicationCommandOptionType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { MAX_QUESTION_CHARS, timelinePng } from '../../answers/format.js';
import { defineCommand, readOptions } from '../command.js';
import { BOUNDS, UPLOAD_BYTES } from '../limits.js';
import { renderTimeline } from '../renderAcross.js';
import { publicly, respond } from '../reply.js';
import { FILTER_OPTIONS, autocompleteFilters, filterOf } from './filters.js';

/** `/timeline topic [from] [to] [guest] [show]`: every episode where a topic came up, with a chart. */
export const timelineDefinition = {
  name: 'timeline',
  description: 'Every episode where a topic came up, oldest first, with a chart',
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'topic',
      description: 'What to follow across the episodes',
      required: true,
      max_length: MAX_QUESTION_CHARS,
    },
    ...FILTER_OPTIONS,
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export const timeline = defineCommand({
  definition: timelineDefinition,
  // Drawing the chart takes a tenth of a second or more: acknowledge first, then edit the reply.
  handling: {
    defer: 'public',
    rateLimit: { uses: BOUNDS.askPerWindow, windowMs: BOUNDS.askWindowMs },
  },
  async execute(interaction, { engine }) {
    const options = readOptions(timelineDefinition, interaction);
    const found = engine.timeline(options.topic, filterOf(options));
    const chart = found.entries.length
      ? await timelinePng(found.entries, {
          title: `“${found.topic}” across the episodes`,
          maxBytes: UPLOAD_BYTES,
        })
      : null;
    await respond(interaction, publicly(renderTimeline(found, chart)));
  },
  autocomplete: autocompleteFilters,
});
