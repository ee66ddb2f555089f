// @ts-check
/**
 * `npm run build`: compiles src/ to dist/ with tsc (tsconfig.build.json). run.js imports it too, to
 * compile first when dist/ is missing or older than the sources, so a fresh clone needs no build step.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = join(ROOT, 'dist');
/** Inside dist/: when the build that made it started (ms), so a source saved during a build counts as newer. */
const STAMP = '.built-at';
/** What the compiled output depends on (package.json's scripts name the commands bundled here). */
const INPUTS = ['src', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'scripts/build.js'];

/**
 * Why dist/ must be rebuilt, or null when it is current. Without src/ (a production image ships dist/
 * alone) it is always current. Every file and folder is checked (a folder's time changes when a file is
 * deleted): about 200 stats, a few milliseconds.
 */
export function staleness(root = ROOT) {
  if (!existsSync(join(root, 'src'))) return null;
  let builtAt;
  try {
    builtAt = Number(readFileSync(join(root, 'dist', STAMP), 'utf8'));
  } catch {
    return 'dist/ is not built yet';
  }
  const paths = INPUTS.map((input) => join(root, input)).filter((path) => existsSync(path));
  for (const entry of readdirSync(join(root, 'src'), { recursive: true, withFileTypes: true }))
    paths.push(join(entry.parentPath, entry.name));
  const newer = paths.find((path) => statSync(path).mtimeMs > builtAt);
  return newer === undefined ? null : `${newer.slice(root.length + 1)} changed since dist/ was built`;
}

/**
 * Compiles into a folder of its own, then puts it in place of dist/, so a command starting meanwhile
 * never imports half a build. TypeScript is a dev dependency: a production install must ship dist/.
 */
export function build() {
  const started = Date.now();
  let tsc;
  try {
    tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    throw new Error(
      'dist/ needs building and TypeScript is not installed: run `npm ci`, then `npm run build`',
    );
  }
  const out = `${DIST}.${process.pid}`;
  rmSync(out, { recursive: true, force: true });
  try {
    execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', out], {
      stdio: 'inherit',
    });
  } catch {
    rmSync(out, { recursive: true, force: true });
    throw new Error('tsc failed (its errors are above); dist/ was left as it was');
  }
  bundleCommands(out);
  writeFileSync(join(out, STAMP), String(started));
  rmSync(DIST, { recursive: true, force: true });
  try {
    renameSync(out, DIST);
  } catch {
    // Another command built the same sources and put its dist/ in place first.
    rmSync(out, { recursive: true, force: true });
  }
  return Date.now() - started;
}

/** Packages left to Node at run time: native addons, and pino, whose transports load files by path. */
const UNBUNDLED = ['better-sqlite3', '@resvg/resvg-js', 'pg', 'pg-native', 'pino', 'pino-pretty'];

/**
 * Puts each terminal command (the `node scripts/run.js terminal/….js` scripts of package.json) in one
 * file with what it imports, in place of tsc's output. Node resolves and reads hundreds of files to
 * start a command unbundled (zod alone is dozens); one file starts `npm run ask` in about two thirds of
 * the time (docs/benchmarks.md). The bot and the child processes stay tsc's files, one module a file.
 */
function bundleCommands(out) {
  const require = createRequire(import.meta.url);
  const scripts = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts;
  const commands = Object.values(scripts).flatMap((script) =>
    [...String(script).matchAll(/scripts\/run\.js (terminal\/[\w-]+\.js)/g)].map((match) => match[1]),
  );
  require('esbuild').buildSync({
    entryPoints: [...new Set(commands)].map((command) => join(out, command)),
    outdir: join(out, 'terminal'),
    allowOverwrite: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: UNBUNDLED,
    // CommonJS packages inside an ES module still call require() for Node's own modules, and
    // write-file-atomic salts its temporary names with __filename.
    banner: {
      js: [
        "import { createRequire as podqaRequire } from 'node:module';",
        "import { fileURLToPath as podqaPathOf } from 'node:url';",
        'const require = podqaRequire(import.meta.url);',
        'const __filename = podqaPathOf(import.meta.url);',
      ].join(' '),
    },
    logLevel: 'warning',
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    process.stderr.write(`built dist/ in ${(build() / 1000).toFixed(1)} s\n`);
  } catch (err) {
    process.stderr.write(`build: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}
