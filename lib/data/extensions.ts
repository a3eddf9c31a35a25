import 'server-only';
import { getDb, type Prisma } from '../db';
import { ConflictError, FieldError, NotFoundError } from '../errors';
import type { Recurrence } from '../domain/periods';
import { formatDateVn, fromDbDate, toDbDate, vnDateOf } from '../domain/time';
import { can, type SessionUser } from '../permissions';
import type { ExtensionDecisionInput, ExtensionRequestInput } from '../validation/extension';
import { audit } from './audit';
import { requirePermission } from './guard';
import { readAssignment } from './assignment-read';
import { leadHeadDeciderIds, notifyUsers, unitMemberIds, userIdsOf } from './notify';
import { readSetting } from './settings';

type Tx = Prisma.TransactionClient;

/**
 * The requests a user decides (setting `extensionApprover`): all of them for the chairman (default),
 * or, with LEAD_HEAD, the rule `extensionDeciderFor` of lib/domain/review-routing.ts as a filter.
 */
async function deciderScope(tx: Tx, user: SessionUser): Promise<Prisma.DeadlineExtensionWhereInput | null> {
  const approver = await readSetting('extensionApprover', tx);
  if (approver === 'CHAIRMAN') return user.role === 'CHAIRMAN' ? {} : null;
  if (user.role === 'CHAIRMAN') {
    return {
      OR: [
        { assignment: { role: 'LEAD' } },
        { assignment: { unit: { isStandingOffice: true }, task: { assignments: { none: { role: 'LEAD' } } } } },
      ],
    };
  }
  if (user.role !== 'DEPARTMENT_HEAD') return null;
  const routes: Prisma.DeadlineExtensionWhereInput[] = [
    { assignment: { role: { not: 'LEAD' }, task: { assignments: { some: { role: 'LEAD', unitId: user.unitId } } } } },
  ];
  if (user.isStandingOffice) {
    routes.push({ assignment: { unitId: { not: user.unitId }, task: { assignments: { none: { role: 'LEAD' } } } } });
  }
  return { OR: routes };
}

/** Who is told of a new request: exactly the users `deciderScope` lets decide it. */
async function deciderIds(tx: Tx, assignmentId: number): Promise<number[]> {
  const approver = await readSetting('extensionApprover', tx);
  return approver === 'CHAIRMAN' ? userIdsOf(tx, { kind: 'CHAIRMAN' }) : leadHeadDeciderIds(tx, assignmentId);
}

type RequestFacts = {
  dueDate: Date | null;
  completedAt: Date | null;
  task: { recurrence: Recurrence };
  extensions: { status: string }[];
};

/**
 * Why this assignment's unit may not ask for a later deadline now, or null: only a one-off task
 * with a deadline, not yet completed, without a request awaiting a decision. The one rule for
 * requestExtension and for the assignment page's "Đề nghị gia hạn" form.
 */
function requestRefusal(a: RequestFacts): string | null {
  if (a.task.recurrence !== 'ONCE' || !a.dueDate) return 'Chỉ gia hạn được nhiệm vụ có thời hạn cụ thể.';
  if (a.completedAt) return 'Nhiệm vụ đã hoàn thành, không cần gia hạn.';
  if (a.extensions.some((e) => e.status === 'PENDING')) return 'Đã có một đề nghị gia hạn đang chờ quyết định.';
  return null;
}

/** An officer asks for a later deadline for their unit's one-off assignment. */
export async function requestExtension(
  input: ExtensionRequestInput,
  { now = new Date() } = {},
): Promise<{ extensionId: number }> {
  const user = await requirePermission('extension:request');
  return getDb().$transaction(async (tx) => {
    const a = await tx.assignment.findFirst({
      where: { id: input.assignmentId, unitId: user.unitId },
      select: {
        id: true,
        dueDate: true,
        completedAt: true,
        task: { select: { title: true, recurrence: true } },
        extensions: { where: { status: 'PENDING' }, select: { status: true } },
      },
    });
    if (!a) throw new NotFoundError();
    const refusal = requestRefusal(a);
    if (refusal) throw new ConflictError(refusal);
    const current = fromDbDate(a.dueDate!);
    if (input.requestedDueDate <= current)
      throw new FieldError(
        'requestedDueDate',
        `Thời hạn đề nghị phải sau thời hạn hiện tại (${formatDateVn(current)}).`,
      );
    if (input.requestedDueDate <= vnDateOf(now))
      throw new FieldError('requestedDueDate', 'Thời hạn đề nghị phải sau hôm nay.');
    const ext = await tx.deadlineExtension.create({
      data: {
        assignmentId: a.id,
        previousDueDate: a.dueDate,
        requestedDueDate: toDbDate(input.requestedDueDate),
        reason: input.reason,
        requestedById: user.id,
      },
      select: { id: true },
    });
    await audit(tx, {
      actorId: user.id,
      action: 'extension.requested',
      entityType: 'Assignment',
      entityId: a.id,
      data: { from: current, to: input.requestedDueDate, reason: input.reason },
    });
    await notifyUsers(tx, await deciderIds(tx, a.id), {
      kind: 'extension.requested',
      title: `${user.unitName} đề nghị gia hạn đến ${formatDateVn(input.requestedDueDate)}`,
      body: a.task.title,
      link: '/extensions',
    });
    return { extensionId: ext.id };
  });
}

/** The chairman (or the lead head, per setting) approves or refuses. The original deadline stays. */
export async function decideExtension(input: ExtensionDecisionInput, { now = new Date() } = {}): Promise<void> {
  const user = await requirePermission('extension:decide');
  await getDb().$transaction(async (tx) => {
    const scope = await deciderScope(tx, user);
    if (!scope) throw new NotFoundError();
    const ext = await tx.deadlineExtension.findFirst({
      where: { AND: [{ id: input.extensionId }, scope] },
      select: {
        id: true,
        status: true,
        requestedDueDate: true,
        assignment: { select: { id: true, unitId: true, task: { select: { title: true } } } },
      },
    });
    if (!ext) throw new NotFoundError();
    const approve = input.decision === 'approve';
    const updated = await tx.deadlineExtension.updateMany({
      where: { id: ext.id, status: 'PENDING' },
      data: {
        status: approve ? 'APPROVED' : 'REJECTED',
        decidedById: user.id,
        decidedAt: now,
        decisionComment: input.comment || null,
      },
    });
    if (updated.count !== 1) throw new ConflictError('Đề nghị này đã được quyết định trước đó.');
    if (approve)
      await tx.assignment.update({ where: { id: ext.assignment.id }, data: { dueDate: ext.requestedDueDate } });
    await audit(tx, {
      actorId: user.id,
      action: approve ? 'extension.approved' : 'extension.rejected',
      entityType: 'Assignment',
      entityId: ext.assignment.id,
      data: { to: fromDbDate(ext.requestedDueDate), comment: input.comment || undefined },
    });
    await notifyUsers(tx, await unitMemberIds(tx, ext.assignment.unitId), {
      kind: approve ? 'extension.approved' : 'extension.rejected',
      title: approve ? `Đồng ý gia hạn đến ${formatDateVn(fromDbDate(ext.requestedDueDate))}` : 'Không đồng ý gia hạn',
      body: input.comment ? `${ext.assignment.task.title} — ${input.comment}` : ext.assignment.task.title,
      link: `/assignments/${ext.assignment.id}`,
    });
  });
}

/** Pending requests this user decides on, oldest first. */
export async function listPendingExtensions() {
  const user = await requirePermission('extension:decide');
  const scope = await deciderScope(getDb(), user);
  if (!scope) return [];
  return getDb().deadlineExtension.findMany({
    where: { AND: [{ status: 'PENDING' }, scope] },
    orderBy: { createdAt: 'asc' },
    select: {
      id: true,
      reason: true,
      previousDueDate: true,
      requestedDueDate: true,
      createdAt: true,
      requestedBy: { select: { displayName: true } },
      assignment: {
        select: {
          id: true,
          unit: { select: { name: true } },
          task: {
            select: {
              number: true,
              title: true,
              section: { select: { numeral: true } },
              programme: { select: { title: true, documentNumber: true } },
            },
          },
        },
      },
    },
  });
}

/**
 * The extension history of an assignment, for those who may see the assignment, and whether this
 * user may ask for one now (what requestExtension would accept).
 */
export async function getExtensions(assignmentId: number) {
  const { user, assignment: a } = await readAssignment(assignmentId);
  // No request ever made (read with the assignment): nothing to fetch.
  const history = !a.has.extensions
    ? []
    : await getDb().deadlineExtension.findMany({
        where: { assignmentId: a.id },
        orderBy: { createdAt: 'desc' },
        select: {
          id: true,
          status: true,
          reason: true,
          previousDueDate: true,
          requestedDueDate: true,
          createdAt: true,
          decidedAt: true,
          decisionComment: true,
          requestedBy: { select: { displayName: true } },
          decidedBy: { select: { displayName: true } },
        },
      });
  const mayRequest =
    can(user, 'extension:request') &&
    a.unit.id === user.unitId &&
    requestRefusal({ ...a, extensions: history }) === null;
  return { history, mayRequest };
}
