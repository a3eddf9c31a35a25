/**
 * E-mail (decision 019), pure: the Vietnamese messages (plain text and simple HTML) for one
 * notification and for the daily digest, and the delivery back-off. No I/O: the outbox and the
 * sender are lib/data/email-outbox.ts.
 */
import { addDays, formatDateTimeVn, formatDateVn, startOfDayVn, vnDateOf } from './time';

export const EMAIL_PREFERENCES = ['OFF', 'EACH', 'DAILY_DIGEST'] as const;
export type EmailPreference = (typeof EMAIL_PREFERENCES)[number];

export const EMAIL_PREFERENCE_LABELS: Record<EmailPreference, string> = {
  OFF: 'Không nhận thư',
  EACH: 'Mỗi thông báo một thư',
  DAILY_DIGEST: 'Một thư tổng hợp mỗi sáng (7 giờ)',
};

/** Where the recipient changes how they get e-mail (the account page). */
export const EMAIL_SETTINGS_PATH = '/account/email';

/**
 * Minutes to wait after the n-th failed attempt (1-based); after the last, the message is FAILED.
 * The sender sweeps every 5 minutes (lib/jobs/registry.ts), so a retry runs at the first sweep
 * after its delay: in all about 10 hours of trying.
 */
export const RETRY_DELAYS_MINUTES = [5, 15, 60, 180, 360] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MINUTES.length + 1;

/**
 * After a failed attempt: when to try again, or null to give up. A permanent refusal (SMTP 5xx:
 * no such mailbox, sender refused) is not retried; a temporary one (4xx, a connection that failed)
 * is, after RETRY_DELAYS_MINUTES.
 */
export function nextAttemptAfterFailure(
  attempts: number,
  failedAt: Date,
  responseCode: number | undefined,
): Date | null {
  if (responseCode !== undefined && responseCode >= 500 && responseCode < 600) return null;
  if (attempts >= MAX_ATTEMPTS) return null;
  const minutes = RETRY_DELAYS_MINUTES[Math.max(0, attempts - 1)]!;
  return new Date(failedAt.getTime() + minutes * 60_000);
}

/** The hour (Asia/Ho_Chi_Minh) of the daily digest; the job's cron says the same. */
export const DIGEST_HOUR = 7;

/** The digest slot an instant belongs to: the latest 07:00 in Việt Nam at or before it. */
export function digestSlot(now: Date): Date {
  const today = vnDateOf(now);
  const at = new Date(startOfDayVn(today).getTime() + DIGEST_HOUR * 3_600_000);
  return at.getTime() <= now.getTime()
    ? at
    : new Date(startOfDayVn(addDays(today, -1)).getTime() + DIGEST_HOUR * 3_600_000);
}

export type RenderedEmail = { subject: string; text: string; html: string };

type NotificationItem = { id: number; title: string; body: string | null; createdAt: Date };

const SUBJECT_PREFIX = '[Đôn đốc]';
const SUBJECT_MAX = 180;

/** One line, no control characters, bounded: a header, not a paragraph. */
function oneLine(text: string, max = SUBJECT_MAX): string {
  const line = text.replace(/[\p{Cc}\s]+/gu, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function openUrl(origin: string, notificationId: number): string {
  return `${origin}/notifications/${notificationId}`;
}

function footer(origin: string): { text: string; html: string } {
  const settings = `${origin}${EMAIL_SETTINGS_PATH}`;
  return {
    text: `--\nThư tự động của hệ thống Đôn đốc, xin đừng trả lời thư này.\nĐổi cách nhận thư: ${settings}`,
    html:
      `<p style="color:#475569;font-size:13px;border-top:1px solid #cbd5e1;padding-top:8px">` +
      `Thư tự động của hệ thống Đôn đốc, xin đừng trả lời thư này. ` +
      `<a href="${escapeHtml(settings)}">Đổi cách nhận thư</a></p>`,
  };
}

function page(inner: string): string {
  return (
    `<!doctype html><html lang="vi"><head><meta charset="utf-8"></head>` +
    `<body style="font-family:Arial,sans-serif;font-size:15px;color:#0f172a;max-width:640px">${inner}</body></html>`
  );
}

/** The e-mail of one notification. `origin`: the app's public origin (NEXTAUTH_URL), no trailing slash. */
export function notificationEmail(
  recipient: { displayName: string },
  n: Omit<NotificationItem, 'createdAt'>,
  origin: string,
): RenderedEmail {
  const url = openUrl(origin, n.id);
  const end = footer(origin);
  const body = n.body?.trim() ? n.body.trim() : null;
  return {
    subject: `${SUBJECT_PREFIX} ${oneLine(n.title)}`,
    text: [
      `Kính gửi ${recipient.displayName},`,
      '',
      n.title,
      ...(body ? [body] : []),
      '',
      `Xem chi tiết: ${url}`,
      '',
      end.text,
    ].join('\n'),
    html: page(
      `<p>Kính gửi ${escapeHtml(recipient.displayName)},</p>` +
        `<p><strong>${escapeHtml(n.title)}</strong>${body ? `<br>${escapeHtml(body)}` : ''}</p>` +
        `<p><a href="${escapeHtml(url)}">Xem chi tiết</a></p>` +
        end.html,
    ),
  };
}

/** The daily digest: the unread notifications of the past day, newest first. */
export function digestEmail(
  recipient: { displayName: string },
  items: readonly NotificationItem[],
  at: Date,
  origin: string,
): RenderedEmail {
  const end = footer(origin);
  const count = `${items.length} thông báo chưa đọc`;
  return {
    subject: `${SUBJECT_PREFIX} Tổng hợp ngày ${formatDateVn(at)}: ${count}`,
    text: [
      `Kính gửi ${recipient.displayName},`,
      '',
      `Bạn có ${count}:`,
      '',
      ...items.flatMap((n, i) => [
        `${i + 1}. ${n.title} (${formatDateTimeVn(n.createdAt)})`,
        ...(n.body?.trim() ? [`   ${oneLine(n.body, 500)}`] : []),
        `   ${openUrl(origin, n.id)}`,
      ]),
      '',
      `Tất cả thông báo: ${origin}/notifications`,
      '',
      end.text,
    ].join('\n'),
    html: page(
      `<p>Kính gửi ${escapeHtml(recipient.displayName)},</p><p>Bạn có ${count}:</p><ol>` +
        items
          .map(
            (n) =>
              `<li style="margin-bottom:8px"><a href="${escapeHtml(openUrl(origin, n.id))}">${escapeHtml(n.title)}</a>` +
              ` <span style="color:#475569">(${escapeHtml(formatDateTimeVn(n.createdAt))})</span>` +
              (n.body?.trim() ? `<br>${escapeHtml(oneLine(n.body, 500))}` : '') +
              `</li>`,
          )
          .join('') +
        `</ol><p><a href="${escapeHtml(`${origin}/notifications`)}">Tất cả thông báo</a></p>` +
        end.html,
    ),
  };
}

/**
 * An address as the administrator's outbox view shows it: enough to recognise whose it is and to
 * see a mistyped domain, not enough to copy (decision 023): "nguyenvana@hatinh.gov.vn" →
 * "n••••••••a@hatinh.gov.vn"; a local part of one or two characters keeps only its first.
 */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0) return '•••';
  const local = Array.from(address.slice(0, at));
  const domain = address.slice(at + 1);
  const hidden =
    local.length <= 2 ? `${local[0]}•••` : `${local[0]}${'•'.repeat(Math.min(local.length - 2, 8))}${local.at(-1)}`;
  return `${hidden}@${domain}`;
}
