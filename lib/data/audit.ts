import 'server-only';
import { headers } from 'next/headers';
import { clientInfoFrom, type ClientInfo } from '../client-info';
import type { Prisma } from '../db';
import type { AuditAction } from '../domain/audit-actions';

export type { AuditAction } from '../domain/audit-actions';

/** The client of the request being served, or nulls outside a request (scripts, tests). */
export async function requestClientInfo(): Promise<ClientInfo> {
  try {
    return clientInfoFrom(await headers());
  } catch {
    return { ip: null, userAgent: null };
  }
}

/**
 * Appends one event to the audit trail (the table refuses updates and deletes), with the client
 * address and user agent of the request (or `client` when given) and the unit of the actor (or
 * `unitId` when given). Never put a password or a hash in `data`.
 */
export async function audit(
  tx: Prisma.TransactionClient,
  event: {
    actorId: number | null;
    action: AuditAction;
    entityType: string;
    entityId: number | string;
    reportId?: number | null;
    data?: Prisma.InputJsonValue;
    unitId?: number | null;
    client?: ClientInfo;
  },
): Promise<void> {
  const client = event.client ?? (await requestClientInfo());
  let unitId = event.unitId;
  if (unitId === undefined) {
    unitId =
      event.actorId === null
        ? null
        : ((await tx.user.findUnique({ where: { id: event.actorId }, select: { unitId: true } }))?.unitId ?? null);
  }
  await tx.auditEvent.create({
    data: {
      actorId: event.actorId,
      action: event.action,
      entityType: event.entityType,
      entityId: String(event.entityId),
      reportId: event.reportId ?? null,
      data: event.data,
      unitId,
      ip: client.ip,
      userAgent: client.userAgent,
    },
  });
}
