import 'server-only';
import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { getDb, Prisma } from '../db';
import { digestEmail, digestSlot, maskAddress, nextAttemptAfterFailure, notificationEmail } from '../domain/email';
import { ConflictError, NotFoundError } from '../errors';
import { env } from '../env';
import { log } from '../log';
import { audit } from './audit';
import { requirePermission } from './guard';

/**
 * E-mail (decision 019): the outbox and its sender.
 *
 * - Writing: every writer of notifications calls `queueNotificationEmails` in its own transaction
 *   (lib/data/notify.ts `notifyUsers`, the deadline reminders): one EmailMessage per recipient who
 *   has an address and chose "each notification". A rolled-back write queues nothing; a committed
 *   one loses nothing. Without SMTP_URL nothing is queued and nothing else changes.
 * - The daily digest (`queueDailyDigests`, 07:00) queues one message per "daily digest" user with
 *   the unread notifications since their previous digest.
 * - Sending (`sendDueEmails`): claims due messages (SKIP LOCKED, so instances never share one),
 *   sends them with nodemailer, marks each SENT, or schedules a retry with back-off
 *   (lib/domain/email.ts), or FAILED after the last attempt or a permanent refusal. Run by the job
 *   queue every few minutes and at once when a message is queued (NOTIFY email_outbox at commit,
 *   lib/jobs/runner.ts). Delivery is at-least-once: an instance that dies between the server's
 *   acceptance and the SENT mark sends that message again after the lease.
 */

type Tx = Prisma.TransactionClient;

/** A claimed message is not claimed again for this long (the send's own time-outs are shorter). */
const LEASE_MS = 5 * 60_000;
const BATCH = 50;
/** Messages one run sends at most; the next run (or wake) sends the rest. */
const MAX_PER_RUN = 1_000;
/** Notifications one digest lists at most (newest first). */
const DIGEST_MAX_ITEMS = 100;

export function emailConfigured(): boolean {
  const e = env();
  return Boolean(e.SMTP_URL && e.MAIL_FROM);
}

/** The app's public origin for links in e-mails: NEXTAUTH_URL, else this instance's own port. */
export function publicOrigin(): string {
  const e = env();
  if (e.NEXTAUTH_URL) return new URL(e.NEXTAUTH_URL).origin;
  return `http://localhost:${e.PORT ?? 3000}`;
}

type NewNotification = { id: number; userId: number; title: string; body: string | null };

/**
 * Queues the e-mail of each new notification whose recipient wants one, in the caller's
 * transaction. Returns how many were queued.
 */
export async function queueNotificationEmails(tx: Tx, notifications: readonly NewNotification[]): Promise<number> {
  if (notifications.length === 0 || !emailConfigured()) return 0;
  const recipients = await tx.user.findMany({
    where: {
      id: { in: [...new Set(notifications.map((n) => n.userId))] },
      active: true,
      email: { not: null },
      emailPreference: 'EACH',
    },
    select: { id: true, email: true, displayName: true },
  });
  if (recipients.length === 0) return 0;
  const byId = new Map(recipients.map((u) => [u.id, u]));
  const origin = publicOrigin();
  const data = notifications.flatMap((n) => {
    const user = byId.get(n.userId);
    if (!user?.email) return [];
    return [
      {
        userId: user.id,
        kind: 'notification',
        notificationId: n.id,
        to: user.email,
        ...notificationEmail(user, n, origin),
      },
    ];
  });
  if (data.length > 0) await tx.emailMessage.createMany({ data });
  return data.length;
}

/**
 * The daily digest: for each active user with an address who chose it, one message listing their
 * unread notifications created since their previous digest (the past day for the first one). At
 * most one per user per day, whoever calls it (the 07:00 job, a catch-up, the external cron).
 */
export async function queueDailyDigests(now = new Date()): Promise<{ digests: number; users: number }> {
  if (!emailConfigured()) return { digests: 0, users: 0 };
  const db = getDb();
  const slot = digestSlot(now);
  const users = await db.user.findMany({
    where: {
      active: true,
      email: { not: null },
      emailPreference: 'DAILY_DIGEST',
      OR: [{ emailDigestUntil: null }, { emailDigestUntil: { lt: slot } }],
    },
    select: { id: true, email: true, displayName: true, emailDigestUntil: true },
    orderBy: { id: 'asc' },
  });
  const origin = publicOrigin();
  let digests = 0;
  for (const user of users) {
    const queued = await db.$transaction(async (tx) => {
      // The claim: another instance that read the same emailDigestUntil updates nothing and stops.
      const claimed = await tx.user.updateMany({
        where: { id: user.id, emailDigestUntil: user.emailDigestUntil },
        data: { emailDigestUntil: now },
      });
      if (claimed.count === 0) return false;
      const since = user.emailDigestUntil ?? new Date(now.getTime() - 24 * 3_600_000);
      const items = await tx.notification.findMany({
        where: { userId: user.id, readAt: null, createdAt: { gt: since, lte: now } },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: DIGEST_MAX_ITEMS,
        select: { id: true, title: true, body: true, createdAt: true },
      });
      if (items.length === 0 || !user.email) return false;
      await tx.emailMessage.create({
        data: { userId: user.id, kind: 'digest', to: user.email, ...digestEmail(user, items, now, origin) },
      });
      return true;
    });
    if (queued) digests += 1;
  }
  return { digests, users: users.length };
}

const globalMail = globalThis as unknown as { dondocMail?: { url: string; transport: nodemailer.Transporter } };

/** One SMTP transport per process and SMTP_URL. */
function transport(url: string): nodemailer.Transporter {
  if (globalMail.dondocMail?.url !== url) {
    globalMail.dondocMail?.transport.close();
    const options: SMTPTransport.Options = {
      url,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 60_000,
    };
    globalMail.dondocMail = { url, transport: nodemailer.createTransport(options) };
  }
  return globalMail.dondocMail.transport;
}

/** What is kept of a failed attempt: the server's answer or the error's code, short, no secrets. */
function failureText(error: unknown): { text: string; responseCode: number | undefined } {
  const e = (error ?? {}) as { responseCode?: unknown; code?: unknown; response?: unknown; message?: unknown };
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const detail =
    typeof e.response === 'string' ? e.response : typeof e.message === 'string' ? e.message : String(error);
  const code = typeof e.code === 'string' ? `${e.code}: ` : '';
  return { text: `${code}${detail}`.replace(/\s+/g, ' ').slice(0, 300), responseCode };
}

export type SendSummary = { sent: number; retrying: number; failed: number };

/** Sends the messages that are due. Safe to run on many instances at once. */
export async function sendDueEmails({ now }: { now?: Date } = {}): Promise<SendSummary> {
  const summary: SendSummary = { sent: 0, retrying: 0, failed: 0 };
  const e = env();
  if (!e.SMTP_URL || !e.MAIL_FROM) return summary;
  const db = getDb();
  const mailer = transport(e.SMTP_URL);
  for (let done = 0; done < MAX_PER_RUN;) {
    const at = now ?? new Date();
    const claimed = await db.$queryRaw<
      { id: number; to: string; subject: string; text: string; html: string; attempts: number }[]
    >(Prisma.sql`
      UPDATE "EmailMessage" SET "attempts" = "attempts" + 1, "nextAttemptAt" = ${new Date(at.getTime() + LEASE_MS)}
      WHERE "id" IN (
        SELECT "id" FROM "EmailMessage"
        WHERE "status" = 'PENDING' AND "nextAttemptAt" <= ${at}
        ORDER BY "nextAttemptAt", "id"
        LIMIT ${BATCH}
        FOR UPDATE SKIP LOCKED)
      RETURNING "id", "to", "subject", "text", "html", "attempts"`);
    if (claimed.length === 0) break;
    done += claimed.length;
    for (const m of claimed) {
      try {
        await mailer.sendMail({ from: e.MAIL_FROM, to: m.to, subject: m.subject, text: m.text, html: m.html });
        await db.emailMessage.update({
          where: { id: m.id },
          data: { status: 'SENT', sentAt: new Date(), lastError: null },
        });
        summary.sent += 1;
      } catch (error) {
        const failure = failureText(error);
        const next = nextAttemptAfterFailure(m.attempts, now ?? new Date(), failure.responseCode);
        await db.emailMessage.update({
          where: { id: m.id },
          data: next
            ? { status: 'PENDING', nextAttemptAt: next, lastError: failure.text }
            : { status: 'FAILED', lastError: failure.text },
        });
        if (next) summary.retrying += 1;
        else summary.failed += 1;
        // The id and the server's code only: never the address, the message or the SMTP URL.
        log().warn(
          { emailId: m.id, attempts: m.attempts, responseCode: failure.responseCode, willRetry: next !== null },
          'e-mail not delivered',
        );
      }
    }
    if (claimed.length < BATCH) break;
  }
  return summary;
}

// ───────────────────────────── The administrator's view (decision 023) ─────────────────────────────

/**
 * E-mails that did not go out: failed for good, or waiting to be retried after a failed attempt
 * (newest first, at most 200). The address is masked (maskAddress), the server's answer shown as
 * kept in `lastError` (never a password: the sender keeps only the SMTP code and text).
 */
export async function listUndeliveredEmails() {
  await requirePermission('audit:read');
  const where: Prisma.EmailMessageWhereInput = {
    OR: [{ status: 'FAILED' }, { status: 'PENDING', attempts: { gt: 0 } }],
  };
  const db = getDb();
  const [rows, failed, retrying] = await Promise.all([
    db.emailMessage.findMany({
      where,
      orderBy: { id: 'desc' },
      take: 200,
      select: {
        id: true,
        kind: true,
        to: true,
        subject: true,
        status: true,
        attempts: true,
        nextAttemptAt: true,
        lastError: true,
        createdAt: true,
        user: { select: { displayName: true } },
      },
    }),
    db.emailMessage.count({ where: { status: 'FAILED' } }),
    db.emailMessage.count({ where: { status: 'PENDING', attempts: { gt: 0 } } }),
  ]);
  return {
    failed,
    retrying,
    messages: rows.map((m) => ({
      id: m.id,
      kind: m.kind,
      to: maskAddress(m.to),
      recipient: m.user.displayName,
      subject: m.subject,
      status: m.status as 'FAILED' | 'PENDING',
      attempts: m.attempts,
      nextAttemptAt: m.status === 'PENDING' ? m.nextAttemptAt : null,
      reason: m.lastError,
      createdAt: m.createdAt,
    })),
  };
}

/**
 * "Gửi lại": a failed message goes back to the queue with a fresh round of attempts, sent at once
 * (the wake is NOTIFY at commit, as for a new message). Audited; only FAILED messages qualify.
 */
export async function resendFailedEmail(emailId: number, { now = new Date() }: { now?: Date } = {}) {
  const user = await requirePermission('audit:read');
  return getDb().$transaction(async (tx) => {
    const updated = await tx.emailMessage.updateMany({
      where: { id: emailId, status: 'FAILED' },
      data: { status: 'PENDING', attempts: 0, nextAttemptAt: now },
    });
    if (updated.count === 0) {
      const exists = await tx.emailMessage.findUnique({ where: { id: emailId }, select: { status: true } });
      if (!exists) throw new NotFoundError();
      throw new ConflictError(
        exists.status === 'SENT' ? 'Thư này đã được gửi đi.' : 'Thư này đang chờ gửi lại: không cần gửi lại lần nữa.',
      );
    }
    await tx.$executeRaw`SELECT pg_notify('email_outbox', '')`;
    await audit(tx, { actorId: user.id, action: 'email.resent', entityType: 'EmailMessage', entityId: emailId });
  });
}
