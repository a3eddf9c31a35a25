import 'server-only';
import { getDb, Prisma } from '../db';
import type { Recurrence } from '../domain/periods';
import { currentPeriod, singlePeriodKey, slotStatusFacts, type PeriodReportFact, type SlotFacts } from '../domain/slot';
import { computeStatus, type StatusResult } from '../domain/status';
import { fromDbDate, vnDateOf, type IsoDate } from '../domain/time';
import { dueSoonLimit } from './calendar';
import { readAssignment } from './assignment-read';
import type { SessionUser } from '../permissions';
import { requirePermission } from './guard';
import { reviewReportsSql, reviewRoutes } from './scope';
import { cachedStat } from './stats-cache';

export type AssignmentListItem = {
  id: number;
  taskTitle: string;
  taskCode: string;
  programmeTitle: string;
  programmeDocumentNumber: string | null;
  role: 'LEAD' | 'COORDINATING' | 'IMPLEMENTING';
  recurrence: Recurrence;
  dueDate: IsoDate | null;
  periodLabel: string | null;
  progress: number;
  lastReportStatus: string | null;
  status: StatusResult;
};

const URGENCY: Record<StatusResult['status'], number> = {
  IN_PROGRESS_OVERDUE: 0,
  IN_PROGRESS_ON_TIME: 1,
  NOT_STARTED: 2,
  DONE_LATE: 3,
  DONE_ON_TIME: 4,
};

/** Sorted by urgency: most overdue first, then nearest deadline, then no deadline, done last. */
export function byUrgency(a: AssignmentListItem, b: AssignmentListItem): number {
  const aKey = a.status.dueSoon ? -0.5 : URGENCY[a.status.status];
  const bKey = b.status.dueSoon ? -0.5 : URGENCY[b.status.status];
  if (aKey !== bKey) return aKey - bKey;
  const aDays = a.status.daysOverdue != null ? -a.status.daysOverdue : (a.status.daysLeft ?? Number.MAX_SAFE_INTEGER);
  const bDays = b.status.daysOverdue != null ? -b.status.daysOverdue : (b.status.daysLeft ?? Number.MAX_SAFE_INTEGER);
  return aDays - bDays;
}

/** What the official status of an assignment row is computed from (lib/domain/slot.ts). */
function slotFactsOf(row: {
  dueDate: Date | null;
  startedAt: Date | null;
  completedAt: Date | null;
  createdAt: Date;
  task: { recurrence: Recurrence };
  reports: PeriodReportFact[];
  unit?: { validTo: Date | null };
}): SlotFacts {
  return {
    recurrence: row.task.recurrence,
    dueDate: row.dueDate ? fromDbDate(row.dueDate) : null,
    startedAt: row.startedAt,
    completedAt: row.completedAt,
    assignedOn: vnDateOf(row.createdAt),
    reports: row.reports,
    unitEndedOn: row.unit?.validTo ? fromDbDate(row.unit.validTo) : null,
  };
}

type MyAssignmentRow = {
  id: number;
  role: AssignmentListItem['role'];
  dueDate: Date | null;
  progress: number;
  startedAt: Date | null;
  completedAt: Date | null;
  createdAt: Date;
  title: string;
  number: string;
  recurrence: Recurrence;
  numeral: string;
  programmeTitle: string;
  programmeDocumentNumber: string | null;
};

type MyReportRow = {
  assignmentId: number;
  status: string;
  periodKey: string;
  completedAt: Date | null;
  progress: number;
};

/** The signed-in user's unit's assignments, with their status for now, most urgent first. */
export async function listMyAssignments({ now = new Date() }: { now?: Date } = {}): Promise<AssignmentListItem[]> {
  const user = await requirePermission('work:read-own');
  const today = vnDateOf(now);
  // Two queries side by side instead of Prisma's five (one per relation): this list is the
  // officer's and the head's home page, the most loaded page of the app (docs/benchmarks/load.md).
  const db = getDb();
  const [rows, reports, dueSoonUntil] = await Promise.all([
    db.$queryRaw<MyAssignmentRow[]>`
      SELECT a.id, a.role::text AS role, a."dueDate", a.progress, a."startedAt", a."completedAt", a."createdAt",
             t.title, t.number, t.recurrence::text AS recurrence, s.numeral, p.title AS "programmeTitle",
             p."documentNumber" AS "programmeDocumentNumber"
      FROM "Assignment" a
      JOIN "Task" t ON t.id = a."taskId"
      JOIN "Section" s ON s.id = t."sectionId"
      JOIN "Programme" p ON p.id = t."programmeId"
      WHERE a."unitId" = ${user.unitId} AND t."archivedAt" IS NULL AND p.status = 'ACTIVE'
      ORDER BY a.id`,
    // Every period's report: a recurring task is overdue while an earlier period has none completed.
    db.$queryRaw<MyReportRow[]>`
      SELECT r."assignmentId", r.status::text AS status, r."periodKey", r."completedAt", r.progress
      FROM "Report" r JOIN "Assignment" a ON a.id = r."assignmentId"
      WHERE a."unitId" = ${user.unitId}`,
    dueSoonLimit(now),
  ]);
  const reportsOf = new Map<number, MyReportRow[]>();
  for (const r of reports) {
    const list = reportsOf.get(r.assignmentId);
    if (list) list.push(r);
    else reportsOf.set(r.assignmentId, [r]);
  }
  return rows
    .map((row) => {
      const ownReports = reportsOf.get(row.id) ?? [];
      const period = currentPeriod(row.recurrence, today);
      // The report that counts now: the single report of a one-off or continuous task, or the
      // current period's report of a recurring one (an earlier period's late draft must not hide it).
      const current = ownReports.find((r) => r.periodKey === (period?.key ?? singlePeriodKey(row.recurrence))) ?? null;
      const periodReport = period ? current : null;
      const { input } = slotStatusFacts(
        slotFactsOf({ ...row, task: { recurrence: row.recurrence }, reports: ownReports }),
        today,
        now,
      );
      const status = computeStatus(input, now, { dueSoonUntil });
      return {
        id: row.id,
        taskTitle: row.title,
        taskCode: `${row.numeral}.${row.number}`,
        programmeTitle: row.programmeTitle,
        programmeDocumentNumber: row.programmeDocumentNumber,
        role: row.role,
        recurrence: row.recurrence,
        // A recurring task overdue for a missed period shows that period's deadline.
        dueDate: input.dueDate,
        periodLabel: period?.label ?? null,
        progress: period ? (periodReport?.progress ?? 0) : row.progress,
        lastReportStatus: current?.status ?? null,
        status,
      } satisfies AssignmentListItem;
    })
    .sort(byUrgency);
}

/** One assignment with its task and report history; "not found" outside the user's scope. */
export async function getAssignment(assignmentId: number, { now = new Date() }: { now?: Date } = {}) {
  const { assignment: row } = await readAssignment(assignmentId);
  // The official status, as on the lists (decision 008: a recurring task owes every closed period).
  const { input, missed } = slotStatusFacts(slotFactsOf(row), vnDateOf(now), now);
  return {
    ...row,
    status: computeStatus(input, now, { dueSoonUntil: await dueSoonLimit(now) }),
    statusDueDate: input.dueDate,
    missedPeriodLabels: missed.map((p) => p.label),
  };
}

export type InboxItem = {
  reportId: number;
  assignmentId: number;
  unitName: string;
  taskCode: string;
  taskTitle: string;
  programmeTitle: string;
  programmeDocumentNumber: string | null;
  periodKey: string;
  progress: number;
  submittedAt: Date | null;
  evidenceCount: number;
};

export type InboxPage = {
  items: InboxItem[];
  /** All reports waiting for this user (with the unit filter, if any). */
  total: number;
  /** Opaque position after the last item, for the next page; null on the last page. */
  nextCursor: string | null;
  /** The units that have reports waiting, for the filter (empty when asked `withUnits: false`). */
  units: { id: number; name: string }[];
};

/** A page position: "<submittedAt in ms>.<report id>" of the last item shown. Anything else starts over. */
function parseInboxCursor(cursor: string | undefined): { at: Date; id: number } | null {
  const m = cursor ? /^(\d{1,15})\.(\d{1,10})$/.exec(cursor) : null;
  if (!m) return null;
  const id = Number(m[2]);
  return id >= 1 && id <= 2_147_483_647 ? { at: new Date(Number(m[1])), id } : null;
}

type InboxRow = {
  total: number;
  id: number | null;
  periodKey: string;
  progress: number;
  submittedAt: Date | null;
  assignmentId: number;
  unitName: string;
  numeral: string;
  number: string;
  title: string;
  programmeTitle: string;
  programmeDocumentNumber: string | null;
  evidenceCount: number;
};

/** A UTC instant compared with a `timestamp(3)` column (Prisma stores UTC without a zone). */
const utc = (d: Date) => Prisma.sql`(${d.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;

/**
 * Submitted reports waiting for this user's decision, oldest first, a page at a time (keyset
 * pagination on submission time and id: a page costs the same however deep it is, and a report
 * decided meanwhile never shifts the next page). Optionally the reports of one unit only.
 *
 * One SQL query for the page and the total (the review rule as SQL, `reviewScopeSql`: Prisma's
 * relation filter was a nested EXISTS per submitted report plus a second pass to count them, seconds
 * per view at national scale — docs/benchmarks/load.md); a second one for the unit filter's list.
 */
export async function listReviewInbox(
  options: { cursor?: string; unit?: number; limit?: number; withUnits?: boolean } = {},
): Promise<InboxPage> {
  const user = await requirePermission('report:review');
  const limit = Math.min(Math.max(options.limit ?? 25, 1), 100);
  const after = parseInboxCursor(options.cursor);
  const withUnits = options.withUnits !== false;
  // Kept per data version and the user's review routes (whose reports they decide on): exact, because
  // a report enters or leaves the inbox only when its status changes, and everything a row shows (unit,
  // task, programme; a submitted report's progress and evidence, locked until it is returned) is
  // tracked by the same version (decision 008). The national head's home counted all 1,611 waiting
  // reports on every view (decision 032).
  return cachedStat(
    ['inbox', reviewRoutes(user), options.unit ?? null, after && [after.at.getTime(), after.id], limit, withUnits],
    () => readReviewInbox(user, { unit: options.unit, after, limit, withUnits }),
  );
}

async function readReviewInbox(
  user: SessionUser,
  options: { unit?: number; after: { at: Date; id: number } | null; limit: number; withUnits: boolean },
): Promise<InboxPage> {
  const { after, limit } = options;
  const submitted = Prisma.sql`r.status = 'SUBMITTED'`;
  const waiting = reviewReportsSql(user, {
    select: Prisma.sql`r.id, r."submittedAt", r."assignmentId"`,
    where: options.unit !== undefined ? Prisma.sql`${submitted} AND a."unitId" = ${options.unit}` : submitted,
  });
  const position = after
    ? Prisma.sql`WHERE w."submittedAt" > ${utc(after.at)} OR (w."submittedAt" = ${utc(after.at)} AND w.id > ${after.id})`
    : Prisma.empty;
  const db = getDb();
  const [rows, units] = await Promise.all([
    // One row per report shown, each carrying the total; one row with the total alone when none is.
    db.$queryRaw<InboxRow[]>`
      WITH w AS (${waiting})
      SELECT c.total, p.*
      FROM (SELECT count(*)::int AS total FROM w) c
      LEFT JOIN LATERAL (
        SELECT r.id, r."periodKey", r.progress, r."submittedAt", a.id AS "assignmentId", u.name AS "unitName",
               s.numeral, t.number, t.title, pg.title AS "programmeTitle", pg."documentNumber" AS "programmeDocumentNumber",
               (SELECT count(*)::int FROM "Evidence" e WHERE e."reportId" = r.id AND e."deletedAt" IS NULL) AS "evidenceCount"
        FROM (SELECT * FROM w ${position} ORDER BY w."submittedAt" ASC, w.id ASC LIMIT ${limit + 1}) w
        JOIN "Report" r ON r.id = w.id
        JOIN "Assignment" a ON a.id = w."assignmentId"
        JOIN "Unit" u ON u.id = a."unitId"
        JOIN "Task" t ON t.id = a."taskId"
        JOIN "Section" s ON s.id = t."sectionId"
        JOIN "Programme" pg ON pg.id = t."programmeId"
      ) p ON true
      ORDER BY p."submittedAt" ASC, p.id ASC`,
    // The filter's units: the inbox page's, not the home page's (withUnits: false).
    !options.withUnits
      ? Promise.resolve([])
      : db.$queryRaw<{ id: number; name: string }[]>`
          SELECT u.id, u.name FROM "Unit" u
          WHERE u.id IN (${reviewReportsSql(user, { select: Prisma.sql`a."unitId"`, where: submitted })})
          ORDER BY u.name ASC`,
  ]);
  const found = rows.filter((r): r is InboxRow & { id: number } => r.id !== null);
  const shown = found.slice(0, limit);
  const last = shown.at(-1);
  return {
    items: shown.map((r) => ({
      reportId: r.id,
      assignmentId: r.assignmentId,
      unitName: r.unitName,
      taskCode: `${r.numeral}.${r.number}`,
      taskTitle: r.title,
      programmeTitle: r.programmeTitle,
      programmeDocumentNumber: r.programmeDocumentNumber,
      periodKey: r.periodKey,
      progress: r.progress,
      submittedAt: r.submittedAt,
      evidenceCount: r.evidenceCount,
    })),
    total: rows[0]?.total ?? 0,
    nextCursor: found.length > limit && last?.submittedAt ? `${last.submittedAt.getTime()}.${last.id}` : null,
    units,
  };
}
