import 'server-only';
import { getDb, Prisma } from '../db';
import { OFFICIAL_STATUSES, type OfficialStatus } from '../domain/status';
import { can, type SessionUser } from '../permissions';
import { requirePermission } from './guard';
import { slotsCte } from './status-sql';

export type StatusCounts = Record<OfficialStatus, number> & { total: number };

function emptyCounts(): StatusCounts {
  return { total: 0, DONE_ON_TIME: 0, DONE_LATE: 0, IN_PROGRESS_ON_TIME: 0, IN_PROGRESS_OVERDUE: 0, NOT_STARTED: 0 };
}

/** Unit scope of the statistics a user may see, as SQL on the slots CTE. */
function statsScope(user: SessionUser): Prisma.Sql {
  if (can(user, 'work:read-all')) return Prisma.sql`TRUE`;
  if (user.role === 'DEPARTMENT_HEAD') {
    return Prisma.sql`(s.unit_id = ${user.unitId} OR s.task_id IN (SELECT "taskId" FROM "Assignment" WHERE role = 'LEAD' AND "unitId" = ${user.unitId}))`;
  }
  return Prisma.sql`s.unit_id = ${user.unitId}`;
}

/**
 * The national headline: "Tổng số N nhiệm vụ; đã hoàn thành X (đúng hạn a, quá hạn b); chưa hoàn
 * thành Y (trong hạn c, quá hạn d)", counted over assignments (one per task and unit), within the
 * user's scope. `now` is a parameter so tests can pin it.
 */
export async function getHeadline(options: { programmeId?: number; now?: Date } = {}): Promise<StatusCounts> {
  const user = await requirePermission('work:read-own');
  const now = options.now ?? new Date();
  const programme = options.programmeId ? Prisma.sql`AND s.programme_id = ${options.programmeId}` : Prisma.empty;
  const rows = await getDb().$queryRaw<{ status: OfficialStatus; n: bigint }[]>`
    WITH ${slotsCte(now)}
    SELECT s.status, count(*) AS n FROM slots s
    WHERE ${statsScope(user)} ${programme}
    GROUP BY s.status`;
  const counts = emptyCounts();
  for (const row of rows) {
    if (!OFFICIAL_STATUSES.includes(row.status)) continue;
    counts[row.status] = Number(row.n);
    counts.total += Number(row.n);
  }
  return counts;
}
