import 'server-only';
import { getDb, Prisma, type PrismaClient } from '../db';
import { asOfFor, type DashboardFilters } from '../validation/dashboard';
import { getDashboard, scopeOf, slotFilter, type Dashboard, type DrillRow } from './dashboard';
import { slotCtes, type AssignmentRow, type DashboardScope, type SlotFilter } from './dashboard-sql';
import { shapeRow } from './dashboard-shape';
import { requirePermission } from './guard';

/**
 * What the Excel table and the Word report are made of (issue 8 item 5): the dashboard of the
 * user's scope and filters (getDashboard: the same numbers as the screen), who signs, and — for the
 * Excel list — the assignments read in keyset pages, so an export of a national dataset never holds
 * more than one page of rows.
 *
 * Pages are ranges of assignment ids: `a.id > after AND a.id <= after + span` goes into the slot
 * chain's assignment filter (slotCtes), so each page evaluates the official rule for at most `span`
 * assignments through the primary key, and no connection or transaction is held between pages.
 * Rows come in assignment order, which is the order tasks were assigned in (fan-out creates a
 * task's assignments together); the sheet's filter sorts them otherwise.
 */

export type ExportSigner = {
  /** "CHỦ TỊCH". */
  title: string;
  /** The chairman's name, or null when the committee has no chairman account (a blank line is printed). */
  name: string | null;
};

export type ExportHead = {
  dashboard: Dashboard;
  programme: { id: number; title: string; documentNumber: string | null; issuingBody: string } | null;
  sectionTitle: string | null;
  generatedAt: Date;
  /** The user who made the file ("Người lập biểu"). */
  preparedBy: string;
  signer: ExportSigner;
};

export type ExportSource = ExportHead & {
  /** The assignments of the dashboard, page by page (each page is read when asked for). */
  rows: () => AsyncGenerator<DrillRow[]>;
};

/** Assignments evaluated per page. */
export const EXPORT_PAGE_SPAN = 4000;

/**
 * The chairman who signs for the committee: an active leadership account whose title is "Chủ
 * tịch …" (not "Phó Chủ tịch"). Names only, nothing scoped.
 */
async function findSigner(db: PrismaClient): Promise<ExportSigner> {
  const leaders = await db.user.findMany({
    where: { role: 'CHAIRMAN', active: true, jobTitle: { startsWith: 'Chủ tịch', mode: 'insensitive' } },
    orderBy: { id: 'asc' },
    take: 1,
    select: { displayName: true },
  });
  return { title: 'CHỦ TỊCH', name: leaders[0]?.displayName ?? null };
}

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
  { after, upto }: { after: number; upto: number },
): Promise<AssignmentRow[]> {
  return db.$queryRaw<AssignmentRow[]>(Prisma.sql`
    WITH RECURSIVE ${slotCtes([asOf], scope, filter, Prisma.sql`a.id > ${after} AND a.id <= ${upto}`)}
    SELECT x.assignment_id, 0 AS total, x.status, x.due, x.completed,
           CASE WHEN x.status = 'IN_PROGRESS_OVERDUE' THEN x.as_of_day - x.due
                WHEN x.status = 'DONE_LATE' THEN (x.completed + interval '7 hours')::date - x.due END AS days_overdue,
           x.report_unit_id, x.report_unit_name, ou.name AS own_unit_name, a.role::text AS role,
           t.number AS task_number, t.title AS task_title, t.recurrence::text AS recurrence,
           sec.numeral AS section_numeral, pr.title AS programme_title,
           lu.id AS lead_unit_id, lu.name AS lead_unit_name,
           lr.id AS report_id, lr."periodKey" AS report_period_key, lr.status::text AS report_status,
           lr."submittedAt" AS report_submitted_at, lr."reviewedAt" AS report_reviewed_at, lr.reviewer_name
    FROM f x
    JOIN "Assignment" a ON a.id = x.assignment_id
    JOIN "Unit" ou ON ou.id = a."unitId"
    JOIN "Task" t ON t.id = x.task_id
    JOIN "Section" sec ON sec.id = t."sectionId"
    JOIN "Programme" pr ON pr.id = t."programmeId"
    LEFT JOIN LATERAL (
      SELECT l."unitId" FROM "Assignment" l WHERE l."taskId" = x.task_id AND l.role = 'LEAD' ORDER BY l.id LIMIT 1
    ) ld ON true
    LEFT JOIN "Unit" lu ON lu.id = ld."unitId"
    LEFT JOIN LATERAL (
      SELECT r.id, r."periodKey", r.status, r."submittedAt", r."reviewedAt", rv."displayName" AS reviewer_name
      FROM "Report" r LEFT JOIN "User" rv ON rv.id = r."reviewedById"
      WHERE r."assignmentId" = x.assignment_id AND r."createdAt" <= x.as_of_utc
      ORDER BY r."updatedAt" DESC, r.id DESC
      LIMIT 1
    ) lr ON true
    ORDER BY x.assignment_id`);
}

/** Every export row of the scope and filters, one page at a time. Internal: the caller authorizes. */
export async function* exportRowPages(
  db: PrismaClient,
  asOf: Date,
  scope: DashboardScope,
  filter: SlotFilter,
  { span = EXPORT_PAGE_SPAN }: { span?: number } = {},
): AsyncGenerator<DrillRow[]> {
  const [bounds] = await db.$queryRaw<{ lo: number | null; hi: number | null }[]>`SELECT min(id) AS lo, max(id) AS hi FROM "Assignment"`;
  if (!bounds || bounds.lo === null || bounds.hi === null) return;
  for (let after = bounds.lo - 1; after < bounds.hi; after += span) {
    const rows = await queryExportRowPage(db, asOf, scope, filter, { after, upto: Math.min(after + span, bounds.hi) });
    if (rows.length) yield rows.map(shapeRow);
  }
}

/**
 * Everything an export needs for the signed-in user's scope and the filters, read before the first
 * byte is sent (so a refusal or a failure becomes an error page); the rows are read while sending.
 * `heatUnits`: units listed per section in the Word report.
 */
export async function getExportSource(
  filters: DashboardFilters,
  { now = new Date(), heatUnits }: { now?: Date; heatUnits?: number } = {},
): Promise<ExportSource> {
  const user = await requirePermission('work:read-own');
  const { scope } = scopeOf(user);
  const db = getDb();
  const asOf = asOfFor(filters.period, now);
  const filter = slotFilter(filters);
  const [dashboard, programme, section, signer] = await Promise.all([
    getDashboard(filters, { now, heatUnits }),
    filters.programme !== undefined
      ? db.programme.findUnique({ where: { id: filters.programme }, select: { id: true, title: true, documentNumber: true, issuingBody: true } })
      : null,
    filters.section !== undefined ? db.section.findUnique({ where: { id: filters.section }, select: { numeral: true, title: true } }) : null,
    findSigner(db),
  ]);
  return {
    dashboard,
    programme,
    sectionTitle: section ? `${section.numeral}. ${section.title}` : null,
    generatedAt: now,
    preparedBy: user.displayName,
    signer,
    rows: () => exportRowPages(db, asOf, scope, filter),
  };
}
