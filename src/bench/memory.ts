import { readFile, readdir } from 'node:fs/promises';

/** The resident memory of this process and all its descendants, in MB (Linux /proc). */
async function treeRssMb(pid = process.pid): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const own = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  const tasks = await readdir(`/proc/${pid}/task`).catch(() => [] as string[]);
  const children = (
    await Promise.all(
      tasks.map((task) => readFile(`/proc/${pid}/task/${task}/children`, 'utf8').catch(() => '')),
    )
  )
    .join(' ')
    .split(/\s+/)
    .filter(Boolean)
    .map(Number);
  const theirs = await Promise.all(children.map((child) => treeRssMb(child)));
  return own + theirs.reduce((sum, mb) => sum + mb, 0);
}

/** Runs `work` while the memory of this process and its children is sampled; the peak, in MB. */
export async function withPeakRss<T>(
  work: () => Promise<T>,
): Promise<{ value: T; ms: number; peakRssMb: number }> {
  let peak = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, await treeRssMb());
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  const from = performance.now();
  const value = await work();
  const ms = Math.round(performance.now() - from);
  sampling = false;
  await sampler;
  return { value, ms, peakRssMb: Math.round(peak) };
}
