import { type ChildProcess, execFile, fork } from 'node:child_process';
import { childModule } from '../childModule.js';

const CHILD = childModule('index/rebuild-index');

/**
 * Index work off the main thread: a child process refreshes the index (reads the changed sources, or
 * all, and indexes them) or merges segments, and publishes a new manifest atomically while this
 * process keeps answering; the caller then swaps to what was published. A crash or a runaway build
 * in the child cannot take the bot down with it.
 *
 * Refreshes go to one child kept warm per data directory: a new episode's segment is written by a
 * process that has already started, loaded WordNet and opened the segments (a new child paid 1–2 s
 * for each, and read the whole index again). Merges, long and rare, run in a child of their own so
 * a refresh never waits behind one.
 */
export function inChild(dataDir: string, task: 'refresh' | 'merge'): Promise<void> {
  return task === 'refresh' ? warmChild(dataDir).run('refresh') : inNewChild(dataDir, task);
}

/**
 * Starts the refresh child of a long-running process ahead of its first refresh: it opens the
 * segments and reads WordNet now, so the first new episode does not wait for them.
 */
export function prepareRefreshes(dataDir: string): Promise<void> {
  return warmChild(dataDir).run('prepare');
}

function inNewChild(dataDir: string, task: 'merge'): Promise<void> {
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

/** What a warm child is asked: a refresh, or to get ready for one. */
export interface WarmTask {
  id: number;
  task: 'refresh' | 'prepare';
}
/** What a warm child answers each task with. */
export type RefreshReply = { done: number } | { done: number; error: string };

/**
 * A child kept for refreshes, one task at a time. It holds no handle open while idle, so a process that
 * is otherwise done exits; when it dies (killed, out of memory) the refresh running fails and the
 * next one starts a new child.
 */
class WarmChild {
  private child: ChildProcess | null = null;
  private sent = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly dataDir: string) {}

  run(task: WarmTask['task']): Promise<void> {
    const run = this.queue.then(() => this.once(task));
    this.queue = run.catch(() => {});
    return run;
  }

  private once(task: WarmTask['task']): Promise<void> {
    const child = (this.child ??= this.start());
    const id = ++this.sent;
    return new Promise<void>((resolve, reject) => {
      const onMessage = (reply: RefreshReply) => {
        if (reply.done !== id) return;
        settle();
        if ('error' in reply) reject(new Error(reply.error));
        else resolve();
      };
      const onExit = (code: number | null) => {
        settle();
        reject(new Error(`the index child stopped (exit code ${code})`));
      };
      const onError = (err: Error) => {
        settle();
        child.kill();
        reject(err);
      };
      const settle = () => {
        child.off('message', onMessage);
        child.off('exit', onExit);
        child.off('error', onError);
        child.channel?.unref();
      };
      child.on('message', onMessage);
      child.on('exit', onExit);
      child.on('error', onError);
      child.channel?.ref();
      child.send({ id, task } satisfies WarmTask);
    });
  }

  private start(): ChildProcess {
    const child = fork(CHILD.file, [this.dataDir, 'serve'], { execArgv: CHILD.execArgv });
    child.unref();
    child.channel?.unref();
    const forget = () => {
      if (this.child === child) this.child = null;
    };
    child.once('exit', forget);
    // An error (a message that cannot be sent) fails the refresh running; the next starts a new child.
    child.on('error', forget);
    return child;
  }
}

const warmChildren = new Map<string, WarmChild>();

function warmChild(dataDir: string): WarmChild {
  let child = warmChildren.get(dataDir);
  if (!child) warmChildren.set(dataDir, (child = new WarmChild(dataDir)));
  return child;
}
