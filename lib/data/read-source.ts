import 'server-only';
import { getDb, getReplicaDb, type PrismaClient } from '../db';
import { AppError } from '../errors';
import { log } from '../log';

/**
 * Where the statistics are read (decision 021): the dashboard, its drill-down lists, the home
 * headline and the exports read from the streaming replica (DATABASE_REPLICA_URL) when one is
 * configured and it has caught up with the primary's data version (Setting 'stats.version', bumped
 * at commit by every write to what the status is computed from: lib/data/stats-cache.ts); else
 * from the primary. So whoever has just written — approved a report, completed a task — and then
 * opens the dashboard sees that write: until the replica has replayed it, the versions differ and
 * the read goes to the primary. Writes never go to the replica (snapshot fills included:
 * lib/data/dashboard-sql.ts snapshotSource).
 *
 * A replica that fails (down, or a query cancelled by a recovery conflict) costs the request a
 * second try on the primary, never an error page.
 */
export async function readStatistics<T>(read: (db: PrismaClient) => Promise<T>): Promise<T> {
  const db = await statisticsSource();
  if (db === getDb()) return read(db);
  try {
    return await read(db);
  } catch (error) {
    if (error instanceof AppError) throw error;
    log().warn({ err: error }, 'read on the replica failed; reading the primary');
    return read(getDb());
  }
}

/** The client the statistics are read from now: the replica when configured and caught up, else the primary. */
export async function statisticsSource(): Promise<PrismaClient> {
  const primary = getDb();
  const replica = getReplicaDb();
  if (!replica) return primary;
  try {
    const [p, r] = await Promise.all([versionOn(primary), versionOn(replica)]);
    return r >= p ? replica : primary;
  } catch (error) {
    log().warn({ err: error }, 'read replica unreachable; reading the primary');
    return primary;
  }
}

async function versionOn(db: PrismaClient): Promise<number> {
  const row = await db.setting.findUnique({ where: { key: 'stats.version' }, select: { value: true } });
  return Number(row?.value ?? 0);
}
