import { fileURLToPath } from 'node:url';

/**
 * How to start one of podqa's own modules in a child process. Compiled (dist/, what `npm start` runs)
 * it is the sibling `.js` file under plain node; from source (the tests, the benches) it is the `.ts`
 * file through tsx, a dev dependency that a production install does not have.
 */
export function childModule(name: string, parentUrl: string): { file: string; execArgv: string[] } {
  const fromSource = parentUrl.endsWith('.ts');
  return {
    file: fileURLToPath(new URL(`${name}.${fromSource ? 'ts' : 'js'}`, parentUrl)),
    execArgv: fromSource ? ['--import', 'tsx'] : [],
  };
}
