import 'server-only';
import { getDb, type Prisma } from '../db';
import { ForbiddenError, NotFoundError } from '../errors';
import { periodByKey, previousPeriod, type Period } from '../domain/periods';
import { currentPeriod, isRecurring, periodLabel, singlePeriodKey } from '../domain/slot';
import { endOfDayVn, fromDbDate, vnDateOf } from '../domain/time';
import { can, type SessionUser } from '../permissions';
import { requirePermission } from './guard';

/** Tasks whose submission board a user may open: everything for the chairman, administrator and the
 *  standing office's head; the tasks their department leads for other department heads. */
function boardTaskScope(user: SessionUser): Prisma.TaskWhereInput {
  if (can(user, 'work:read-all') || (user.role === 'DEPARTMENT_HEAD' && user.isStandingOffice))
    return { archivedAt: null };
  if (user.role === 'DEPARTMENT_HEAD')
    return { archivedAt: null, assignments: { some: { role: 'LEAD', unitId: user.unitId } } };
  throw new ForbiddenError();
}

export type SubmissionState =
  'APPROVED' | 'SUBMITTED_ON_TIME' | 'SUBMITTED_LATE' | 'RETURNED' | 'DRAFT' | 'MISSING' | 'MISSING_LATE';

export const SUBMISSION_LABELS: Record<SubmissionState, string> = {
  APPROVED: 'Đã duyệt',
  SUBMITTED_ON_TIME: 'Đã gửi đúng hạn',
  SUBMITTED_LATE: 'Gửi muộn',
  RETURNED: 'Bị trả lại',
  DRAFT: 'Đang soạn (chưa gửi)',
  MISSING: 'Chưa có báo cáo',
  MISSING_LATE: 'Chưa nộp — quá hạn',
};

/**
 * For one task and period: which units have submitted, which are late, which have nothing yet.
 * A period's report is due at the end of its window (Decree 09/2019 cut-off); a one-off task's at
 * the assignment's deadline in force.
 */
export async function getSubmissionBoard(
  { taskId, periodKey }: { taskId?: number; periodKey?: string },
  { now = new Date() } = {},
) {
  const user = await requirePermission('work:read-own');
  const scope = boardTaskScope(user);
  const tasks = await getDb().task.findMany({
    where: { ...scope, programme: { status: 'ACTIVE' } },
    orderBy: [{ programmeId: 'asc' }, { section: { order: 'asc' } }, { order: 'asc' }],
    select: { id: true, number: true, title: true, recurrence: true, section: { select: { numeral: true } } },
  });
  const task = taskId ? tasks.find((t) => t.id === taskId) : (tasks.find((t) => isRecurring(t.recurrence)) ?? tasks[0]);
  if (taskId && !task) throw new NotFoundError();
  if (!task) return { tasks, task: null, periods: [], periodKey: null, rows: [] };

  const today = vnDateOf(now);
  const periods: Period[] = [];
  if (isRecurring(task.recurrence)) {
    let p: Period | null = currentPeriod(task.recurrence, today);
    for (let i = 0; p && i < 12; i += 1, p = previousPeriod(p)) periods.push(p);
  }
  const chosen = isRecurring(task.recurrence)
    ? (periodKey && periodByKey(task.recurrence, periodKey) && periods.find((p) => p.key === periodKey)) || periods[0]!
    : null;
  const key = chosen?.key ?? singlePeriodKey(task.recurrence);

  const assignments = await getDb().assignment.findMany({
    where: { taskId: task.id },
    orderBy: [{ unit: { kind: 'asc' } }, { unit: { name: 'asc' } }],
    select: {
      id: true,
      role: true,
      dueDate: true,
      unit: { select: { name: true, kind: true } },
      reports: { where: { periodKey: key }, select: { id: true, status: true, submittedAt: true, progress: true } },
    },
  });
  const rows = assignments.map((a) => {
    const report = a.reports[0] ?? null;
    const due = chosen ? chosen.end : a.dueDate ? fromDbDate(a.dueDate) : null;
    const deadline = due ? endOfDayVn(due) : null;
    const late = deadline !== null && now >= deadline;
    const state: SubmissionState = !report
      ? late
        ? 'MISSING_LATE'
        : 'MISSING'
      : report.status === 'APPROVED'
        ? 'APPROVED'
        : report.status === 'RETURNED'
          ? 'RETURNED'
          : report.status === 'DRAFT'
            ? late
              ? 'MISSING_LATE'
              : 'DRAFT'
            : deadline && report.submittedAt && report.submittedAt >= deadline
              ? 'SUBMITTED_LATE'
              : 'SUBMITTED_ON_TIME';
    return {
      assignmentId: a.id,
      unitName: a.unit.name,
      role: a.role,
      due,
      state,
      reportId: report?.id ?? null,
      submittedAt: report?.submittedAt ?? null,
      progress: report?.progress ?? null,
    };
  });
  return {
    tasks,
    task,
    periods: periods.map((p) => ({ key: p.key, label: p.label })),
    periodKey: key,
    periodLabel: periodLabel(task.recurrence, key),
    rows,
  };
}
