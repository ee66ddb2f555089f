import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

/**
 * Work in steps: a generator that yields between pieces of work. Run at once when nothing else waits
 * (opening), or a slice at a time when a process keeps answering meanwhile (swapping in a new index
 * after /reindex), so no step holds the event loop for long.
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs every step now. */
export function runNow<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Runs the steps, yielding to the event loop whenever `sliceMs` have passed since it last did. */
export async function runCooperatively<T>(steps: Steps<T>, sliceMs = 10): Promise<T> {
  let since = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - since >= sliceMs) {
      await yieldToEventLoop();
      since = performance.now();
    }
  }
}

/** Each item of `items`, a step every `batch` items. */
export function* inBatches<T>(items: Iterable<T>, each: (item: T) => void, batch = 2000): Steps<void> {
  let count = 0;
  for (const item of items) {
    each(item);
    if (++count % batch === 0) yield;
  }
}
