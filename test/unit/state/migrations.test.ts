import { type Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, MigrationError, migrate } from '../../../src/state/migrations.js';
import { StateStore } from '../../../src/state/store.js';
import { DIALECTS, freshDatabase } from '../../support/databases.js';

/** A next version that changes the schema, then fails half-way (as a crash or a full disk would). */
const BROKEN = {
  ...MIGRATIONS,
  '9999-broken': {
    async up(db: Kysely<unknown>) {
      await db.schema.createTable('half_made').addColumn('x', 'text').execute();
      await db.schema.dropTable('gaps').execute();
      await sql`this is not sql`.execute(db);
    },
  },
};

describe.each(DIALECTS)('migrations on %s', (dialect) => {
  let store: StateStore | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });

  it('applies each version once, and reopening applies nothing', async () => {
    const settings = await freshDatabase(dialect);
    store = await StateStore.open(settings);
    expect(await migrate(store.database.db as Kysely<unknown>)).toEqual([]);
  });

  it('leaves the previous schema whole and working when a migration fails mid-way', async () => {
    const settings = await freshDatabase(dialect);
    store = await StateStore.open(settings);
    await store.recordGap('g1', 'kept before the failed upgrade');
    const db = store.database.db as Kysely<unknown>;
    await expect(migrate(db, BROKEN)).rejects.toThrow(MigrationError);
    await expect(migrate(db, BROKEN)).rejects.toThrow(/9999-broken/);
    // The dropped table is back with its rows, the half-made one is gone, the version is not recorded.
    expect(await store.gaps('g1', 5)).toEqual([
      expect.objectContaining({ question: 'kept before the failed upgrade' }),
    ]);
    const tables = (await db.introspection.getTables()).map((t) => t.name);
    expect(tables).not.toContain('half_made');
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
    expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(MIGRATIONS));
    await store.recordGap('g1', 'written after it');
    expect(await store.gaps('g1', 5)).toHaveLength(2);
  });
});
