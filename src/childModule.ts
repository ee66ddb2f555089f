import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * How to start one of podqa's own modules in a child process, named by its path under src/ without
 * extension (`index/rebuild-index`). Compiled (dist/, what `npm start` and `npm run ask` run) it is
 * dist/NAME.js under plain node; from source (the tests, the benches) it is src/NAME.ts through tsx,
 * a dev dependency that a production install does not have. The path is found from the package's
 * root, not from this file, because a terminal command runs as one bundled file (scripts/build.js)
 * whose own location says nothing about where the other modules are.
 */
export function childModule(name: string): { file: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url);
  const fromSource = here.endsWith('.ts');
  return {
    file: join(packageRoot(here), fromSource ? 'src' : 'dist', `${name}.${fromSource ? 'ts' : 'js'}`),
    execArgv: fromSource ? ['--import', 'tsx'] : [],
  };
}

/** The nearest folder above `file` holding a package.json: the project (a production image ships it too). */
function packageRoot(file: string): string {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${file}: cannot find podqa's modules`);
  }
}
