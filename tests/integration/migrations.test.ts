import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { migrate, readMigrations } from '../../lib/database/migrate';
import { recreateDatabase } from '../../lib/database/open';
import { diffSchemas } from '../../lib/database/schema-diff';
import { catalogOf } from '../support/catalog';

const server = inject('testServerUrl');

async function exec(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

function tempMigrations(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-mig-'));
  for (const [name, sql] of Object.entries(files)) {
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

const SCRATCH = ['mig_from_files', 'mig_from_schema', 'mig_twice', 'mig_concurrent', 'mig_fail', 'mig_changed'];

afterAll(async () => {
  for (const name of SCRATCH) await exec(server, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
});

describe('migrations', () => {
  it('produce exactly the database that schema.prisma describes', async () => {
    const migrated = await recreateDatabase(server, 'mig_from_files');
    await migrate(migrated);
    const fromSchema = await recreateDatabase(server, 'mig_from_schema');
    await exec(fromSchema, diffSchemas(null, path.join(process.cwd(), 'prisma', 'schema.prisma'), fromSchema));
    const [a, b] = await Promise.all([catalogOf(migrated), catalogOf(fromSchema)]);
    expect(a.length).toBeGreaterThan(100);
    expect(a).toEqual(b);
  }, 120_000);

  it('apply each file once, in order, and a second run changes nothing', async () => {
    const url = await recreateDatabase(server, 'mig_twice');
    const first = await migrate(url);
    expect(first.applied).toEqual(readMigrations().map((m) => m.name));
    const second = await migrate(url);
    expect(second.applied).toEqual([]);
  });

  it('run one at a time when started concurrently', async () => {
    const url = await recreateDatabase(server, 'mig_concurrent');
    const dir = tempMigrations({
      '001_a': 'CREATE TABLE a (id int);',
      '002_b': 'SELECT pg_sleep(0.3); CREATE TABLE b (id int);',
    });
    const results = await Promise.all([migrate(url, { dir }), migrate(url, { dir }), migrate(url, { dir })]);
    expect(results.flatMap((r) => r.applied).sort()).toEqual(['001_a', '002_b']);
  });

  it('roll back a failing migration whole and stop there', async () => {
    const url = await recreateDatabase(server, 'mig_fail');
    const dir = tempMigrations({
      '001_ok': 'CREATE TABLE ok (id int);',
      '002_bad': 'CREATE TABLE half (id int); SELECT * FROM no_such_table;',
      '003_later': 'CREATE TABLE later (id int);',
    });
    await expect(migrate(url, { dir })).rejects.toThrow(/002_bad failed and was rolled back/);
    const tables = await exec(url, `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
    expect(tables.rows.map((r) => r.tablename)).toEqual(['_dondoc_migrations', 'ok']);
  });

  it('refuse to run when an applied migration was edited or removed', async () => {
    const url = await recreateDatabase(server, 'mig_changed');
    const dir = tempMigrations({ '001_a': 'CREATE TABLE a (id int);' });
    await migrate(url, { dir });
    fs.writeFileSync(path.join(dir, '001_a', 'migration.sql'), 'CREATE TABLE a (id bigint);');
    await expect(migrate(url, { dir })).rejects.toThrow(/was changed after it was applied/);
    fs.rmSync(path.join(dir, '001_a'), { recursive: true });
    await expect(migrate(url, { dir })).rejects.toThrow(/its file is missing/);
  });

  it('keep the audit trail append-only', async () => {
    const url = process.env.DATABASE_URL!;
    await expect(exec(url, `UPDATE "AuditEvent" SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(exec(url, `DELETE FROM "AuditEvent"`)).rejects.toThrow(/append-only/);
    const count = await exec(url, `SELECT count(*)::int AS n FROM "AuditEvent"`);
    expect(count.rows[0].n).toBeGreaterThan(0);
  });
});
