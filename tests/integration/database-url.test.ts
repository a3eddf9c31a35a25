import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../lib/database/embedded';
import { assertLocalDatabase, openAppDatabase } from '../../lib/database/open';

const run = promisify(execFile);

/** The production path: DATABASE_URL names a PostgreSQL that something else started. */
describe('with DATABASE_URL set', () => {
  let other: EmbeddedDatabase;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-other-pg-'));
    fs.chmodSync(dataDir, 0o755);
    other = await startEmbeddedDatabase({
      dataDir: path.join(dataDir, 'cluster'),
      port: 54000 + (process.pid % 900),
      database: 'city',
    });
  }, 120_000);

  afterAll(async () => {
    await other?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('the app uses that server and starts no embedded one', async () => {
    const before = process.env.DATABASE_URL;
    process.env.DATABASE_URL = other.url;
    try {
      const db = await openAppDatabase();
      expect(db).toMatchObject({ url: other.url, embedded: false });
    } finally {
      process.env.DATABASE_URL = before;
    }
  });

  it('the migrate-and-seed entry point fills that server', async () => {
    const { stdout } = await run(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/seed.ts'], {
      // The embedded port is one that is taken (the test server's): starting an embedded server would fail.
      env: { ...process.env, DATABASE_URL: other.url, EMBEDDED_PG_PORT: new URL(other.url).port },
      cwd: process.cwd(),
    });
    expect(stdout).toContain('Demo data ready.');
    const client = new pg.Client({ connectionString: other.url });
    await client.connect();
    const { rows } = await client.query(
      `SELECT (SELECT count(*)::int FROM "Task") AS tasks, (SELECT count(*)::int FROM "User") AS users`,
    );
    await client.end();
    // NQ76, this year's plan and last year's one-off tasks (prisma/seed/year-plan.ts), the 6 targets (targets.ts)
    expect(rows[0]).toEqual({ tasks: 10 + 8 + 7 + 6, users: 14 });
  }, 120_000);

  it('tests refuse a database that is not on this machine', () => {
    expect(() => assertLocalDatabase('postgresql://u:p@db.example.gov.vn:5432/dondoc')).toThrow(/non-local/);
    expect(() => assertLocalDatabase('postgresql://u:p@127.0.0.1:5432/dondoc_test')).not.toThrow();
  });
});
