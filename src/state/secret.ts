import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const SECRET_FILE = 'podqa.secret';

/**
 * The per-deployment key that user ids are hashed with (HMAC-SHA256): `VOTE_HASH_SECRET` when set,
 * else `DATA_DIR/podqa.secret`, made of 32 random bytes on first start (readable by its owner only).
 * Without the key a hash cannot be tried against known ids. It is never logged.
 */
export async function deploymentSecret(dataDir: string, configured?: string): Promise<string> {
  if (configured) return configured;
  const file = join(dataDir, SECRET_FILE);
  try {
    const stored = (await readFile(file, 'utf8')).trim();
    if (stored.length >= 32) return stored;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const made = randomBytes(32).toString('hex');
  // `wx`: of two processes starting at once, one writes it and the other reads that one.
  try {
    await writeFile(file, `${made}\n`, { mode: 0o600, flag: 'wx' });
    return made;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return (await readFile(file, 'utf8')).trim();
  }
}
