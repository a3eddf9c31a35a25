import 'server-only';
import { getDb, Prisma } from '../db';
import { ConflictError, FieldError, NotFoundError } from '../errors';
import { periodByKey, type Recurrence } from '../domain/periods';
import { isRecurring, singlePeriodKey } from '../domain/slot';
import { toDbDate, vnDateOf } from '../domain/time';
import { MIN_CONTENT_ON_SUBMIT, type ReportInput, type ReviewInput } from '../validation/report';
import { audit } from './audit';
import { requirePermission } from './guard';
import { notifyUsers, reviewerIds, unitMemberIds } from './notify';
import { reviewScope } from './scope';
import { readSetting } from './settings';

type Tx = Prisma.TransactionClient;

const STALE =
  'Báo cáo này vừa được cập nhật ở nơi khác (người khác, hoặc bạn ở một cửa sổ khác). Nội dung mới nhất đã được tải lại; hãy xem và thao tác lại.';

/** Which period a report of this task may be written for, today. */
export function resolvePeriod(recurrence: Recurrence, periodKey: string, today: string) {
  if (!isRecurring(recurrence)) {
    if (periodKey !== singlePeriodKey(recurrence)) throw new FieldError('periodKey', 'Kỳ báo cáo không tồn tại.');
    return { key: periodKey, start: null, end: null };
  }
  const period = periodByKey(recurrence, periodKey);
  if (!period) throw new FieldError('periodKey', 'Kỳ báo cáo không tồn tại.');
  if (period.start > today)
    throw new FieldError('periodKey', `${period.label} chưa bắt đầu: chưa thể báo cáo cho kỳ này.`);
  return { key: period.key, start: toDbDate(period.start), end: toDbDate(period.end) };
}

/** A report can be edited while it is a draft or returned; a one-off task's approved report can be
 *  updated while the work is not complete (progress < 100). */
export function editable(report: { status: string; progress: number }, recurrence: Recurrence): boolean {
  if (report.status === 'DRAFT' || report.status === 'RETURNED') return true;
  return report.status === 'APPROVED' && report.progress < 100 && !isRecurring(recurrence);
}

/**
 * Saves (intent 'save') or submits (intent 'submit') the signed-in user's unit's report on an
 * assignment for a period. Creates the report on first save. Optimistic concurrency: the form
 * carries the version it was loaded from; a stale version is refused with a clear message.
 */
export async function saveReport(
  input: Omit<ReportInput, 'value'> & { value?: ReportInput['value'] },
  { now = new Date() }: { now?: Date } = {},
): Promise<{ reportId: number; version: number }> {
  const user = await requirePermission('report:write');
  const today = vnDateOf(now);
  return getDb().$transaction(async (tx) => {
    const assignment = await tx.assignment.findFirst({
      where: { id: input.assignmentId, unitId: user.unitId, task: { archivedAt: null } },
      select: {
        id: true,
        unitId: true,
        startedAt: true,
        task: {
          select: { recurrence: true, evidenceRequired: true, title: true, indicator: { select: { id: true } } },
        },
      },
    });
    if (!assignment) throw new NotFoundError();
    const recurrence = assignment.task.recurrence;
    // A task that reports an indicator (decision 014) carries the value measured in the period.
    const reportsIndicator = assignment.task.indicator !== null;
    const period = resolvePeriod(recurrence, input.periodKey, today);
    const submit = input.intent === 'submit';

    if (submit && input.content.length < MIN_CONTENT_ON_SUBMIT) {
      throw new FieldError('content', `Nhập kết quả thực hiện (ít nhất ${MIN_CONTENT_ON_SUBMIT} ký tự) trước khi gửi.`);
    }
    if (submit && reportsIndicator && (input.value ?? null) === null) {
      throw new FieldError('value', 'Nhập giá trị chỉ tiêu đạt được trong kỳ trước khi gửi.');
    }

    // Lock the report row (if any) so that evidence added or removed meanwhile cannot slip past
    // the "100% needs evidence" rule below.
    await tx.$executeRaw`SELECT 1 FROM "Report" WHERE "assignmentId" = ${assignment.id} AND "periodKey" = ${period.key} FOR UPDATE`;
    const existing = await tx.report.findUnique({
      where: { assignmentId_periodKey: { assignmentId: assignment.id, periodKey: period.key } },
      select: {
        id: true,
        version: true,
        status: true,
        progress: true,
        _count: { select: { evidence: { where: { deletedAt: null } } } },
      },
    });
    if (existing && existing.version !== input.version) throw new ConflictError(STALE);
    if (!existing && input.version !== 0) throw new ConflictError(STALE);
    if (existing && !editable(existing, recurrence)) {
      throw new ConflictError(
        existing.status === 'SUBMITTED'
          ? 'Báo cáo đã gửi và đang chờ duyệt: chưa thể sửa cho đến khi được duyệt hoặc trả lại.'
          : 'Báo cáo đã được duyệt hoàn thành: không sửa được nữa.',
      );
    }
    const evidenceCount = existing?._count.evidence ?? 0;
    if (
      submit &&
      input.progress === 100 &&
      assignment.task.evidenceRequired &&
      evidenceCount === 0 &&
      !input.noEvidenceReason
    ) {
      throw new FieldError(
        'noEvidenceReason',
        'Báo cáo hoàn thành 100% cần có tài liệu kiểm chứng. Hãy đính kèm tài liệu, hoặc giải trình vì sao không có.',
      );
    }

    const fields = {
      progress: input.progress,
      content: input.content,
      difficulties: input.difficulties,
      proposals: input.proposals,
      noEvidenceReason: input.noEvidenceReason,
      value: reportsIndicator ? (input.value ?? null) : null,
      ...(submit
        ? { status: 'SUBMITTED' as const, submittedAt: now, submittedById: user.id }
        : existing?.status === 'APPROVED'
          ? { status: 'DRAFT' as const }
          : {}),
    };
    let reportId: number;
    let version: number;
    if (existing) {
      const updated = await tx.report.updateMany({
        where: { id: existing.id, version: input.version },
        data: { ...fields, version: { increment: 1 } },
      });
      if (updated.count !== 1) throw new ConflictError(STALE);
      reportId = existing.id;
      version = input.version + 1;
    } else {
      try {
        const created = await tx.report.create({
          data: {
            assignmentId: assignment.id,
            periodKey: period.key,
            periodStart: period.start,
            periodEnd: period.end,
            createdById: user.id,
            status: submit ? 'SUBMITTED' : 'DRAFT',
            ...fields,
          },
          select: { id: true, version: true },
        });
        reportId = created.id;
        version = created.version;
      } catch (error) {
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
          throw new ConflictError(STALE);
        throw error;
      }
    }

    // A report exists: the unit has started. One-off tasks carry their latest submitted progress.
    await tx.assignment.update({
      where: { id: assignment.id },
      data: {
        startedAt: assignment.startedAt ?? now,
        ...(submit && !isRecurring(recurrence) ? { progress: input.progress } : {}),
      },
    });
    await audit(tx, {
      actorId: user.id,
      action: submit ? 'report.submitted' : 'report.draft_saved',
      entityType: 'Report',
      entityId: reportId,
      reportId,
      data: { progress: input.progress, version, ...(reportsIndicator ? { value: input.value ?? null } : {}) },
    });
    if (submit) {
      await notifyUsers(tx, await reviewerIds(tx, assignment.id), {
        kind: 'report.submitted',
        title: `${user.unitName} gửi báo cáo chờ duyệt`,
        body: assignment.task.title,
        link: `/reports/${reportId}`,
      });
    }
    return { reportId, version };
  });
}

/**
 * Approves or returns a submitted report. Only the reviewers the routing rule names may decide;
 * the decision names the version it was made on, so of two simultaneous decisions exactly one
 * counts and the other gets a clear message.
 */
export async function reviewReport(
  input: ReviewInput,
  { now = new Date() }: { now?: Date } = {},
): Promise<{ version: number }> {
  const user = await requirePermission('report:review');
  if (input.decision === 'return' && input.comment.trim().length < 5) {
    throw new FieldError('comment', 'Trả lại báo cáo phải nêu rõ lý do (ít nhất 5 ký tự).');
  }
  return getDb().$transaction(async (tx) => {
    const report = await tx.report.findFirst({
      where: { AND: [{ id: input.reportId }, reviewScope(user)] },
      select: {
        id: true,
        status: true,
        version: true,
        progress: true,
        submittedAt: true,
        createdById: true,
        assignment: { select: { id: true, unitId: true, task: { select: { title: true, recurrence: true } } } },
      },
    });
    if (!report) throw new NotFoundError();
    if (report.version !== input.version || report.status !== 'SUBMITTED') {
      throw new ConflictError(
        report.status === 'SUBMITTED'
          ? STALE
          : 'Báo cáo này đã được xử lý (duyệt hoặc trả lại) trước đó. Trạng thái mới nhất đã được tải lại.',
      );
    }
    const approve = input.decision === 'approve';
    const recurring = isRecurring(report.assignment.task.recurrence);
    const completes = approve && (recurring || report.progress === 100);
    const basis = await readSetting('completionBasis', tx);
    const completedAt = completes ? (basis === 'SUBMISSION' && report.submittedAt ? report.submittedAt : now) : null;

    const updated = await tx.report.updateMany({
      where: { id: report.id, version: input.version, status: 'SUBMITTED' },
      data: {
        status: approve ? 'APPROVED' : 'RETURNED',
        reviewedAt: now,
        reviewedById: user.id,
        reviewComment: input.comment || null,
        completedAt,
        version: { increment: 1 },
      },
    });
    if (updated.count !== 1)
      throw new ConflictError('Báo cáo này vừa được người khác xử lý. Trạng thái mới nhất đã được tải lại.');
    await tx.reportReview.create({
      data: {
        reportId: report.id,
        reviewerId: user.id,
        decision: approve ? 'APPROVED' : 'RETURNED',
        comment: input.comment || null,
        reportVersion: input.version,
      },
    });
    if (completes && !recurring) {
      await tx.assignment.update({
        where: { id: report.assignment.id },
        data: { completedAt, progress: report.progress },
      });
    }
    await audit(tx, {
      actorId: user.id,
      action: approve ? 'report.approved' : 'report.returned',
      entityType: 'Report',
      entityId: report.id,
      reportId: report.id,
      data: input.comment ? { comment: input.comment } : undefined,
    });
    await notifyUsers(tx, [report.createdById, ...(await unitMemberIds(tx, report.assignment.unitId))], {
      kind: approve ? 'report.approved' : 'report.returned',
      title: approve ? 'Báo cáo đã được duyệt' : 'Báo cáo bị trả lại, cần bổ sung',
      body: approve ? report.assignment.task.title : `${report.assignment.task.title} — Lý do: ${input.comment}`,
      link: `/reports/${report.id}`,
    });
    return { version: input.version + 1 };
  });
}

/**
 * The report of (assignment, period) of the signed-in user's unit, created as an empty draft if
 * there is none yet — so evidence can be attached before the first save. Refuses (not found) outside
 * the user's unit and (conflict) when the report is locked (submitted, or approved as complete).
 */
export async function ensureEditableReport(
  tx: Tx,
  { assignmentId, periodKey, now = new Date() }: { assignmentId: number; periodKey: string; now?: Date },
): Promise<{ reportId: number; version: number; created: boolean; userId: number }> {
  const user = await requirePermission('report:write');
  const assignment = await tx.assignment.findFirst({
    where: { id: assignmentId, unitId: user.unitId, task: { archivedAt: null } },
    select: { id: true, startedAt: true, task: { select: { recurrence: true } } },
  });
  if (!assignment) throw new NotFoundError();
  const period = resolvePeriod(assignment.task.recurrence, periodKey, vnDateOf(now));
  const existing = await tx.report.findUnique({
    where: { assignmentId_periodKey: { assignmentId, periodKey: period.key } },
    select: { id: true, version: true, status: true, progress: true },
  });
  if (existing) {
    if (!editable(existing, assignment.task.recurrence)) {
      throw new ConflictError('Báo cáo đã gửi hoặc đã được duyệt hoàn thành: không thêm, bớt tài liệu được nữa.');
    }
    return { reportId: existing.id, version: existing.version, created: false, userId: user.id };
  }
  const created = await tx.report.create({
    data: {
      assignmentId,
      periodKey: period.key,
      periodStart: period.start,
      periodEnd: period.end,
      createdById: user.id,
    },
    select: { id: true, version: true },
  });
  await tx.assignment.update({ where: { id: assignmentId }, data: { startedAt: assignment.startedAt ?? now } });
  return { reportId: created.id, version: created.version, created: true, userId: user.id };
}

export type { Tx };
