import 'server-only';
import { getDb, type Prisma } from '../db';
import { endOfDayVn, startOfDayVn } from '../domain/time';
import type { AuditFilterInput } from '../validation/audit';
import { requirePermission } from './guard';

/**
 * Reading the audit trail (administrators only). Filters: a user (what they did, or what was done
 * to their account), the unit of the event, the kind of event, a range of days in Vietnam. Newest
 * first, PAGE_SIZE at a time; the cursor is the id of the last event shown.
 */
export const AUDIT_PAGE_SIZE = 50;

export async function listAuditEvents(filter: AuditFilterInput) {
  await requirePermission('audit:read');
  const and: Prisma.AuditEventWhereInput[] = [];
  if (filter.userId)
    and.push({ OR: [{ actorId: filter.userId }, { entityType: 'User', entityId: String(filter.userId) }] });
  if (filter.unitId) and.push({ unitId: filter.unitId });
  if (filter.action) and.push({ action: filter.action });
  if (filter.from) and.push({ at: { gte: startOfDayVn(filter.from) } });
  if (filter.to) and.push({ at: { lt: endOfDayVn(filter.to) } });
  if (filter.cursor) and.push({ id: { lt: BigInt(filter.cursor) } });
  const rows = await getDb().auditEvent.findMany({
    where: { AND: and },
    orderBy: { id: 'desc' },
    take: AUDIT_PAGE_SIZE + 1,
    select: {
      id: true,
      at: true,
      action: true,
      entityType: true,
      entityId: true,
      data: true,
      ip: true,
      userAgent: true,
      actor: { select: { id: true, username: true, displayName: true } },
      unit: { select: { name: true } },
    },
  });
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  // The account an event is about, when it is about one (a reset, a failed sign-in).
  const userIds = [
    ...new Set(page.filter((r) => r.entityType === 'User' && /^\d+$/.test(r.entityId)).map((r) => Number(r.entityId))),
  ];
  const subjects = new Map(
    (await getDb().user.findMany({ where: { id: { in: userIds } }, select: { id: true, username: true } })).map((u) => [
      String(u.id),
      u.username,
    ]),
  );
  return {
    events: page.map((r) => ({
      ...r,
      id: r.id.toString(),
      subject: r.entityType === 'User' ? (subjects.get(r.entityId) ?? null) : null,
    })),
    nextCursor: rows.length > AUDIT_PAGE_SIZE ? page[page.length - 1]!.id.toString() : null,
  };
}

/** Choices for the filters: every user and every unit, active or not. */
export async function listAuditFilterOptions() {
  await requirePermission('audit:read');
  const [users, units] = await Promise.all([
    getDb().user.findMany({
      orderBy: [{ displayName: 'asc' }, { username: 'asc' }],
      select: { id: true, username: true, displayName: true },
    }),
    getDb().unit.findMany({
      orderBy: [{ kind: 'asc' }, { name: 'asc' }],
      select: { id: true, name: true, active: true },
    }),
  ]);
  return { users, units };
}
