import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EpisodeLibrary } from '../../src/answers/library.js';
import { random } from '../../src/bench/corpus.js';
import { copyOfData, recordingLogger } from '../support/data.js';

/**
 * Index writes are atomic: a process killed (SIGKILL) anywhere in a write leaves the old index or the
 * new one, never a part of one. CI kills 10 times; FAULTS_FULL=1 kills 50 times.
 */
const KILLS = process.env.FAULTS_FULL ? 50 : 10;

describe('killing the process while it writes the index', () => {
  it(`leaves a whole index every time (${KILLS} kills at random points)`, async () => {
    const dataDir = copyOfData();
    writeFileSync(join(dataDir, 'episodes', 'changing.txt'), 'Changing Show\n0:00 Intro\n');
    await EpisodeLibrary.open({ dataDir, logger: recordingLogger().logger });
    const rand = random(2026);
    for (let kill = 0; kill < KILLS; kill++) {
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/faults/rewrite-forever.ts', dataDir], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      // Wait for the first write to start, then kill somewhere inside the next few writes.
      await once(child.stdout, 'data');
      await new Promise((resolve) => setTimeout(resolve, Math.floor(rand() * 120)));
      child.kill('SIGKILL');
      await once(child, 'exit');

      const raw = JSON.parse(readFileSync(join(dataDir, 'index.json'), 'utf8'));
      expect(raw.manifest.counts.episodes).toBe(3);
      const { logger, lines } = recordingLogger();
      const library = await EpisodeLibrary.open({ dataDir, logger });
      expect(lines.map((l) => l.msg).join('\n')).not.toMatch(/corrupt|format/);
      expect(library.ask('HBM').results[0]?.episodeId).toBe('socialists-sweep-nyc');
    }
  }, 240_000);

  it(`leaves a whole index every time it is killed writing or merging segments (${KILLS} kills)`, async () => {
    const dataDir = copyOfData();
    writeFileSync(join(dataDir, 'episodes', 'changing.txt'), 'Changing Show\n0:00 Intro\n');
    await EpisodeLibrary.open({ dataDir, logger: recordingLogger().logger });
    const rand = random(2027);
    let merged = false;
    for (let kill = 0; kill < KILLS; kill++) {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'test/faults/rewrite-forever.ts', dataDir, 'segments'],
        {
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      // Let a few segments be published (so merges come due), then kill somewhere inside the next.
      let published = 0;
      child.stdout.on('data', (chunk: Buffer) => {
        published += chunk
          .toString()
          .split('\n')
          .filter((line) => line.startsWith('wrote')).length;
        merged ||= chunk.toString().includes('merged');
      });
      while (published < 1 + (kill % 3)) await once(child.stdout, 'data');
      await new Promise((resolve) => setTimeout(resolve, Math.floor(rand() * 300)));
      child.kill('SIGKILL');
      await once(child, 'exit');

      const raw = JSON.parse(readFileSync(join(dataDir, 'index.json'), 'utf8'));
      expect(raw.segments.length).toBeGreaterThan(0);
      const { logger, lines } = recordingLogger();
      const library = await EpisodeLibrary.open({ dataDir, logger });
      expect(lines.map((l) => l.msg).join('\n')).not.toMatch(/corrupt|format|missing|rebuilding/);
      expect(library.ask('HBM').results[0]?.episodeId).toBe('socialists-sweep-nyc');
      expect(library.ask('lighthouse log number').results.length).toBeGreaterThan(0);
    }
    // The kills landed among merges too, not only among segment writes.
    expect(merged).toBe(true);
  }, 600_000);
});
