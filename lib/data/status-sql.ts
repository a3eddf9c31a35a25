import 'server-only';
import { Prisma } from '../db';
import { RECURRING, currentPeriod } from '../domain/slot';
import { vnDateOf } from '../domain/time';

/**
 * The official status rule of lib/domain/status.ts, in SQL, over the slots of lib/domain/slot.ts.
 * `slotsCte(now)` yields one row per assignment with its status for `now`:
 *   slots(assignment_id, task_id, unit_id, programme_id, section_id, due, completed, started, status)
 * tests/integration/status-sql.test.ts compares it with the pure function on every seeded slot.
 */
export function slotsCte(now: Date): Prisma.Sql {
  const today = vnDateOf(now);
  const periods = RECURRING.map((r) => {
    const p = currentPeriod(r, today)!;
    return Prisma.sql`(${r}, ${p.key}, ${p.end}::date)`;
  });
  return Prisma.sql`
    cur(recurrence, key, end_date) AS (VALUES ${Prisma.join(periods)}),
    raw_slots AS (
      SELECT a.id AS assignment_id, a."taskId" AS task_id, a."unitId" AS unit_id,
             t."programmeId" AS programme_id, t."sectionId" AS section_id,
             CASE WHEN cur.key IS NULL THEN a."dueDate" ELSE cur.end_date END AS due,
             CASE WHEN cur.key IS NULL THEN a."completedAt" ELSE r."completedAt" END AS completed,
             CASE WHEN cur.key IS NULL THEN a."startedAt" IS NOT NULL ELSE r.id IS NOT NULL END AS started
      FROM "Assignment" a
      JOIN "Task" t ON t.id = a."taskId" AND t."archivedAt" IS NULL
      LEFT JOIN cur ON cur.recurrence = t.recurrence::text
      LEFT JOIN "Report" r ON r."assignmentId" = a.id AND r."periodKey" = cur.key
    ),
    slots AS (
      SELECT s.*,
        CASE
          WHEN s.completed IS NOT NULL AND (s.due IS NULL OR s.completed < ((s.due + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')) THEN 'DONE_ON_TIME'
          WHEN s.completed IS NOT NULL THEN 'DONE_LATE'
          WHEN s.due IS NOT NULL AND ${now}::timestamptz >= ((s.due + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh') THEN 'IN_PROGRESS_OVERDUE'
          WHEN s.started THEN 'IN_PROGRESS_ON_TIME'
          ELSE 'NOT_STARTED'
        END AS status
      FROM raw_slots s
    )`;
}

/**
 * The same rule "as it stood" at one or more moments (`asOf`), for the dashboard's period filter and
 * the completion trend. Yields
 *   slots(moment, as_of, assignment_id, task_id, unit_id, programme_id, section_id, reform_area,
 *         recurrence, due, completed, started, deadline, status)
 * with `moment` the index of the moment in `moments`. Differences from slotsCte(now), all about not
 * knowing the future at `as_of`:
 *   - the period slot of a recurring task is the one containing the Vietnamese day of `as_of`;
 *   - a completion, a start or a report recorded after `as_of` is not known yet;
 *   - an extension approved after `as_of` is undone: the deadline is the one it replaced;
 *   - an assignment counts from the start of its programme's implementation period
 *     (Programme.periodStart) or from its creation, whichever is earlier — data entry often
 *     happens after a directive took effect, so creation time alone would drop real history.
 * For `as_of` = now on real data (nothing recorded in the future) the two agree; a test checks it.
 * Times are compared as timestamptz explicitly (Prisma's columns are UTC `timestamp`), so the
 * result does not depend on the session's TimeZone setting.
 * `where` filters assignments (aliases: a = Assignment, t = Task, p = Programme) before anything
 * is joined, so filters prune the scan instead of filtering the finished slots.
 */
export function slotsAtCte(moments: readonly Date[], options: { where?: Prisma.Sql } = {}): Prisma.Sql {
  if (moments.length === 0) throw new RangeError('slotsAtCte needs at least one moment');
  const momentRows = moments.map((asOf, i) => Prisma.sql`(${i}::int, ${asOf.toISOString()}::timestamptz)`);
  const curRows = moments.flatMap((asOf, i) => {
    const today = vnDateOf(asOf);
    return RECURRING.map((r) => {
      const p = currentPeriod(r, today)!;
      return Prisma.sql`(${i}::int, ${r}, ${p.key}, ${p.end}::date)`;
    });
  });
  const where = options.where ? Prisma.sql`AND ${options.where}` : Prisma.empty;
  return Prisma.sql`
    moments(moment, as_of) AS (VALUES ${Prisma.join(momentRows)}),
    cur_at(moment, recurrence, key, end_date) AS (VALUES ${Prisma.join(curRows)}),
    ext_undo AS (
      -- The first extension approved after the moment remembers the deadline in force at it.
      SELECT DISTINCT ON (m.moment, e."assignmentId") m.moment, e."assignmentId" AS assignment_id, e."previousDueDate" AS due
      FROM "DeadlineExtension" e
      JOIN moments m ON (e."decidedAt" AT TIME ZONE 'UTC') > m.as_of
      WHERE e.status = 'APPROVED'
      ORDER BY m.moment, e."assignmentId", e."decidedAt", e.id
    ),
    raw_slots_at AS (
      SELECT m.moment, m.as_of, a.id AS assignment_id, a."taskId" AS task_id, a."unitId" AS unit_id,
             t."programmeId" AS programme_id, t."sectionId" AS section_id, t."reformArea"::text AS reform_area,
             t.recurrence::text AS recurrence,
             CASE WHEN cur.key IS NOT NULL THEN cur.end_date
                  WHEN x.assignment_id IS NOT NULL THEN x.due
                  ELSE a."dueDate" END AS due,
             CASE WHEN cur.key IS NULL
                  THEN CASE WHEN (a."completedAt" AT TIME ZONE 'UTC') <= m.as_of THEN a."completedAt" AT TIME ZONE 'UTC' END
                  ELSE CASE WHEN (r."completedAt" AT TIME ZONE 'UTC') <= m.as_of THEN r."completedAt" AT TIME ZONE 'UTC' END
             END AS completed,
             CASE WHEN cur.key IS NULL THEN coalesce((a."startedAt" AT TIME ZONE 'UTC') <= m.as_of, false)
                  ELSE r.id IS NOT NULL END AS started
      FROM moments m
      CROSS JOIN "Assignment" a
      JOIN "Task" t ON t.id = a."taskId" AND t."archivedAt" IS NULL
      JOIN "Programme" p ON p.id = t."programmeId"
      LEFT JOIN cur_at cur ON cur.moment = m.moment AND cur.recurrence = t.recurrence::text
      LEFT JOIN "Report" r ON r."assignmentId" = a.id AND r."periodKey" = cur.key AND (r."createdAt" AT TIME ZONE 'UTC') <= m.as_of
      LEFT JOIN ext_undo x ON x.moment = m.moment AND x.assignment_id = a.id
      WHERE least(a."createdAt" AT TIME ZONE 'UTC', p."periodStart"::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh') <= m.as_of
        ${where}
    ),
    slots AS (
      SELECT s.*,
        CASE
          WHEN s.completed IS NOT NULL AND (s.due IS NULL OR s.completed < s.deadline) THEN 'DONE_ON_TIME'
          WHEN s.completed IS NOT NULL THEN 'DONE_LATE'
          WHEN s.due IS NOT NULL AND s.as_of >= s.deadline THEN 'IN_PROGRESS_OVERDUE'
          WHEN s.started THEN 'IN_PROGRESS_ON_TIME'
          ELSE 'NOT_STARTED'
        END AS status
      FROM (SELECT r.*, ((r.due + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh') AS deadline FROM raw_slots_at r) s
    )`;
}
