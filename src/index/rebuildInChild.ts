import { execFile } from 'node:child_process';
import { childModule } from '../childModule.js';

const CHILD = childModule('index/rebuild-index');

/**
 * Index work off the main thread: a child process refreshes the index (reads the changed sources, or
 * all, and indexes them) or merges segments, and publishes a new manifest atomically while this
 * process keeps answering; the caller then swaps to what was published. A crash or a runaway build
 * in the child cannot take the bot down with it.
 */
export function inChild(dataDir: string, task: 'refresh' | 'merge'): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [...CHILD.execArgv, CHILD.file, dataDir, task],
      { maxBuffer: 1e6 },
      (err, _stdout, stderr) => {
        if (err) reject(new Error(stderr.trim().split('\n').at(-1) || err.message));
        else resolve();
      },
    );
  });
}
