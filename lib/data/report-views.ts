import 'server-only';
import { getDb } from '../db';
import { NotFoundError } from '../errors';
import { periodByKey, previousPeriod, type Period, type Recurrence } from '../domain/periods';
import { currentPeriod, isRecurring, singlePeriodKey } from '../domain/slot';
import { vnDateOf } from '../domain/time';
import { can } from '../permissions';
import { editable } from './reports';
import { readAssignment } from './assignment-read';
import { requirePermission } from './guard';
import { assignmentScope, reviewScope } from './scope';

export type PeriodOption = { key: string; label: string };

/** The periods a unit may report for now: the current one, the previous one (late reports are
 *  common), and any earlier period whose report is still a draft or was returned. */
function periodOptions(recurrence: Recurrence, today: string, openKeys: string[]): PeriodOption[] {
  if (!isRecurring(recurrence)) {
    const key = singlePeriodKey(recurrence);
    return [{ key, label: recurrence === 'CONTINUOUS' ? 'Thường xuyên' : 'Cả nhiệm vụ' }];
  }
  const current = currentPeriod(recurrence, today)!;
  const periods: Period[] = [current];
  const prev = previousPeriod(current);
  if (prev) periods.push(prev);
  for (const key of openKeys) {
    const p = periodByKey(recurrence, key);
    if (p && !periods.some((x) => x.key === p.key)) periods.push(p);
  }
  return periods.sort((a, b) => b.start.localeCompare(a.start)).map((p) => ({ key: p.key, label: p.label }));
}

/** What the report form of an assignment needs: period choices and the chosen period's report. */
export async function getReportForm(
  assignmentId: number,
  requestedPeriod: string | undefined,
  { now = new Date() } = {},
) {
  const { user, assignment } = await readAssignment(assignmentId);
  const options = periodOptions(
    assignment.task.recurrence,
    vnDateOf(now),
    assignment.reports.filter((r) => r.status === 'DRAFT' || r.status === 'RETURNED').map((r) => r.periodKey),
  );
  const periodKey = options.find((o) => o.key === requestedPeriod)?.key ?? options[0]!.key;
  // The assignment's reports were read with it: no report for this period, nothing to fetch.
  const report = !assignment.reports.some((r) => r.periodKey === periodKey)
    ? null
    : await getDb().report.findUnique({
        where: { assignmentId_periodKey: { assignmentId, periodKey } },
        select: {
          id: true,
          version: true,
          status: true,
          progress: true,
          content: true,
          difficulties: true,
          proposals: true,
          noEvidenceReason: true,
          value: true,
          reviewComment: true,
          evidence: {
            where: { deletedAt: null },
            orderBy: { createdAt: 'asc' },
            select: { id: true, fileName: true, sizeBytes: true, mimeType: true },
          },
        },
      });
  const mayWrite = can(user, 'report:write') && assignment.unit.id === user.unitId;
  return {
    periodKey,
    options,
    evidenceRequired: assignment.task.evidenceRequired,
    indicator: assignment.task.indicator,
    // A Decimal is not plain data: the client form gets a number.
    report: report ? { ...report, value: report.value === null ? null : report.value.toNumber() } : null,
    mayWrite,
    canEdit: mayWrite && (!report || editable(report, assignment.task.recurrence)),
  };
}

/** One report with its evidence, decisions and audit timeline; "not found" outside the user's scope. */
export async function getReport(reportId: number) {
  const user = await requirePermission('work:read-own');
  const report = await getDb().report.findFirst({
    where: { id: reportId, assignment: assignmentScope(user) },
    select: {
      id: true,
      periodKey: true,
      status: true,
      version: true,
      progress: true,
      content: true,
      difficulties: true,
      proposals: true,
      noEvidenceReason: true,
      value: true,
      submittedAt: true,
      reviewedAt: true,
      reviewComment: true,
      submittedBy: { select: { displayName: true } },
      reviewedBy: { select: { displayName: true } },
      assignment: {
        select: {
          id: true,
          unit: { select: { name: true } },
          task: {
            select: {
              number: true,
              title: true,
              recurrence: true,
              indicator: { select: { name: true, measureUnit: true } },
              section: { select: { numeral: true } },
              programme: { select: { title: true } },
            },
          },
        },
      },
      evidence: {
        where: { deletedAt: null },
        orderBy: { createdAt: 'asc' },
        select: { id: true, fileName: true, sizeBytes: true, mimeType: true },
      },
      reviews: {
        orderBy: { createdAt: 'asc' },
        select: {
          id: true,
          decision: true,
          comment: true,
          createdAt: true,
          reviewer: { select: { displayName: true } },
        },
      },
    },
  });
  if (!report) throw new NotFoundError();
  const [timeline, reviewable] = await Promise.all([
    getDb().auditEvent.findMany({
      where: { reportId },
      orderBy: { at: 'asc' },
      select: { id: true, at: true, action: true, data: true, actor: { select: { displayName: true } } },
    }),
    can(user, 'report:review')
      ? getDb().report.count({ where: { AND: [{ id: reportId, status: 'SUBMITTED' }, reviewScope(user)] } })
      : Promise.resolve(0),
  ]);
  return {
    ...report,
    value: report.value === null ? null : report.value.toNumber(),
    timeline: timeline.map((e) => ({ ...e, id: String(e.id) })),
    canReview: reviewable === 1,
  };
}
