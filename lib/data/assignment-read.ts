import 'server-only';
import { cache } from 'react';
import { getDb } from '../db';
import { NotFoundError } from '../errors';
import type { Recurrence } from '../domain/periods';
import type { SessionUser } from '../permissions';
import { requirePermission } from './guard';
import { assignmentScope } from './scope';

type AssignmentRole = 'LEAD' | 'COORDINATING' | 'IMPLEMENTING';
type ReportStatus = 'DRAFT' | 'SUBMITTED' | 'RETURNED' | 'APPROVED';

type Row = {
  id: number;
  role: AssignmentRole;
  dueDate: Date | null;
  originalDueDate: Date | null;
  progress: number;
  startedAt: Date | null;
  completedAt: Date | null;
  createdAt: Date;
  unitId: number;
  unitName: string;
  unitValidTo: Date | null;
  taskId: number;
  number: string;
  title: string;
  text: string;
  recurrence: Recurrence;
  taskDueDate: Date | null;
  evidenceRequired: boolean;
  numeral: string;
  sectionTitle: string;
  programmeId: number;
  programmeTitle: string;
  documentNumber: string | null;
  issuingBody: string;
  leadName: string | null;
  indicatorName: string | null;
  measureUnit: string | null;
  hasExtensions: boolean;
  hasUrgingSent: boolean;
  hasUrgingLetters: boolean;
};

type ReportRow = {
  id: number;
  periodKey: string;
  status: ReportStatus;
  progress: number;
  content: string;
  submittedAt: Date | null;
  reviewedAt: Date | null;
  reviewComment: string | null;
  updatedAt: Date;
  completedAt: Date | null;
};

/**
 * One assignment as the assignment page shows it, read once per request and shared by the page's
 * data functions (getAssignment, getReportForm, getExtensions, getUrgingHistory): React `cache`
 * keeps the answer for the rest of the render, so the page authorizes and reads the assignment
 * once instead of four times (docs/benchmarks/load.md). Outside a render (tests, route handlers)
 * every call reads afresh.
 *
 * "Not found" outside the user's row scope: the scope is checked with `assignmentScope`, the one
 * home of "whose work may I see"; the rest is two plain queries (Prisma's nested select was one
 * round trip per relation, nine in all). The same query says whether the assignment has any
 * extension request, urging step or urging letter (`has`): most have none, and the page's
 * histories then skip their reads (three round trips of the assignment page, decision 032).
 */
export const readAssignment = cache(
  async (assignmentId: number): Promise<{ user: SessionUser; assignment: AssignmentRead }> => {
    const user = await requirePermission('work:read-own');
    const db = getDb();
    const allowed = await db.assignment.findFirst({
      where: { AND: [{ id: assignmentId }, assignmentScope(user)] },
      select: { id: true },
    });
    if (!allowed) throw new NotFoundError();
    const [rows, reports] = await Promise.all([
      db.$queryRaw<Row[]>`
        SELECT a.id, a.role::text AS role, a."dueDate", a."originalDueDate", a.progress, a."startedAt",
               a."completedAt", a."createdAt", u.id AS "unitId", u.name AS "unitName", u."validTo" AS "unitValidTo",
               t.id AS "taskId", t.number, t.title, t.text, t.recurrence::text AS recurrence, t."dueDate" AS "taskDueDate",
               t."evidenceRequired", s.numeral, s.title AS "sectionTitle", p.id AS "programmeId",
               p.title AS "programmeTitle", p."documentNumber", p."issuingBody",
               (SELECT lu.name FROM "Assignment" l JOIN "Unit" lu ON lu.id = l."unitId"
                WHERE l."taskId" = t.id AND l.role = 'LEAD' ORDER BY l.id LIMIT 1) AS "leadName",
               i.name AS "indicatorName", i."measureUnit",
               EXISTS (SELECT 1 FROM "DeadlineExtension" e WHERE e."assignmentId" = a.id) AS "hasExtensions",
               EXISTS (SELECT 1 FROM "UrgingSent" us WHERE us."assignmentId" = a.id) AS "hasUrgingSent",
               EXISTS (SELECT 1 FROM "UrgingLetterItem" li WHERE li."assignmentId" = a.id) AS "hasUrgingLetters"
        FROM "Assignment" a
        JOIN "Unit" u ON u.id = a."unitId"
        JOIN "Task" t ON t.id = a."taskId"
        JOIN "Section" s ON s.id = t."sectionId"
        JOIN "Programme" p ON p.id = t."programmeId"
        LEFT JOIN "Indicator" i ON i."taskId" = t.id
        WHERE a.id = ${assignmentId}`,
      db.$queryRaw<ReportRow[]>`
        SELECT r.id, r."periodKey", r.status::text AS status, r.progress, r.content, r."submittedAt",
               r."reviewedAt", r."reviewComment", r."updatedAt", r."completedAt"
        FROM "Report" r WHERE r."assignmentId" = ${assignmentId}
        ORDER BY r."periodKey" DESC`,
    ]);
    const r = rows[0];
    if (!r) throw new NotFoundError();
    return {
      user,
      assignment: {
        id: r.id,
        role: r.role,
        dueDate: r.dueDate,
        originalDueDate: r.originalDueDate,
        progress: r.progress,
        startedAt: r.startedAt,
        completedAt: r.completedAt,
        createdAt: r.createdAt,
        unit: { id: r.unitId, name: r.unitName, validTo: r.unitValidTo },
        task: {
          id: r.taskId,
          number: r.number,
          title: r.title,
          text: r.text,
          recurrence: r.recurrence,
          dueDate: r.taskDueDate,
          evidenceRequired: r.evidenceRequired,
          indicator: r.indicatorName !== null ? { name: r.indicatorName, measureUnit: r.measureUnit ?? '' } : null,
          section: { numeral: r.numeral, title: r.sectionTitle },
          programme: {
            id: r.programmeId,
            title: r.programmeTitle,
            documentNumber: r.documentNumber,
            issuingBody: r.issuingBody,
          },
          lead: r.leadName !== null ? { name: r.leadName } : null,
        },
        reports,
        has: { extensions: r.hasExtensions, urgingSent: r.hasUrgingSent, urgingLetters: r.hasUrgingLetters },
      },
    };
  },
);

export type AssignmentRead = {
  id: number;
  role: AssignmentRole;
  dueDate: Date | null;
  originalDueDate: Date | null;
  progress: number;
  startedAt: Date | null;
  completedAt: Date | null;
  createdAt: Date;
  unit: { id: number; name: string; validTo: Date | null };
  task: {
    id: number;
    number: string;
    title: string;
    text: string;
    recurrence: Recurrence;
    dueDate: Date | null;
    evidenceRequired: boolean;
    indicator: { name: string; measureUnit: string } | null;
    section: { numeral: string; title: string };
    programme: { id: number; title: string; documentNumber: string | null; issuingBody: string };
    /** The task's lead unit (one per task: lib/data/assignments.ts refuses a second). */
    lead: { name: string } | null;
  };
  reports: ReportRow[];
  /** Whether any row exists, read with the assignment: a history with none is not read again. */
  has: { extensions: boolean; urgingSent: boolean; urgingLetters: boolean };
};
