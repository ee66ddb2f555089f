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

it('the bot and the terminal reach the domain only through answers/ (besides config and log)', () => {
  for (const adapter of ['discord', 'terminal']) {
    const outside = importsUnder(join('src', adapter)).filter(
      ({ target }) =>
        !target.startsWith(`${adapter}/`) &&
        !target.startsWith('answers/') &&
        !['config.js', 'log.js'].includes(target),
    );
    expect(outside).toEqual([]);
  }
});
