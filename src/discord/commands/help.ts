import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { defineCommand } from '../command.js';
import { type HelpEntry, renderHelp } from '../renderAcross.js';
import { privately } from '../reply.js';

export const helpDefinition = {
  name: 'help',
  description: 'What each command does, with an example, and what the catalogue holds',
  options: [],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/** One example each, as a listener would type it. */
export const HELP: readonly HelpEntry[] = [
  {
    usage: '/ask question [episode] [from] [to] [guest] [show]',
    does: 'The moments that answer a question, linked to the second; “Related” finds the topic in other episodes.',
    example: '/ask question:what did they say about HBM from:2025',
  },
  {
    usage: '/timeline topic [from] [to] [guest] [show]',
    does: 'Every episode where a topic came up, oldest first, with its best moment and a chart.',
    example: '/timeline topic:tariffs from:2025',
  },
  {
    usage: '/episode [episode] [guest]',
    does: 'An episode’s card with its chapters, the list of episodes, or the episodes with a person.',
    example: '/episode guest:Travis Kalanick',
  },
  {
    usage: 'Find the moment (message menu → Apps)',
    does: 'Takes a chat message as the question and answers only you, with a button to share it.',
    example: 'right-click “didn’t they talk about HBM a while ago?” → Apps → Find the moment',
  },
  {
    usage: '/reindex [file]',
    does: 'Moderators: add an episode page and rebuild the index.',
    example: '/reindex file:episode.json',
  },
  {
    usage: '/follow feed · /unfollow show · /following',
    does: 'Moderators: follow a podcast feed (this server’s questions then search the shows it follows), drop one, or list them.',
    example: '/follow feed:https://podcast.example/feed.xml',
  },
  {
    usage: '/settings [announce] · /gaps [count]',
    does: 'Moderators: where new episodes of followed shows are posted (once); the questions asked here that found nothing.',
    example: '/settings announce:#new-episodes',
  },
];

export const help = defineCommand({
  definition: helpDefinition,
  handling: { defer: 'none' },
  async execute(interaction, { engine }) {
    await interaction.reply(privately(renderHelp(HELP, engine.facts())));
  },
});
