import 'server-only';
import type { z } from 'zod';
import type * as S from '../api/schemas';
import { getDb, Prisma } from '../db';
import {
  ASSIGNMENT_ROLE_LABELS,
  PROGRAMME_STATUS_LABELS,
  REFORM_AREA_LABELS,
  REPORT_STATUS_LABELS,
} from '../domain/labels';
import { RECURRENCE_LABELS, type Recurrence } from '../domain/periods';
import { periodLabel } from '../domain/slot';
import { computeStatus, STATUS_LABELS, type OfficialStatus } from '../domain/status';
import { DIRECTION_LABELS, RAG_LABELS } from '../domain/targets';
import { fromDbDate } from '../domain/time';
import { NotFoundError } from '../errors';
import { can } from '../permissions';
import { dueSoonLimit } from './calendar';
import { requirePermission } from './guard';
import { assignmentScope, assignmentScopeSql } from './scope';
import { slotsAtCte } from './status-sql';
import { listIndicatorStandings } from './targets';

/**
 * What the API (/api/v1, decision 020) reads. The same permission and the same row scope as the
 * pages: `requirePermission('work:read-own')` and `assignmentScope` (lib/data/scope.ts) — an API
 * token reads as the user lib/data/api-tokens.ts makes of it, so what its unit's officer may not
 * open is "not found" to it too. Every answer is built field by field into the schemas of
 * lib/api/schemas.ts (never a whole row); official statuses come from the SQL rule
 * (lib/data/status-sql.ts) and lib/domain/status.ts, as on the dashboard and the lists.
 */

type Dto<T extends z.ZodType> = z.infer<T>;

const day = (d: Date | null) => (d ? fromDbDate(d) : null);
const instant = (d: Date | null) => (d ? d.toISOString() : null);
const coded = <K extends string>(labels: Record<K, string>, code: K) => ({ code, label: labels[code] });

/** The tasks a reader may see: those assigned to a unit in their scope (all, for read-all). */
async function taskScope(): Promise<Prisma.TaskWhereInput> {
  const user = await requirePermission('work:read-own');
  return { archivedAt: null, assignments: { some: assignmentScope(user) } };
}

export async function listApiProgrammes(): Promise<Dto<typeof S.ProgrammeList>> {
  const user = await requirePermission('work:read-own');
  const rows = await getDb().programme.findMany({
    where: can(user, 'work:read-all') ? {} : { tasks: { some: await taskScope() } },
    orderBy: { id: 'asc' },
    select: {
      id: true,
      title: true,
      documentNumber: true,
      issuingBody: true,
      issuedOn: true,
      periodStart: true,
      periodEnd: true,
      status: true,
    },
  });
  return {
    items: rows.map((p) => ({
      id: p.id,
      title: p.title,
      documentNumber: p.documentNumber,
      issuingBody: p.issuingBody,
      issuedOn: day(p.issuedOn),
      periodStart: day(p.periodStart),
      periodEnd: day(p.periodEnd),
      status: coded(PROGRAMME_STATUS_LABELS, p.status),
    })),
  };
}

/** The tasks of one programme that the reader may see; "not found" when there is none. */
export async function listApiTasks(programmeId: number): Promise<Dto<typeof S.TaskList>> {
  const user = await requirePermission('work:read-own');
  const scope = await taskScope();
  const db = getDb();
  const programme = await db.programme.findFirst({
    where: can(user, 'work:read-all') ? { id: programmeId } : { id: programmeId, tasks: { some: scope } },
    select: { id: true },
  });
  if (!programme) throw new NotFoundError();
  const rows = await db.task.findMany({
    where: { AND: [{ programmeId }, scope] },
    orderBy: [{ section: { order: 'asc' } }, { order: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      programmeId: true,
      number: true,
      title: true,
      text: true,
      reformArea: true,
      recurrence: true,
      dueDate: true,
      evidenceRequired: true,
      section: { select: { numeral: true, title: true } },
      assignments: {
        where: { role: 'LEAD' },
        orderBy: { unitId: 'asc' },
        select: { unit: { select: { id: true, code: true, name: true } } },
      },
    },
  });
  return {
    items: rows.map((t) => ({
      id: t.id,
      programmeId: t.programmeId,
      code: `${t.section.numeral}.${t.number}`,
      title: t.title,
      text: t.text,
      section: t.section,
      reformArea: t.reformArea ? coded(REFORM_AREA_LABELS, t.reformArea) : null,
      recurrence: coded(RECURRENCE_LABELS, t.recurrence),
      dueDate: day(t.dueDate),
      evidenceRequired: t.evidenceRequired,
      leadUnits: t.assignments.map((a) => a.unit),
    })),
  };
}

export type AssignmentQuery = {
  programme?: number;
  unit?: number;
  status?: OfficialStatus;
  /** The last id of the previous page. */
  after?: number;
  limit: number;
};

type SlotRow = {
  id: number;
  role: 'LEAD' | 'COORDINATING' | 'IMPLEMENTING';
  recurrence: Recurrence;
  due: Date | null;
  completed: Date | null;
  started: boolean;
  status: OfficialStatus;
  completedAt: Date | null;
  programmeId: number;
  programmeTitle: string;
  taskId: number;
  taskTitle: string;
  taskNumber: string;
  numeral: string;
  unitId: number;
  unitCode: string;
  unitName: string;
};

/**
 * The reader's assignments with their official status now, by id, a page at a time (keyset on the
 * id: a page costs the same however deep, and nothing shifts when a status changes meanwhile).
 */
export async function listApiAssignments(
  query: AssignmentQuery & { id?: number },
  { now }: { now?: Date } = {},
): Promise<Dto<typeof S.AssignmentPage>> {
  const user = await requirePermission('work:read-own');
  const db = getDb();
  // The row scope in the same statement (lib/data/scope.ts): no list of ids loaded first.
  const parts = [assignmentScopeSql(user)];
  if (query.id !== undefined) parts.push(Prisma.sql`a.id = ${query.id}`);
  if (query.programme !== undefined) parts.push(Prisma.sql`t."programmeId" = ${query.programme}`);
  if (query.unit !== undefined) parts.push(Prisma.sql`a."unitId" = ${query.unit}`);
  if (query.after !== undefined) parts.push(Prisma.sql`a.id > ${query.after}`);
  const at = now ?? new Date();
  const [rows, dueSoonUntil] = await Promise.all([
    db.$queryRaw<SlotRow[]>`
      WITH ${slotsAtCte([at], { where: Prisma.join(parts, ' AND '), live: now === undefined })}
      SELECT s.assignment_id AS id, s.role, s.recurrence, s.due, s.completed, s.started, s.status,
             a."completedAt", p.id AS "programmeId", p.title AS "programmeTitle",
             t.id AS "taskId", t.title AS "taskTitle", t.number AS "taskNumber", sec.numeral,
             u.id AS "unitId", u.code AS "unitCode", u.name AS "unitName"
      FROM slots s
      JOIN "Assignment" a ON a.id = s.assignment_id
      JOIN "Task" t ON t.id = a."taskId"
      JOIN "Section" sec ON sec.id = t."sectionId"
      JOIN "Programme" p ON p.id = t."programmeId"
      JOIN "Unit" u ON u.id = a."unitId"
      ${query.status ? Prisma.sql`WHERE s.status = ${query.status}` : Prisma.empty}
      ORDER BY s.assignment_id
      LIMIT ${query.limit + 1}`,
    dueSoonLimit(at),
  ]);
  const shown = rows.slice(0, query.limit);
  return {
    items: shown.map((r) => {
      const dueDate = day(r.due);
      // The same answer as the SQL's status, with the flags and day counts of the pure rule.
      const status = computeStatus({ dueDate, completedAt: r.completed, started: r.started }, at, { dueSoonUntil });
      return {
        id: r.id,
        programme: { id: r.programmeId, title: r.programmeTitle },
        task: { id: r.taskId, code: `${r.numeral}.${r.taskNumber}`, title: r.taskTitle },
        unit: { id: r.unitId, code: r.unitCode, name: r.unitName },
        role: coded(ASSIGNMENT_ROLE_LABELS, r.role),
        recurrence: coded(RECURRENCE_LABELS, r.recurrence),
        dueDate,
        completedAt: instant(r.completedAt),
        status: {
          code: status.status,
          label: STATUS_LABELS[status.status],
          dueSoon: status.dueSoon,
          noDeadline: status.noDeadline,
          daysLeft: status.daysLeft,
          daysOverdue: status.daysOverdue,
        },
      };
    }),
    nextCursor: rows.length > query.limit ? String(shown.at(-1)!.id) : null,
  };
}

/** One assignment of the reader's scope, with its status now; "not found" outside the scope. */
export async function getApiAssignment(assignmentId: number, options: { now?: Date } = {}) {
  const page = await listApiAssignments({ id: assignmentId, limit: 1 }, options);
  const found = page.items[0];
  if (!found) throw new NotFoundError();
  return found;
}

/**
 * The reports sent on one assignment of the reader's scope, newest period first, with their
 * evidence's description (never the files). Drafts are the unit's work in progress: not sent.
 */
export async function listApiReports(assignmentId: number): Promise<Dto<typeof S.ReportList>> {
  const user = await requirePermission('work:read-own');
  const db = getDb();
  const assignment = await db.assignment.findFirst({
    where: { AND: [{ id: assignmentId }, assignmentScope(user)] },
    select: { id: true, task: { select: { recurrence: true } } },
  });
  if (!assignment) throw new NotFoundError();
  const rows = await db.report.findMany({
    where: { assignmentId, status: { not: 'DRAFT' } },
    orderBy: [{ periodKey: 'desc' }, { id: 'desc' }],
    select: {
      id: true,
      periodKey: true,
      status: true,
      progress: true,
      content: true,
      difficulties: true,
      proposals: true,
      value: true,
      submittedAt: true,
      reviewedAt: true,
      reviewComment: true,
      completedAt: true,
      evidence: {
        where: { deletedAt: null },
        orderBy: { id: 'asc' },
        select: { id: true, fileName: true, mimeType: true, sizeBytes: true, sha256: true, createdAt: true },
      },
    },
  });
  return {
    items: rows.map((r) => ({
      id: r.id,
      assignmentId,
      periodKey: r.periodKey,
      periodLabel: periodLabel(assignment.task.recurrence, r.periodKey),
      status: coded(REPORT_STATUS_LABELS, r.status) as Dto<typeof S.Report>['status'],
      progress: r.progress,
      content: r.content,
      difficulties: r.difficulties,
      proposals: r.proposals,
      value: r.value === null ? null : r.value.toNumber(),
      submittedAt: instant(r.submittedAt),
      reviewedAt: instant(r.reviewedAt),
      reviewComment: r.reviewComment,
      completedAt: instant(r.completedAt),
      evidence: r.evidence.map((e) => ({
        id: e.id,
        fileName: e.fileName,
        mimeType: e.mimeType,
        sizeBytes: e.sizeBytes,
        sha256: e.sha256,
        uploadedAt: e.createdAt.toISOString(),
      })),
    })),
  };
}

/** The indicators of the reader's scope with their targets and latest approved values (decision 014). */
export async function listApiIndicators(options: { now?: Date } = {}): Promise<Dto<typeof S.IndicatorList>> {
  const standings = await listIndicatorStandings(options);
  return {
    items: standings.map((i) => ({
      id: i.id,
      code: i.code,
      name: i.name,
      reformArea: coded(REFORM_AREA_LABELS, i.reformArea),
      measureUnit: i.measureUnit,
      direction: coded(DIRECTION_LABELS, i.direction),
      verified: i.verified,
      baseline: i.baseline,
      targets: i.targets,
      requiredToday: i.requiredToday,
      units: i.units.map((u) => ({
        unit: { id: u.unitId, name: u.unitName },
        assignmentId: u.assignmentId,
        latest: u.latest,
        required: u.required,
        rag: u.rag ? coded(RAG_LABELS, u.rag) : null,
      })),
    })),
  };
}
