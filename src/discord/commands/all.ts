import type { AnyCommand } from '../command.js';
import { ask } from './ask.js';
import { episode } from './episode.js';
import { reindex } from './reindex.js';

/** Every command the bot serves and `deploy-commands` registers: add a command's file, then one line here. */
export const COMMANDS: readonly AnyCommand[] = [ask, episode, reindex];
