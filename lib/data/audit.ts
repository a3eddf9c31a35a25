import 'server-only';
import type { Prisma } from '../db';

export type AuditAction =
  | 'report.draft_saved'
  | 'report.submitted'
  | 'report.approved'
  | 'report.returned'
  | 'evidence.added'
  | 'evidence.removed'
  | 'extension.requested'
  | 'extension.approved'
  | 'extension.rejected'
  | 'programme.created'
  | 'programme.imported'
  | 'programme.updated'
  | 'programme.archived'
  | 'programme.restored'
  | 'programme.deleted'
  | 'section.created'
  | 'section.updated'
  | 'section.moved'
  | 'section.deleted'
  | 'task.created'
  | 'task.updated'
  | 'task.moved'
  | 'task.archived'
  | 'task.restored'
  | 'task.deleted'
  | 'task.assignments_changed'
  | 'task.fanned_out'
  | 'unit.created'
  | 'unit.updated'
  | 'unit.deactivated'
  | 'unit.reactivated'
  | 'unit.merged'
  | 'unit.split'
  | 'user.created'
  | 'user.updated'
  | 'user.password_reset'
  | 'user.deactivated'
  | 'user.reactivated';

/** Appends one event to the audit trail (the table refuses updates and deletes). */
export async function audit(
  tx: Prisma.TransactionClient,
  event: { actorId: number; action: AuditAction; entityType: string; entityId: number | string; reportId?: number | null; data?: Prisma.InputJsonValue },
): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: event.actorId,
      action: event.action,
      entityType: event.entityType,
      entityId: String(event.entityId),
      reportId: event.reportId ?? null,
      data: event.data,
    },
  });
}
