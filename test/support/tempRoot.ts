import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Vitest global setup: every temporary directory a test (or a process it starts) makes goes under one
 * directory for the run, removed when the run ends, so a suite of 200 tests leaves no copies of the
 * data behind in the system's temporary folder.
 */
export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'podqa-tests-'));
  // os.tmpdir() reads TMPDIR on every call; workers and child processes inherit it.
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
