import 'server-only';
import type { Prisma } from '../db';
import { reviewerFor } from '../domain/review-routing';

type Tx = Prisma.TransactionClient;
type Message = { kind: string; title: string; body?: string; link?: string };

export async function notifyUsers(tx: Tx, userIds: number[], message: Message): Promise<void> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  await tx.notification.createMany({
    data: unique.map((userId) => ({
      userId,
      kind: message.kind,
      title: message.title,
      body: message.body ?? null,
      link: message.link ?? null,
    })),
  });
}

/** Everyone who works for a unit and may report for it. */
export async function unitMemberIds(tx: Tx, unitId: number): Promise<number[]> {
  const users = await tx.user.findMany({
    where: { unitId, active: true, role: { in: ['OFFICER', 'DEPARTMENT_HEAD'] } },
    select: { id: true },
  });
  return users.map((u) => u.id);
}

/** Who decides on reports of this assignment (lib/domain/review-routing.ts). */
export async function reviewerIds(tx: Tx, assignmentId: number): Promise<number[]> {
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
  const reviewer = reviewerFor({
    reportUnitId: a.unitId,
    reportIsLead: a.role === 'LEAD',
    leadUnitId: a.task.assignments[0]?.unitId ?? null,
    standingOfficeUnitId: standingOffice.id,
  });
  const users = await tx.user.findMany({
    where:
      reviewer.kind === 'CHAIRMAN'
        ? { role: 'CHAIRMAN', active: true }
        : { role: 'DEPARTMENT_HEAD', unitId: reviewer.unitId, active: true },
    select: { id: true },
  });
  return users.map((u) => u.id);
}
