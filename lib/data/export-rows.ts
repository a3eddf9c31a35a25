import 'server-only';
import { Prisma, type PrismaClient } from '../db';
import { slotCtes, type AssignmentRow, type DashboardScope, type SlotFilter } from './dashboard-sql';
import { shapeRow, type DrillRow } from './dashboard-shape';

/**
 * The rows of the Excel list (issue 8 item 5), read in keyset pages so that an export of a national
 * dataset never holds more than one page of rows. Internal to lib/data, like dashboard-sql.ts: these
 * functions do not authorize; lib/data/exports.ts (getExportSource) calls them with the user's scope.
 *
 * Pages are ranges of assignment ids: `a.id > after AND a.id <= after + span` goes into the slot
 * chain's assignment filter (slotCtes), so each page evaluates the official rule for at most `span`
 * assignments through the primary key, and no connection or transaction is held between pages.
 * Rows come in assignment order, which is the order tasks were assigned in (fan-out creates a
 * task's assignments together); the sheet's filter sorts them otherwise.
 */

/** Assignments evaluated per page. */
export const EXPORT_PAGE_SPAN = 5_000;

/**
 * One page of the export list: the assignments with ids in (after, upto] that are in the scope and
 * filters, with the same columns as the drill-down (queryAssignments), in assignment order.
 * Internal: the caller authorizes.
 */
export async function queryExportRowPage(
  db: PrismaClient,
  asOf: Date,
  scope: DashboardScope,
  filter: SlotFilter,
  { after, upto, live = false }: { after: number; upto: number; live?: boolean },
): Promise<AssignmentRow[]> {
  // Names, lead units and last reports are joined per page, not per row: the page's reports are one
  // range scan of Report's (assignmentId, periodKey) index, the leads one probe per task. The id
  // range is given once, to the slots, and the slots carry the unit and role: joining Assignment
  // again made PostgreSQL misjudge the rows and loop over, or scan, every assignment (most of a
  // page's time at national scale).
  return db.$queryRaw<AssignmentRow[]>(Prisma.sql`
    WITH RECURSIVE ${slotCtes([asOf], scope, filter, Prisma.sql`a.id > ${after} AND a.id <= ${upto}`, live)},
    leads AS (
      SELECT DISTINCT ON (l."taskId") l."taskId" AS task_id, l."unitId" AS unit_id
      FROM "Assignment" l
      WHERE l.role = 'LEAD' AND l."taskId" IN (SELECT DISTINCT task_id FROM f)
      ORDER BY l."taskId", l.id
    ),
    last_report AS (
      SELECT DISTINCT ON (r."assignmentId") r."assignmentId" AS assignment_id, r.id, r."periodKey", r.status,
             r."submittedAt", r."reviewedAt", r."reviewedById"
      FROM "Report" r
      WHERE r."assignmentId" > ${after} AND r."assignmentId" <= ${upto} AND r."createdAt" <= (SELECT as_of_utc FROM moments)
      ORDER BY r."assignmentId", r."updatedAt" DESC, r.id DESC
    )
    SELECT x.assignment_id, 0 AS total, x.status, x.due, x.completed,
           CASE WHEN x.status = 'IN_PROGRESS_OVERDUE' THEN x.as_of_day - x.due
                WHEN x.status = 'DONE_LATE' THEN (x.completed + interval '7 hours')::date - x.due END AS days_overdue,
           x.report_unit_id, x.report_unit_name, ou.name AS own_unit_name, x.role,
           t.number AS task_number, t.title AS task_title, t.recurrence::text AS recurrence,
           sec.numeral AS section_numeral, pr.title AS programme_title,
           lu.id AS lead_unit_id, lu.name AS lead_unit_name,
           lr.id AS report_id, lr."periodKey" AS report_period_key, lr.status::text AS report_status,
           lr."submittedAt" AS report_submitted_at, lr."reviewedAt" AS report_reviewed_at, rv."displayName" AS reviewer_name
    FROM f x
    JOIN "Unit" ou ON ou.id = x.unit_id
    JOIN "Task" t ON t.id = x.task_id
    JOIN "Section" sec ON sec.id = t."sectionId"
    JOIN "Programme" pr ON pr.id = t."programmeId"
    LEFT JOIN leads ld ON ld.task_id = x.task_id
    LEFT JOIN "Unit" lu ON lu.id = ld.unit_id
    LEFT JOIN last_report lr ON lr.assignment_id = x.assignment_id
    LEFT JOIN "User" rv ON rv.id = lr."reviewedById"
    ORDER BY x.assignment_id`);
}

/** Every export row of the scope and filters, one page at a time. Internal: the caller authorizes. */
export async function* exportRowPages(
  db: PrismaClient,
  asOf: Date,
  scope: DashboardScope,
  filter: SlotFilter,
  { span = EXPORT_PAGE_SPAN, live = false }: { span?: number; live?: boolean } = {},
): AsyncGenerator<DrillRow[]> {
  const [bounds] = await db.$queryRaw<
    { lo: number | null; hi: number | null }[]
  >`SELECT min(id) AS lo, max(id) AS hi FROM "Assignment"`;
  if (!bounds || bounds.lo === null || bounds.hi === null) return;
  const hi = bounds.hi;
  const page = (after: number) =>
    queryExportRowPage(db, asOf, scope, filter, { after, upto: Math.min(after + span, hi), live });
  // The next page is read while the caller writes this one (PostgreSQL and Node work in parallel);
  // at most two pages are held at once.
  let next: Promise<AssignmentRow[]> | null = page(bounds.lo - 1);
  for (let after = bounds.lo - 1; next; after += span) {
    const rows = await next;
    next = after + span < hi ? page(after + span) : null;
    // An unread prefetch must not reject unhandled if the caller stops early.
    next?.catch(() => {});
    if (rows.length) yield rows.map(shapeRow);
  }
}
