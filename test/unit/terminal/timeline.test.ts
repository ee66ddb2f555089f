import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as ask } from '../../../src/terminal/ask.js';
import { run as timeline } from '../../../src/terminal/timeline.js';
import { copyOfCatalogue } from '../../support/data.js';
import { captureIo } from '../../support/io.js';

const dataDir = copyOfCatalogue();

describe('npm run timeline', () => {
  it('prints the episodes oldest first with the moment, the quote marked and the link', async () => {
    const io = captureIo({ DATA_DIR: dataDir });
    expect(await timeline(['tidal', 'turbines', '--from', '2024'], io)).toBe(0);
    const text = io.stdout.join('\n');
    expect(text.indexOf('2024-07-25  Tidal Power Gets a Grid Connection')).toBeLessThan(
      text.indexOf('2025-05-01'),
    );
    expect(text).not.toContain('2023-');
    expect(text).toMatch(/\*\*tidal\*\* \*\*turbine/i);
    expect(text).toMatch(/3 episodes/);
  });

  it('prints the timeline as JSON and draws the chart into a PNG file', async () => {
    const io = captureIo({ DATA_DIR: dataDir });
    const png = join(dataDir, 'chart.png');
    expect(await timeline(['electric ferries', '--json', '--png', png], io)).toBe(0);
    const parsed = JSON.parse(io.stdout.join('\n'));
    expect(parsed.entries.length).toBeGreaterThanOrEqual(5);
    expect(parsed.entries[0]).toMatchObject({
      episodeId: 'hl-04-ferries-without-diesel',
      moment: { quote: {} },
    });
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
  });

  it('says which filter leaves nothing', async () => {
    const io = captureIo({ DATA_DIR: dataDir });
    expect(await timeline(['tidal', '--guest', 'Nobody'], io)).toBe(0);
    expect(io.stdout.join('\n')).toBe('No episode matches the filter guest "Nobody".');
  });

  it('refuses a malformed date, naming the flag', async () => {
    const io = captureIo({ DATA_DIR: dataDir });
    expect(await timeline(['tidal', '--to', '2024-1'], io)).toBe(2);
    expect(io.stderr.join('\n')).toBe(
      'timeline: --to: expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got "2024-1"',
    );
  });
});

describe('npm run ask with filters', () => {
  it('answers from the filtered episodes only', async () => {
    const io = captureIo({ DATA_DIR: dataDir });
    expect(await ask(['--json', '--show', 'Low Tide Notes', 'tidal turbine'], io)).toBe(0);
    const answer = JSON.parse(io.stdout.join('\n'));
    expect(answer.results.length).toBeGreaterThan(0);
    expect(answer.results.every((r: { episodeId: string }) => r.episodeId.startsWith('lt-'))).toBe(true);
  });
});
