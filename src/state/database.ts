import { join } from 'node:path';
import {
  CompiledQuery,
  type DatabaseConnection,
  Kysely,
  PostgresDialect,
  SqliteAdapter,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from 'kysely';
import { migrate } from './migrations.js';
import type { Tables } from './schema.js';

/** Where podqa keeps its state: a SQLite file in DATA_DIR, or PostgreSQL when DATABASE_URL is set. */
export interface DatabaseSettings {
  dataDir: string;
  /** `postgres://…`; unset: SQLite in `DATA_DIR/podqa.sqlite`. */
  databaseUrl?: string | undefined;
}

export const SQLITE_FILE = 'podqa.sqlite';

export interface Database {
  db: Kysely<Tables>;
  dialect: 'sqlite' | 'postgres';
  /** The file, or the server without its password, for logs. */
  where: string;
}

/**
 * Opens the database and brings its schema up to date. The drivers are imported here, on use, so
 * commands that never touch the database do not load them.
 */
export async function openDatabase({ dataDir, databaseUrl }: DatabaseSettings): Promise<Database> {
  const database = databaseUrl
    ? await openPostgres(databaseUrl)
    : await openSqlite(join(dataDir, SQLITE_FILE));
  for (let attempt = 1; ; attempt++) {
    try {
      await migrate(database.db as Kysely<unknown>);
      return database;
    } catch (err) {
      // Two processes (shards) first opening one SQLite file: the later one finds it busy; once the
      // first has migrated, the later one has nothing left to do. PostgreSQL takes a lock instead.
      if (attempt < 3 && /database is locked|SQLITE_BUSY/i.test((err as Error).message)) continue;
      await database.db.destroy();
      throw err;
    }
  }
}

async function openSqlite(file: string): Promise<Database> {
  const { default: SQLite } = await import('better-sqlite3');
  const sqlite = new SQLite(file);
  // WAL: readers (other shards) never wait for a writer. A busy writer is waited for, but only 2 s:
  // a vote must still be answered within Discord's 3 s, saying it could not be saved.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 2000');
  sqlite.pragma('synchronous = NORMAL');
  return {
    db: new Kysely<Tables>({ dialect: new TransactionalSqliteDialect({ database: sqlite }) }),
    dialect: 'sqlite',
    where: file,
  };
}

/**
 * SQLite's DDL is transactional, but Kysely's SQLite adapter says otherwise (it serves every SQLite
 * driver), so its migrator would run migrations outside a transaction and a failure half-way would
 * leave half a schema. This dialect says the truth, so each upgrade commits whole or not at all.
 */
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}
/**
 * Transactions begin IMMEDIATE: each takes the write lock first, waiting for it (busy_timeout) if
 * another process holds it. Kysely's plain BEGIN reads first and asks for the lock at the first
 * write; when another process (a shard) committed in between, SQLite fails that write at once with
 * "database is locked" rather than wait, so two servers following at the same moment would see one
 * of the follows fail.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}
class TransactionalSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }
  override createAdapter(): SqliteAdapter {
    return new TransactionalSqliteAdapter();
  }
  override createDriver(): SqliteDriver {
    return new ImmediateSqliteDriver(this.settings);
  }
}

async function openPostgres(url: string): Promise<Database> {
  const { default: pg } = await import('pg');
  // A query that cannot get a connection or an answer fails within about 2 s, so a reply that waits
  // on it still goes out within Discord's 3 s, saying what could not be saved.
  const pool = new pg.Pool({
    connectionString: url,
    max: 5,
    connectionTimeoutMillis: 2_000,
    query_timeout: 2_000,
  });
  // An idle connection dropped by the server is an error event, not a crash: the pool reconnects.
  pool.on('error', () => undefined);
  const where = new URL(url);
  where.password = '';
  return {
    db: new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) }),
    dialect: 'postgres',
    where: where.toString(),
  };
}
