import 'server-only';
import { getDb, Prisma } from '../db';
import { VN_TIME_ZONE } from '../domain/time';
import { NotFoundError } from '../errors';
import { dueSoonLimit } from './calendar';
import { queueNotificationEmails } from './email-outbox';
import { requirePermission } from './guard';
import { slotsAtCte } from './status-sql';

export async function countUnreadNotifications(): Promise<number> {
  const user = await requirePermission('work:read-own');
  return getDb().notification.count({ where: { userId: user.id, readAt: null } });
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

/**
 * The deadline reminders — a system job, not a user action (scheduled hourly by
 * lib/jobs/registry.ts). For every open slot that is due within DUE_SOON_DAYS working days
 * ("Sắp đến hạn", lib/domain/status.ts and lib/data/calendar.ts, decision 015) or overdue (the
 * official rule in SQL, lib/data/status-sql.ts), each officer and head of the unit gets one
 * notification per slot and deadline: "Sắp đến hạn" once, "Quá hạn" once.
 * One INSERT … SELECT, idempotent: running it again adds nothing; the e-mails of the new ones are
 * queued in the same transaction (lib/data/email-outbox.ts, decision 019).
 */
export async function generateDeadlineNotifications(now = new Date()): Promise<number> {
  // "Sắp đến hạn" counts working days (decision 015): the last deadline that is due soon today.
  const soonUntil = await dueSoonLimit(now);
  return getDb().$transaction(
    async (tx) => {
      const created = await tx.$queryRaw<
        { id: number; userId: number; title: string; body: string | null }[]
      >(Prisma.sql`
    WITH ${slotsAtCte([now])},
    due AS (
      SELECT s.assignment_id, s.unit_id, s.due,
             CASE WHEN s.status = 'IN_PROGRESS_OVERDUE' THEN 'deadline.overdue' ELSE 'deadline.soon' END AS kind
      FROM slots s
      WHERE s.due IS NOT NULL AND s.completed IS NULL
        AND (s.status = 'IN_PROGRESS_OVERDUE'
             OR s.due BETWEEN (${now}::timestamptz AT TIME ZONE ${VN_TIME_ZONE}::text)::date AND ${soonUntil}::date)
    ),
    messages AS (
      SELECT u.id AS user_id, d.kind,
             CASE WHEN d.kind = 'deadline.overdue' THEN 'Nhiệm vụ đã quá hạn ' ELSE 'Nhiệm vụ sắp đến hạn ' END || to_char(d.due, 'DD/MM/YYYY') AS title,
             t.title AS body,
             '/assignments/' || d.assignment_id AS link
      FROM due d
      JOIN "Assignment" a ON a.id = d.assignment_id
      JOIN "Task" t ON t.id = a."taskId"
      JOIN "User" u ON u."unitId" = d.unit_id AND u.active AND u.role IN ('OFFICER', 'DEPARTMENT_HEAD')
    )
    INSERT INTO "Notification" ("userId", kind, title, body, link, "createdAt")
    SELECT m.user_id, m.kind, m.title, m.body, m.link, ${now}
    FROM messages m
    WHERE NOT EXISTS (
      SELECT 1 FROM "Notification" n
      WHERE n."userId" = m.user_id AND n.kind = m.kind AND n.link = m.link AND n.title = m.title
    )
    RETURNING "id", "userId", "title", "body"`);
      await queueNotificationEmails(tx, created);
      return created.length;
    },
    // The INSERT … SELECT reads every open slot: it may outlast an interactive transaction's 5 s default.
    { timeout: 120_000, maxWait: 60_000 },
  );
}
