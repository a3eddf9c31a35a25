import 'server-only';
import { Prisma, type PrismaClient } from '../db';
import { vnDateOf } from '../domain/time';
import { LINEAGE, slotsAtCte } from './status-sql';

/**
 * The live tally (decision 008, amended 2026-12-01): today's official status counts, kept so that
 * "now" — the dashboard, the home headlines, the trend's last point — reads a few thousand
 * pre-counted rows instead of evaluating every assignment on every request.
 *
 * Why it can be exact: with the data fixed, the status "now" changes only when the Vietnamese day
 * changes (overdue is "due < today"; anything recorded is already in the past — lib/data/stats-cache.ts
 * relies on the same fact). So StatusLive holds, for the day in StatusLiveState, the counts of the
 * official status rule (slotsAtCte, the same SQL as everything else) grouped like StatusSnapshot —
 * per unit given the work, unit it counts under, section, reform area, the task's lead units and
 * status — with the reports awaiting approval. What makes rows stale:
 *   - a write: triggers (migration …_status_live) name the units it touches in StatusLiveDirty, in
 *     the write's own transaction; the next read recounts those units only (a unit has a few dozen
 *     assignments, so a recount is milliseconds even at national scale);
 *   - a new day, a merger, a unit ceasing, a programme's start moved: everything is recounted
 *     (once a day, by the hourly job shortly after midnight, or by the first reader).
 * tests/integration/status-live.test.ts compares the tally with the rule evaluated on every slot,
 * after random sequences of real writes.
 *
 * Concurrency: a recount runs under an advisory lock, in one transaction (readers see the rows
 * before or after it, never half); it consumes only the dirty rows it saw, and a write committing
 * meanwhile leaves its own row for the next recount (the dirty table has no unique key on purpose:
 * a write never waits for, or is swallowed by, a recount in flight).
 */

/** The advisory lock between recounts of the live tally. */
export const LIVE_TALLY_LOCK = 7_600_762_009;

/** Past this many dirty units a whole recount is cheaper than recounting them one set at a time. */
const WHOLE_RECOUNT_ABOVE = 2_000;

const RECOUNT_TIMEOUT = '30min';

/** One recount at a time per process; concurrent readers share it. */
let running: Promise<void> | null = null;

/**
 * Brings StatusLive up to date for `now`'s Vietnamese day: nothing to do (one cheap query) when no
 * write has touched it since the last recount; otherwise recounts the dirty units, or everything.
 */
export function refreshLiveTally(db: PrismaClient, now = new Date()): Promise<void> {
  if (running) return running;
  running = refresh(db, now).finally(() => {
    running = null;
  });
  return running;
}

async function refresh(db: PrismaClient, now: Date): Promise<void> {
  const today = vnDateOf(now);
  const [state] = await db.$queryRaw<{ current: boolean; dirty: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM "StatusLiveState" WHERE id = 1 AND day = ${today}::date) AS current,
           EXISTS (SELECT 1 FROM "StatusLiveDirty") AS dirty`;
  if (state?.current && !state.dirty) return;
  await db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LIVE_TALLY_LOCK}::bigint)`;
      await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = '${RECOUNT_TIMEOUT}'`);
      const [fresh] = await tx.$queryRaw<{ current: boolean }[]>`
        SELECT EXISTS (SELECT 1 FROM "StatusLiveState" WHERE id = 1 AND day = ${today}::date) AS current`;
      // Consumed here; a write committing after this statement leaves its row for the next recount.
      const dirty = await tx.$queryRaw<{ unitId: number | null }[]>`
        DELETE FROM "StatusLiveDirty" RETURNING "unitId"`;
      const units = [...new Set(dirty.map((d) => d.unitId))];
      const whole = !fresh?.current || units.includes(null) || units.length > WHOLE_RECOUNT_ABOVE;
      if (whole) {
        await tx.$executeRaw`DELETE FROM "StatusLive"`;
        await tx.$executeRaw(recountSql(now, undefined));
        await tx.$executeRaw`
          INSERT INTO "StatusLiveState" (id, day) VALUES (1, ${today}::date)
          ON CONFLICT (id) DO UPDATE SET day = EXCLUDED.day`;
        return;
      }
      if (units.length === 0) return;
      const ids = units as number[];
      await tx.$executeRaw`DELETE FROM "StatusLive" WHERE "unitId" = ANY(${ids}::int[])`;
      await tx.$executeRaw(recountSql(now, ids));
    },
    { maxWait: 60_000, timeout: 1_800_000 },
  );
}

/** The INSERT of the tally's rows for these units (all when undefined), counted at `now`. */
function recountSql(now: Date, units: number[] | undefined): Prisma.Sql {
  const only = units ? Prisma.sql`a."unitId" = ANY(${units}::int[])` : undefined;
  const pendingOnly = units
    ? Prisma.sql`AND r."assignmentId" IN (SELECT id FROM "Assignment" WHERE "unitId" = ANY(${units}::int[]))`
    : Prisma.empty;
  return Prisma.sql`
    WITH RECURSIVE ${slotsAtCte([now], { where: only, live: true })},
    ${LINEAGE},
    leads AS (
      SELECT l."taskId" AS task_id, array_agg(DISTINCT l."unitId" ORDER BY l."unitId") AS ids
      FROM "Assignment" l WHERE l.role = 'LEAD' GROUP BY l."taskId"
    ),
    pe AS (
      SELECT r."assignmentId" AS assignment_id, count(*)::int AS n
      FROM "Report" r WHERE r.status = 'SUBMITTED' ${pendingOnly}
      GROUP BY r."assignmentId"
    )
    INSERT INTO "StatusLive" ("unitId", "reportUnitId", "sectionId", "reformArea", "leadUnitIds", status, n, pending)
    SELECT s.unit_id, coalesce(uf.target_id, s.unit_id), s.section_id, s.reform_area, coalesce(ld.ids, '{}'), s.status,
           count(*)::int, coalesce(sum(pe.n), 0)::int
    FROM slots s
    LEFT JOIN unit_final uf ON uf.moment = s.moment AND uf.unit_id = s.unit_id
    LEFT JOIN leads ld ON ld.task_id = s.task_id
    LEFT JOIN pe ON pe.assignment_id = s.assignment_id
    GROUP BY 1, 2, 3, 4, 5, 6`;
}

/** Forgets the tally (tests, the rebuild command): the next read recounts everything. */
export async function forgetLiveTally(db: Pick<PrismaClient, '$executeRaw'>): Promise<void> {
  await db.$executeRaw`DELETE FROM "StatusLiveState"`;
  await db.$executeRaw`DELETE FROM "StatusLive"`;
}
