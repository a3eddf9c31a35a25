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
  | 'extension.rejected';

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
