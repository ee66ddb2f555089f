import type { AnyCommand } from '../command.js';
import { ask } from './ask.js';
import { episode } from './episode.js';
import { findMoment } from './findMoment.js';
import { help } from './help.js';
import { reindex } from './reindex.js';
import { timeline } from './timeline.js';

/** Every command the bot serves and `deploy-commands` registers: add a command's file, then one line here. */
export const COMMANDS: readonly AnyCommand[] = [
  ask,
  timeline,
  episode,
  help,
  reindex,
  findMoment as AnyCommand,
];
