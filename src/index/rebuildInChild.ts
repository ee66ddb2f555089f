import { execFile } from 'node:child_process';
import { childModule } from '../childModule.js';
import { pathsOf } from './build.js';
import { type IndexFile, readIndexFile } from './store.js';

const CHILD = childModule('./rebuild-index', import.meta.url);

/**
 * A rebuild off the main thread: a child process reads the sources, aligns, indexes and writes
 * the index atomically while this process keeps answering; then this process reads the new one,
 * yielding to the event loop as it goes.
 * A crash or a runaway build in the child cannot take the bot down with it.
 */
export function rebuildInChild(dataDir: string): Promise<IndexFile> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [...CHILD.execArgv, CHILD.file, dataDir],
      { maxBuffer: 1e6 },
      (err, _stdout, stderr) => {
        if (err) {
          reject(new Error(stderr.trim().split('\n').at(-1) || err.message));
          return;
        }
        readIndexFile(pathsOf(dataDir).index, { cooperative: true }).then(
          (read) =>
            'file' in read
              ? resolve(read.file)
              : reject(new Error(`the rebuilt index cannot be read: ${read.reason}`)),
          reject,
        );
      },
    );
  });
}
