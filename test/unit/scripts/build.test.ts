import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

/** scripts/build.js is plain JavaScript (it runs before anything is compiled), imported by its URL. */
const { staleness } = (await import(pathToFileURL(resolve('scripts/build.js')).href)) as {
  staleness: (root: string) => string | null;
};

/** A project folder with src/a.ts and, when `builtAt` is given, a dist/ built at that time (ms). */
function project(builtAt?: number): string {
  const root = mkdtempSync(join(tmpdir(), 'podqa-build-'));
  mkdirSync(join(root, 'src', 'answers'), { recursive: true });
  writeFileSync(join(root, 'src', 'answers', 'a.ts'), 'export const a = 1;\n');
  writeFileSync(join(root, 'tsconfig.json'), '{}\n');
  const past = new Date(Date.now() - 60_000);
  for (const path of ['src', 'src/answers', 'src/answers/a.ts', 'tsconfig.json'])
    utimesSync(join(root, path), past, past);
  if (builtAt !== undefined) {
    mkdirSync(join(root, 'dist'));
    writeFileSync(join(root, 'dist', '.built-at'), String(builtAt));
  }
  return root;
}

describe('whether the commands must compile before they run (scripts/run.js)', () => {
  it('compiles when dist/ was never built', () => {
    expect(staleness(project())).toBe('dist/ is not built yet');
  });

  it('runs dist/ as it is when nothing changed since the build started', () => {
    expect(staleness(project(Date.now()))).toBeNull();
  });

  it('compiles again when a source was saved after the build started, naming it', () => {
    const root = project(Date.now() - 30_000);
    writeFileSync(join(root, 'src', 'answers', 'a.ts'), 'export const a = 2;\n');
    expect(staleness(root)).toBe('src/answers/a.ts changed since dist/ was built');
  });

  it('compiles again when a source was deleted (its folder changed)', () => {
    const root = project(Date.now() - 30_000);
    rmSync(join(root, 'src', 'answers', 'a.ts'));
    expect(staleness(root)).toBe('src/answers changed since dist/ was built');
  });

  it('never compiles where there are no sources (a production image ships dist/ alone)', () => {
    const root = mkdtempSync(join(tmpdir(), 'podqa-build-'));
    expect(staleness(root)).toBeNull();
  });
});
