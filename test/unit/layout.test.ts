import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { expect, it } from 'vitest';

/** Every relative import of the TypeScript files under a folder, as paths from src/. */
function importsUnder(folder: string): { file: string; target: string }[] {
  const found: { file: string; target: string }[] = [];
  for (const entry of readdirSync(folder, { recursive: true, encoding: 'utf8' })) {
    if (!entry.endsWith('.ts')) continue;
    const file = join(folder, entry);
    for (const [, path] of readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']+)'/g))
      found.push({ file, target: relative('src', resolve(dirname(file), path as string)) });
  }
  return found;
}

it('the bot, the terminal and the metrics server reach the domain only through answers/ (besides config and log)', () => {
  for (const adapter of ['discord', 'terminal', 'metrics']) {
    const outside = importsUnder(join('src', adapter)).filter(
      ({ file, target }) =>
        !target.startsWith(`${adapter}/`) &&
        !target.startsWith('answers/') &&
        !['config.js', 'log.js'].includes(target) &&
        // The bot's process serves its metrics: its entry, and it alone, starts the server.
        !(file === join('src', 'discord', 'main.ts') && target === 'metrics/server.js'),
    );
    expect(outside).toEqual([]);
  }
});
