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

/**
 * Writes zeros over a fresh array a batch at a time: the memory is then mapped, which its first writes
 * would otherwise pay for (tens of milliseconds a question, on a virtual machine) while answering.
 */
export function* touchInSteps(
  array: { length: number; fill(value: 0, start: number, end: number): unknown },
  batch = 1 << 18,
): Steps<void> {
  for (let from = 0; from < array.length; from += batch) {
    array.fill(0, from, Math.min(array.length, from + batch));
    yield;
  }
}
