import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';

/**
 * The schema's versions, oldest first; a version once released is never edited, only followed.
 * Kysely's migrator records each applied name in `kysely_migration`, takes a lock (an advisory lock
 * on PostgreSQL) so two processes never migrate at once, and runs the pending migrations inside a
 * transaction on both dialects (their DDL is transactional): a migration that fails leaves the
 * previous schema whole and in use.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('follows')
        .addColumn('guild_id', 'text', (c) => c.notNull())
        .addColumn('feed_url', 'text', (c) => c.notNull())
        .addColumn('followed_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('follows_pk', ['guild_id', 'feed_url'])
        .execute();
      await db.schema.createIndex('follows_by_feed').on('follows').column('feed_url').execute();
      await db.schema
        .createTable('guild_settings')
        .addColumn('guild_id', 'text', (c) => c.primaryKey())
        .addColumn('announce_channel_id', 'text')
        .execute();
      await db.schema
        .createTable('feeds')
        .addColumn('url', 'text', (c) => c.primaryKey())
        .addColumn('show', 'text')
        .addColumn('etag', 'text')
        .addColumn('last_modified', 'text')
        .addColumn('imported_at', 'text')
        .addColumn('last_polled_at', 'text')
        .addColumn('last_success_at', 'text')
        .addColumn('last_error', 'text')
        .execute();
      await db.schema
        .createTable('feed_episodes')
        .addColumn('feed_url', 'text', (c) => c.notNull())
        .addColumn('episode_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('feed_episodes_pk', ['feed_url', 'episode_id'])
        .execute();
      await db.schema
        .createTable('episode_downloads')
        .addColumn('episode_id', 'text', (c) => c.primaryKey())
        .addColumn('chapters', 'text')
        .addColumn('transcript', 'text')
        .execute();
      await db.schema
        .createTable('announcements')
        .addColumn('channel_id', 'text', (c) => c.notNull())
        .addColumn('episode_id', 'text', (c) => c.notNull())
        .addColumn('announced_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('announcements_pk', ['channel_id', 'episode_id'])
        .execute();
      await db.schema
        .createTable('votes')
        .addColumn('voted_at', 'text', (c) => c.notNull())
        .addColumn('question', 'text', (c) => c.notNull())
        .addColumn('passage_id', 'text', (c) => c.notNull())
        .addColumn('vote', 'text', (c) => c.notNull().check(sql`vote in ('up', 'down')`))
        .addColumn('user_hash', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('gaps')
        .addColumn('guild_id', 'text', (c) => c.notNull())
        .addColumn('question', 'text', (c) => c.notNull())
        .addColumn('asked', 'integer', (c) => c.notNull())
        .addColumn('first_asked_at', 'text', (c) => c.notNull())
        .addColumn('last_asked_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('gaps_pk', ['guild_id', 'question'])
        .execute();
      await db.schema
        .createTable('meta')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0002-feed-imports': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('feed_imports')
        .addColumn('url', 'text', (c) => c.primaryKey())
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('claimed_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
};

/** Serves a fixed set of migrations (tests add a broken one after these). */
export function migrationsOf(migrations: Record<string, Migration>): MigrationProvider {
  return { getMigrations: () => Promise.resolve(migrations) };
}

/** Thrown when the schema could not be brought up to date; names the migration that failed. */
export class MigrationError extends Error {
  override name = 'MigrationError';
}

/** Applies every pending migration; throws `MigrationError` (the schema as it was) when one fails. */
export async function migrate(
  db: Kysely<unknown>,
  migrations: Record<string, Migration> = MIGRATIONS,
): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationsOf(migrations) });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName ?? 'a migration';
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError(`the database schema could not be updated (${failed}): ${reason}`);
  }
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
