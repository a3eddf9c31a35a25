import 'server-only';
import Cursor from 'pg-cursor';
import pg from 'pg';
import { poolOf, Prisma, type PrismaClient } from '../db';
import { slotCtes, type AssignmentRow, type DashboardScope, type SlotFilter } from './dashboard-sql';
import { shapeRow, type DrillRow } from './dashboard-shape';

/**
 * The rows of the Excel list (issue 8 item 5): one query, read through a server-side cursor
 * (pg-cursor: a portal fetched `batch` rows at a time on one pooled connection), so that an export
 * of a national dataset holds at most two batches of rows and PostgreSQL plans and evaluates the
 * official rule once for the whole list. Internal to lib/data, like dashboard-sql.ts: these
 * functions do not authorize; lib/data/exports.ts (getExportSource) calls them with the user's scope.
 *
 * The status is the SQL rule of lib/data/status-sql.ts through slotCtes, exactly as the
 * drill-down's list (queryAssignments) evaluates it; tests/integration/exports.test.ts compares
 * the two row for row. Rows come in assignment order, which is the order tasks were assigned in
 * (fan-out creates a task's assignments together); the sheet's filter sorts them otherwise.
 *
 * Before this, the list was read in 48 keyset pages of 5,000 assignment ids, each planned and
 * evaluated on its own (docs/benchmarks/exports.md has both).
 */

/** Rows fetched from the cursor at a time (one page handed to the workbook writer). */
export const EXPORT_BATCH = 2_000;

/** A row of the list's query: the slot and its last report; the names come from `ExportNames`. */
type ExportSlotRow = Pick<
  AssignmentRow,
  | 'assignment_id'
  | 'status'
  | 'due'
  | 'completed'
  | 'days_overdue'
  | 'report_unit_id'
  | 'role'
  | 'report_id'
  | 'report_period_key'
  | 'report_status'
  | 'report_submitted_at'
  | 'report_reviewed_at'
> & { unit_id: number; task_id: number; reviewer_id: number | null };

/** How long the list's one statement may stay open (fetching and sending): 10 minutes. */
export const EXPORT_STATEMENT_TIMEOUT_MS = 600_000;

/**
 * The list's SQL: every slot of the scope and filters with its last report known at the moment, in
 * assignment order. Only the narrow slot rows are sorted (in memory); the last reports are read in
 * the order of Report's (assignmentId, periodKey) index, each assignment's few sorted by an
 * incremental sort, and merged with the slots — so rows reach the cursor while PostgreSQL is still
 * reading, and Node writes the first batches meanwhile (the plan needs random_page_cost near 1, set
 * for the cursor's session: with the default 4, PostgreSQL sorts all 876,000 national reports on
 * disk before the first row). Unit and task names are not carried through the sort, and reviewers'
 * names are not looked up per row (184,000 index probes nationally): exportNames reads them once.
 */
export function exportRowsSql(asOf: Date, scope: DashboardScope, filter: SlotFilter, live = false): Prisma.Sql {
  return Prisma.sql`
    WITH RECURSIVE ${slotCtes([asOf], scope, filter, undefined, live)}
    SELECT x.assignment_id, x.status, x.due, x.completed, x.days_overdue, x.report_unit_id, x.unit_id, x.task_id, x.role,
           lr.id AS report_id, lr."periodKey" AS report_period_key, lr.status::text AS report_status,
           lr."submittedAt" AS report_submitted_at, lr."reviewedAt" AS report_reviewed_at, lr."reviewedById" AS reviewer_id
    FROM (
      SELECT f.assignment_id, f.status, f.due, f.completed, f.report_unit_id, f.unit_id, f.task_id, f.role,
             CASE WHEN f.status = 'IN_PROGRESS_OVERDUE' THEN f.as_of_day - f.due
                  WHEN f.status = 'DONE_LATE' THEN (f.completed + interval '7 hours')::date - f.due END AS days_overdue
      FROM f
      ORDER BY f.assignment_id
    ) x
    LEFT JOIN (
      SELECT DISTINCT ON (r."assignmentId") r."assignmentId" AS assignment_id, r.id, r."periodKey", r.status,
             r."submittedAt", r."reviewedAt", r."reviewedById"
      FROM "Report" r
      WHERE r."createdAt" <= ${asOf.toISOString().replace('T', ' ').replace('Z', '')}::timestamp
      ORDER BY r."assignmentId", r."updatedAt" DESC, r.id DESC
    ) lr ON lr.assignment_id = x.assignment_id
    ORDER BY x.assignment_id`;
}

type TaskNames = Pick<
  AssignmentRow,
  | 'task_number'
  | 'task_title'
  | 'recurrence'
  | 'section_numeral'
  | 'programme_title'
  | 'programme_document_number'
  | 'lead_unit_id'
>;

/** What the list's rows name: every unit's and user's name, and each task's number, titles and lead unit. */
export type ExportNames = { units: Map<number, string>; users: Map<number, string>; tasks: Map<number, TaskNames> };

/** The names the list prints, read once per export (units and tasks are few beside assignments). */
export async function exportNames(db: PrismaClient): Promise<ExportNames> {
  const [units, users, tasks] = await Promise.all([
    db.$queryRaw<{ id: number; name: string }[]>`SELECT id, name FROM "Unit"`,
    db.$queryRaw<{ id: number; name: string }[]>`SELECT id, "displayName" AS name FROM "User"`,
    db.$queryRaw<(TaskNames & { id: number })[]>`
      SELECT t.id, t.number AS task_number, t.title AS task_title, t.recurrence::text AS recurrence,
             sec.numeral AS section_numeral, pr.title AS programme_title,
             pr."documentNumber" AS programme_document_number,
             (SELECT l."unitId" FROM "Assignment" l WHERE l."taskId" = t.id AND l.role = 'LEAD' ORDER BY l.id LIMIT 1) AS lead_unit_id
      FROM "Task" t
      JOIN "Section" sec ON sec.id = t."sectionId"
      JOIN "Programme" pr ON pr.id = t."programmeId"`,
  ]);
  return {
    units: new Map(units.map((u) => [u.id, u.name])),
    users: new Map(users.map((u) => [u.id, u.name])),
    tasks: new Map(tasks.map(({ id, ...names }) => [id, names])),
  };
}

/** A query row with its names: the drill-down's row shape (AssignmentRow), for shapeRow. */
function named(row: ExportSlotRow, names: ExportNames): AssignmentRow {
  const task = names.tasks.get(row.task_id);
  if (!task) throw new Error(`export: task ${row.task_id} not found`);
  return {
    assignment_id: row.assignment_id,
    total: 0,
    status: row.status,
    due: row.due,
    completed: row.completed,
    days_overdue: row.days_overdue,
    missed_periods: null,
    report_unit_id: row.report_unit_id,
    report_unit_name: names.units.get(row.report_unit_id) ?? '',
    own_unit_name: names.units.get(row.unit_id) ?? '',
    role: row.role,
    task_number: task.task_number,
    task_title: task.task_title,
    recurrence: task.recurrence,
    section_numeral: task.section_numeral,
    programme_title: task.programme_title,
    programme_document_number: task.programme_document_number,
    lead_unit_id: task.lead_unit_id,
    lead_unit_name: task.lead_unit_id === null ? null : (names.units.get(task.lead_unit_id) ?? null),
    report_id: row.report_id,
    report_period_key: row.report_period_key,
    report_status: row.report_status,
    report_submitted_at: row.report_submitted_at,
    report_reviewed_at: row.report_reviewed_at,
    reviewer_name: row.reviewer_id === null ? null : (names.users.get(row.reviewer_id) ?? null),
  };
}

/**
 * Values as Prisma's raw queries give them (what shapeRow expects): a `date` is midnight UTC of
 * that day and a `timestamp` (stored in UTC) that instant — pg's defaults read both in the
 * process's local time zone.
 */
const TYPES = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === pg.types.builtins.DATE) return (v: string) => new Date(`${v}T00:00:00.000Z`);
    if (oid === pg.types.builtins.TIMESTAMP) return (v: string) => new Date(`${v.replace(' ', 'T')}Z`);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/**
 * Every export row of the scope and filters, `batch` rows at a time, from one cursor. The next
 * batch is fetched while the caller writes this one (PostgreSQL and Node work in parallel); when
 * the caller stops early (a client gone), the cursor is closed and the connection returned.
 * Internal: the caller authorizes.
 */
export async function* exportRows(
  db: PrismaClient,
  asOf: Date,
  scope: DashboardScope,
  filter: SlotFilter,
  { batch = EXPORT_BATCH, live = false }: { batch?: number; live?: boolean } = {},
): AsyncGenerator<DrillRow[]> {
  const sql = exportRowsSql(asOf, scope, filter, live);
  const names = await exportNames(db);
  const client = await poolOf(db).connect();
  let failed: Error | undefined;
  // PostgreSQL's statement_timeout runs from the first fetch of a cursor to its close, and the
  // cursor stays open while the client downloads the file: this one statement gets longer (and the
  // plan above its random_page_cost); the connection gets the pool's settings back before it is released.
  await client.query(`SET statement_timeout = ${EXPORT_STATEMENT_TIMEOUT_MS}; SET random_page_cost = 1.1`);
  const cursor = client.query(new Cursor<ExportSlotRow>(sql.text, sql.values, { types: TYPES }));
  try {
    let next: Promise<ExportSlotRow[]> | null = cursor.read(batch);
    while (next) {
      const rows: ExportSlotRow[] = await next;
      next = rows.length === batch ? cursor.read(batch) : null;
      // An unread prefetch must not reject unhandled if the caller stops early.
      next?.catch(() => {});
      if (rows.length) yield rows.map((row) => shapeRow(named(row, names)));
    }
  } catch (error) {
    failed = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    if (!failed)
      await cursor
        .close()
        .then(() => client.query('RESET statement_timeout; RESET random_page_cost'))
        .catch((error: Error) => (failed = error));
    // A connection whose cursor failed or could not be closed is not given to anyone else.
    client.release(failed);
  }
}
