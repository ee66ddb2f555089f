/** Runs `work` while a 1 ms timer notes the longest the event loop was held. */
export async function withStall<T>(
  work: () => Promise<T>,
): Promise<{ value: T; ms: number; stallMs: number }> {
  let longest = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  const from = performance.now();
  const value = await work();
  const ms = performance.now() - from;
  clearInterval(timer);
  return { value, ms: Math.round(ms), stallMs: Math.round(longest) };
}
