import 'server-only';
import type { Prisma } from '../db';
import { extensionDeciderFor, reviewerFor, type Reviewer } from '../domain/review-routing';
import { queueNotificationEmails } from './email-outbox';

type Tx = Prisma.TransactionClient;
type Message = { kind: string; title: string; body?: string; link?: string };

/**
 * The one way a notification is written: in the caller's transaction, with the e-mail of each
 * recipient who wants one queued in the same transaction (lib/data/email-outbox.ts, decision 019).
 */
export async function notifyUsers(tx: Tx, userIds: number[], message: Message): Promise<void> {
  await notifyEach(tx, [{ userIds, message }]);
}

/**
 * Many messages, each to its own people, in one INSERT (a job that tells hundreds of units at
 * once): the same rows and e-mails as one `notifyUsers` per message.
 */
export async function notifyEach(tx: Tx, items: readonly { userIds: number[]; message: Message }[]): Promise<number> {
  const data = items.flatMap(({ userIds, message }) =>
    [...new Set(userIds)].map((userId) => ({
      userId,
      kind: message.kind,
      title: message.title,
      body: message.body ?? null,
      link: message.link ?? null,
    })),
  );
  if (data.length === 0) return 0;
  const created = await tx.notification.createManyAndReturn({
    data,
    select: { id: true, userId: true, title: true, body: true },
  });
  await queueNotificationEmails(tx, created);
  return created.length;
}

/** Everyone who works for a unit and may report for it. */
export async function unitMemberIds(tx: Tx, unitId: number): Promise<number[]> {
  const users = await tx.user.findMany({
    where: { unitId, active: true, role: { in: ['OFFICER', 'DEPARTMENT_HEAD'] } },
    select: { id: true },
  });
  return users.map((u) => u.id);
}

/** The active users a routing rule names: the chairmen, or the heads of one department. */
export async function userIdsOf(tx: Tx, who: Reviewer): Promise<number[]> {
  const users = await tx.user.findMany({
    where:
      who.kind === 'CHAIRMAN'
        ? { role: 'CHAIRMAN', active: true }
        : { role: 'DEPARTMENT_HEAD', unitId: who.unitId, active: true },
    select: { id: true },
  });
  return users.map((u) => u.id);
}

/**
 * The active users a rule of lib/domain/review-routing.ts names for this assignment: the
 * assignment's unit and role, its task's lead and the (active) standing office, read in one place.
 * Nobody without a standing office (a unit merger always hands the flag on, decision 006).
 */
async function routedUserIds(tx: Tx, assignmentId: number, rule: 'report' | 'extension'): Promise<number[]> {
  const a = await tx.assignment.findUniqueOrThrow({
    where: { id: assignmentId },
    select: {
      unitId: true,
      role: true,
      task: { select: { assignments: { where: { role: 'LEAD' }, select: { unitId: true } } } },
    },
  });
  const standingOffice = await tx.unit.findFirst({
    where: { isStandingOffice: true, active: true },
    select: { id: true },
  });
  if (!standingOffice) return [];
  const leadUnitId = a.task.assignments[0]?.unitId ?? null;
  const isLead = a.role === 'LEAD';
  const who =
    rule === 'report'
      ? reviewerFor({
          reportUnitId: a.unitId,
          reportIsLead: isLead,
          leadUnitId,
          standingOfficeUnitId: standingOffice.id,
        })
      : extensionDeciderFor({
          requestUnitId: a.unitId,
          requestIsLead: isLead,
          leadUnitId,
          standingOfficeUnitId: standingOffice.id,
        });
  return userIdsOf(tx, who);
}

/** Who decides on reports of this assignment (lib/domain/review-routing.ts `reviewerFor`). */
export function reviewerIds(tx: Tx, assignmentId: number): Promise<number[]> {
  return routedUserIds(tx, assignmentId, 'report');
}

/**
 * Who decides a deadline extension of this assignment when the lead's head decides (setting
 * LEAD_HEAD; lib/domain/review-routing.ts `extensionDeciderFor`).
 */
export function leadHeadDeciderIds(tx: Tx, assignmentId: number): Promise<number[]> {
  return routedUserIds(tx, assignmentId, 'extension');
}
