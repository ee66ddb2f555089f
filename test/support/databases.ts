import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';

/** The two dialects every query path is tested on. */
export const DIALECTS = ['sqlite', 'postgres'] as const;
export type Dialect = (typeof DIALECTS)[number];

/** A database of its own on the run's PostgreSQL server; its URL. */
export async function freshPostgres(): Promise<string> {
  const admin = new URL(inject('postgresAdminUrl'));
  const name = `podqa_${randomUUID().replaceAll('-', '')}`;
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  admin.pathname = `/${name}`;
  return admin.toString();
}

/** Settings for a new, empty database of a dialect: SQLite in a temporary DATA_DIR, or a fresh PostgreSQL database. */
export async function freshDatabase(dialect: Dialect): Promise<{ dataDir: string; databaseUrl?: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'podqa-db-'));
  return dialect === 'sqlite' ? { dataDir } : { dataDir, databaseUrl: await freshPostgres() };
}
