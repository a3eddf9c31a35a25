/**
 * The read replica (issue 11 point 8, decision 021), on a real streaming replica: a PostgreSQL
 * primary and a hot standby made from it with pg_basebackup, both from Debian's server package
 * (the same major version on both sides, as streaming requires; .ci/run installs it). The app is
 * pointed at both (DATABASE_URL, DATABASE_REPLICA_URL) and we check: a write on the primary reaches
 * the replica; the statistics are read from the replica (proved with replay paused and a change
 * the replica has not received); a write followed by a read of the statistics sees the write (read
 * on the primary while the replica is behind); snapshot fills are written on the primary.
 */
import net from 'node:net';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDebianPostgres, startDebianReplica } from '../support/debian-postgres';
import { PrismaClient } from '../../lib/generated/prisma/client';
import { migrate } from '../../lib/database/migrate';
import { recreateDatabase } from '../../lib/database/open';
import { seedDemo } from '../../prisma/seed';
import { actAs, currentUser } from '../support/as-user';

vi.mock('../../lib/auth', () => ({ getCurrentUser: async () => currentUser() }));

/** A port nobody listens on now (the tests' own cluster is on TEST_EMBEDDED_PG_PORT; other runs may use its neighbours). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const primary = startDebianPostgres(await freePort());
const primaryUrl = await recreateDatabase(primary.url, 'primary_app');
await migrate(primaryUrl);
{
  const seeding = new PrismaClient({ adapter: new PrismaPg({ connectionString: primaryUrl }) });
  await seedDemo(seeding);
  await seeding.$disconnect();
}
// The base backup copies the migrated, seeded database; from then on the replica streams.
const replica = startDebianReplica(primary, await freePort());
const replicaUrl = primaryUrl.replace(`:${primary.port}/`, `:${replica.port}/`);

// The app under test: lib/db reads these lazily, on first use.
process.env.DATABASE_URL = primaryUrl;
process.env.DATABASE_REPLICA_URL = replicaUrl;
const { getDb, getReplicaDb } = await import('../../lib/db');
const { getHeadline } = await import('../../lib/data/stats');
const { getDashboard } = await import('../../lib/data/dashboard');
const { statisticsSource } = await import('../../lib/data/read-source');
const { queryStatusCounts } = await import('../../lib/data/dashboard-sql');
const { resetStatsCache } = await import('../../lib/data/stats-cache');
const { parseDashboardParams } = await import('../../lib/validation/dashboard');
const { log } = await import('../../lib/log');

async function sql<T extends pg.QueryResultRow>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

/** Waits until the replica has replayed everything the primary has written so far. */
async function caughtUp(): Promise<void> {
  const [{ lsn }] = (await sql<{ lsn: string }>(primaryUrl, 'SELECT pg_current_wal_lsn()::text AS lsn')) as [
    { lsn: string },
  ];
  await expect
    .poll(
      async () =>
        (await sql<{ ok: boolean }>(replicaUrl, 'SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok', [lsn]))[0]!.ok,
      { timeout: 30_000, interval: 100 },
    )
    .toBe(true);
}

const pause = () => sql(replicaUrl, 'SELECT pg_wal_replay_pause()');
const resume = () => sql(replicaUrl, 'SELECT pg_wal_replay_resume()');

/** An open once-only assignment, completed now on the primary. `quietly`: without the triggers that bump the data version. */
async function completeOne(quietly: boolean): Promise<number> {
  const client = new pg.Client({ connectionString: primaryUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    if (quietly) await client.query('SET LOCAL session_replication_role = replica');
    const { rows } = await client.query<{ id: number }>(
      `UPDATE "Assignment" SET "completedAt" = now(), "startedAt" = coalesce("startedAt", now()), progress = 100
       WHERE id = (SELECT a.id FROM "Assignment" a JOIN "Task" t ON t.id = a."taskId"
                   WHERE a."completedAt" IS NULL AND t.recurrence = 'ONCE' AND t."archivedAt" IS NULL
                   ORDER BY a.id LIMIT 1)
       RETURNING id`,
    );
    await client.query('COMMIT');
    return rows[0]!.id;
  } finally {
    await client.end();
  }
}

const done = (c: { DONE_ON_TIME: number; DONE_LATE: number }) => c.DONE_ON_TIME + c.DONE_LATE;

beforeAll(async () => {
  await actAs('chutich');
});

afterAll(async () => {
  await getReplicaDb()?.$disconnect();
  await getDb().$disconnect();
  replica.stop();
  primary.stop();
});

describe('a streaming read replica', () => {
  it('receives what is written on the primary', async () => {
    await sql(primaryUrl, `UPDATE "Unit" SET name = name || ' (bản sao)' WHERE code = 'P-TRANPHU'`);
    await caughtUp();
    const [row] = await sql<{ name: string }>(replicaUrl, `SELECT name FROM "Unit" WHERE code = 'P-TRANPHU'`);
    expect(row!.name).toMatch(/\(bản sao\)$/);
    // and it is a standby: it refuses writes
    await expect(sql(replicaUrl, `UPDATE "Unit" SET name = name WHERE code = 'P-TRANPHU'`)).rejects.toThrow(
      /read-only transaction/,
    );
  });

  it('serves the statistics: with replay paused it still shows what it had', async () => {
    await caughtUp();
    expect(await statisticsSource()).toBe(getReplicaDb());
    const now = new Date(Date.now() + 60_000); // a pinned moment just ahead: the write below counts
    const before = await getHeadline({ now });
    await pause();
    try {
      // A change the replica does not receive while paused, and that leaves the data version alone:
      // the statistics source stays the replica, so the headline must still show the old count.
      await completeOne(true);
      const onPrimary = await queryStatusCounts(getDb(), now, { kind: 'CITY' }, {}, false);
      expect(done(onPrimary)).toBe(done(before) + 1);
      resetStatsCache();
      const served = await getHeadline({ now });
      expect(done(served)).toBe(done(before));
      // …and the replica's own connections ran it (the app names them).
      const [{ n }] = (await sql<{ n: number }>(
        replicaUrl,
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'dondoc-replica-reads'`,
      )) as [{ n: number }];
      expect(n).toBeGreaterThan(0);
    } finally {
      await resume();
    }
    await caughtUp();
    resetStatsCache();
    expect(done(await getHeadline({ now }))).toBe(done(before) + 1);
  });

  it('a write followed by a read sees the write: the primary answers while the replica is behind', async () => {
    await caughtUp();
    const now = new Date(Date.now() + 60_000); // a pinned moment just ahead: the write below counts
    const before = await getHeadline({ now });
    await pause();
    try {
      await completeOne(false); // bumps the data version at commit, as every app write does
      expect(await statisticsSource()).toBe(getDb());
      const after = await getHeadline({ now });
      expect(done(after)).toBe(done(before) + 1);
      // The replica alone would have answered the old count.
      const stale = await queryStatusCounts(getReplicaDb()!, now, { kind: 'CITY' }, {}, false);
      expect(done(stale)).toBe(done(before));
    } finally {
      await resume();
    }
    await caughtUp();
    expect(await statisticsSource()).toBe(getReplicaDb());
  });

  it("a past period's snapshot and today's live tally are written on the primary, never on the replica", async () => {
    await sql(primaryUrl, 'DELETE FROM "StatusSnapshotMoment"');
    await caughtUp();
    resetStatsCache();
    expect(await statisticsSource()).toBe(getReplicaDb());
    // A write attempted on the replica would fail there and be retried on the primary with a warning.
    const warn = vi.spyOn(log(), 'warn');
    // October 2026 has ended: its numbers are read from its snapshot, filled on first use.
    const dashboard = await getDashboard(parseDashboardParams({ period: '2026-10' }));
    expect(dashboard.headline.total).toBeGreaterThan(0);
    const [{ n }] = (await sql<{ n: number }>(primaryUrl, 'SELECT count(*)::int AS n FROM "StatusSnapshotMoment"')) as [
      { n: number },
    ];
    expect(n).toBeGreaterThan(0);
    // "Now" reads the live tally, which a recount after writes brings up to date: on the primary too.
    await completeOne(false);
    await caughtUp();
    resetStatsCache();
    const live = await getDashboard(parseDashboardParams({}));
    expect(live.headline.total).toBeGreaterThan(0);
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });
});
