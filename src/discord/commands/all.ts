import type { AnyCommand } from '../command.js';
import { ask } from './ask.js';
import { episode } from './episode.js';
import { findMoment } from './findMoment.js';
import { follow } from './follow.js';
import { following } from './following.js';
import { gaps } from './gaps.js';
import { help } from './help.js';
import { reindex } from './reindex.js';
import { settings } from './settings.js';
import { timeline } from './timeline.js';
import { unfollow } from './unfollow.js';

/** Every command the bot serves and `deploy-commands` registers: add a command's file, then one line here. */
export const COMMANDS: readonly AnyCommand[] = [
  ask,
  timeline,
  episode,
  help,
  reindex,
  follow,
  unfollow,
  following,
  settings,
  gaps,
  findMoment as AnyCommand,
];
