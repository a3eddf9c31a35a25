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
