import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inChild, prepareRefreshes } from '../../../src/index/rebuildInChild.js';
import { copyOfData } from '../../support/data.js';

const segmentCount = (dataDir: string): number =>
  JSON.parse(readFileSync(join(dataDir, 'index.json'), 'utf8')).segments.length;

/** This process's children (the warm refresh child among them). */
const children = (): number[] =>
  execFileSync('ps', ['-o', 'pid=', '--ppid', String(process.pid)], { encoding: 'utf8' })
    .split('\n')
    .map((line) => Number(line.trim()))
    .filter((pid) => pid > 0);

const page = (n: number) => `Harbour Talk ${n}\n0:00 Intro\n4:10 The keeper logs brigantine${n} offshore\n`;

describe('refreshes in a warm child', () => {
  it('refreshes one change after another in the child started ahead, and starts another when it dies', async () => {
    const dataDir = copyOfData();
    // Started ahead of the first refresh, which then runs in it.
    await prepareRefreshes(dataDir);
    const [child] = children().filter((pid) => !before.has(pid));
    await inChild(dataDir, 'refresh');
    expect(segmentCount(dataDir)).toBe(1);
    writeFileSync(join(dataDir, 'episodes/harbour-1.txt'), page(1));
    await inChild(dataDir, 'refresh');
    expect(segmentCount(dataDir)).toBe(2);
    expect(children()).toContain(child);

    process.kill(child as number, 'SIGKILL');
    // Gone from the list once this process has seen it exit.
    while (children().includes(child as number)) await new Promise((resolve) => setTimeout(resolve, 20));
    writeFileSync(join(dataDir, 'episodes/harbour-2.txt'), page(2));
    await inChild(dataDir, 'refresh');
    expect(segmentCount(dataDir)).toBe(3);
    expect(children()).not.toContain(child);
  }, 120_000);
});

const before = new Set(children());
