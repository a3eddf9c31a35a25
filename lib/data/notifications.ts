import 'server-only';
import { sessionUnreadNotifications } from '../auth';
import { getDb } from '../db';
import { NotFoundError } from '../errors';
import { requirePermission } from './guard';

export async function countUnreadNotifications(): Promise<number> {
  const user = await requirePermission('work:read-own');
  // Read with the session in the same round trip (lib/auth.ts); counted here only without one.
  const withSession = await sessionUnreadNotifications(user.id);
  return withSession ?? getDb().notification.count({ where: { userId: user.id, readAt: null } });
}

export async function listNotifications() {
  const user = await requirePermission('work:read-own');
  return getDb().notification.findMany({
    where: { userId: user.id },
    orderBy: { createdAt: 'desc' },
    take: 100,
    select: { id: true, kind: true, title: true, body: true, link: true, readAt: true, createdAt: true },
  });
}

/** Marks one of the user's notifications read and returns where it points; not found if it is not theirs. */
export async function openNotification(notificationId: number, { now = new Date() } = {}): Promise<string> {
  const user = await requirePermission('work:read-own');
  const n = await getDb().notification.findFirst({
    where: { id: notificationId, userId: user.id },
    select: { id: true, link: true, readAt: true },
  });
  if (!n) throw new NotFoundError();
  if (!n.readAt) await getDb().notification.update({ where: { id: n.id }, data: { readAt: now } });
  return n.link && n.link.startsWith('/') && !n.link.startsWith('//') ? n.link : '/notifications';
}

export async function markNotificationsRead(ids: number[] | 'all', { now = new Date() } = {}): Promise<void> {
  const user = await requirePermission('work:read-own');
  await getDb().notification.updateMany({
    where: { userId: user.id, readAt: null, ...(ids === 'all' ? {} : { id: { in: ids } }) },
    data: { readAt: now },
  });
}
