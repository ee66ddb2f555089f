import { readFile } from 'node:fs/promises';

/**
 * CPU seconds (user + system) of this process and of its children that have ended (Linux
 * /proc/self/stat: utime, stime, cutime, cstime, in clock ticks of 1/100 s): what work costs on a
 * shared machine, where wall time depends on what else runs.
 */
export async function cpuSeconds(): Promise<number> {
  const stat = await readFile('/proc/self/stat', 'utf8');
  // Fields after the command name (which may hold spaces), from the third field on.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = [11, 12, 13, 14].reduce((sum, at) => sum + Number(fields[at]), 0);
  return ticks / 100;
}
