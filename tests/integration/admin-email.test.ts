/**
 * The administrator's view of undelivered e-mail (decision 023): failed and retrying messages with
 * the address masked, the reason, attempts and next try; "Gửi lại" puts a failed one back in the
 * queue and the sender then delivers it to a local SMTP server.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { actAs, currentUser } from '../support/as-user';
import { form, outcomeOf } from '../support/outcome';
import { startSmtp, type LocalSmtp } from '../support/smtp';

vi.mock('../../lib/auth', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  getCurrentUser: async () => currentUser(),
}));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
process.env.LOG_LEVEL = 'silent';
process.env.NEXTAUTH_URL = 'https://dondoc.example.vn';

const { getDb } = await import('../../lib/db');
const { INITIAL_STATE } = await import('../../lib/action-state');
const { listUndeliveredEmails, resendFailedEmail, sendDueEmails } = await import('../../lib/data/email-outbox');
const { resendEmailAction } = await import('../../lib/actions/admin-email');

const db = getDb();
let smtp: LocalSmtp;
const ids = {} as { failed: number; retrying: number; sent: number; fresh: number };
const nextTry = new Date('2030-01-01T03:00:00Z');

beforeAll(async () => {
  smtp = await startSmtp(0);
  process.env.SMTP_URL = smtp.url;
  process.env.MAIL_FROM = 'Đôn đốc <dondoc@example.vn>';
  const user = await db.user.findUniqueOrThrow({ where: { username: 'cb.tranphu' }, select: { id: true } });
  const message = (subject: string) => ({
    userId: user.id,
    kind: 'notification',
    to: 'nguyenvana@hatinh.gov.vn',
    subject,
    text: 'Nội dung',
    html: '<p>Nội dung</p>',
  });
  ids.failed = (
    await db.emailMessage.create({
      data: {
        ...message('Báo cáo bị trả lại'),
        status: 'FAILED',
        attempts: 1,
        lastError: 'EENVELOPE: 550 5.1.1 mailbox unavailable',
      },
    })
  ).id;
  ids.retrying = (
    await db.emailMessage.create({
      data: {
        ...message('Nhiệm vụ sắp đến hạn'),
        attempts: 2,
        nextAttemptAt: nextTry,
        lastError: 'ECONNECTION: connect ECONNREFUSED',
      },
    })
  ).id;
  ids.sent = (await db.emailMessage.create({ data: { ...message('Đã gửi'), status: 'SENT', attempts: 1 } })).id;
  ids.fresh = (await db.emailMessage.create({ data: { ...message('Chưa thử'), nextAttemptAt: nextTry } })).id;
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  delete process.env.MAIL_FROM;
  await smtp?.stop();
});

describe('undelivered e-mail', () => {
  it('only the administrator sees it; others are refused', async () => {
    for (const who of ['chutich', 'tp.noivu', 'cb.tranphu']) {
      await actAs(who);
      await expect(listUndeliveredEmails(), who).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(resendFailedEmail(ids.failed), who).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await db.emailMessage.findUniqueOrThrow({ where: { id: ids.failed } })).toMatchObject({ status: 'FAILED' });
  });

  it('lists failed and retrying messages, masked, with reason, attempts and next try; not sent or untried ones', async () => {
    await actAs('admin');
    const { failed, retrying, messages } = await listUndeliveredEmails();
    expect({ failed, retrying }).toEqual({ failed: 1, retrying: 1 });
    expect(messages.map((m) => m.id)).toEqual([ids.retrying, ids.failed]);
    expect(messages[0]).toMatchObject({
      status: 'PENDING',
      to: 'n••••••••a@hatinh.gov.vn',
      attempts: 2,
      nextAttemptAt: nextTry,
      reason: 'ECONNECTION: connect ECONNREFUSED',
    });
    expect(messages[1]).toMatchObject({
      status: 'FAILED',
      nextAttemptAt: null,
      reason: expect.stringContaining('550'),
    });
    expect(JSON.stringify(messages)).not.toContain('nguyenvana');
  });

  it('"Gửi lại" queues a failed message again, audited; the sender then delivers it', async () => {
    await actAs('admin');
    const refused = await outcomeOf(() => resendEmailAction(INITIAL_STATE, form({ emailId: String(ids.retrying) })));
    expect(refused).toMatchObject({
      kind: 'state',
      state: { ok: false, message: expect.stringContaining('đang chờ') },
    });
    const ok = await outcomeOf(() => resendEmailAction(INITIAL_STATE, form({ emailId: String(ids.failed) })));
    expect(ok).toMatchObject({ kind: 'state', state: { ok: true } });
    expect(await db.emailMessage.findUniqueOrThrow({ where: { id: ids.failed } })).toMatchObject({
      status: 'PENDING',
      attempts: 0,
    });
    expect(await db.auditEvent.count({ where: { action: 'email.resent', entityId: String(ids.failed) } })).toBe(1);
    const summary = await sendDueEmails();
    expect(summary).toMatchObject({ sent: 1 });
    expect(smtp.received.map((m) => m.subject)).toEqual(['Báo cáo bị trả lại']);
    expect(await db.emailMessage.findUniqueOrThrow({ where: { id: ids.failed } })).toMatchObject({ status: 'SENT' });
    const again = await outcomeOf(() => resendEmailAction(INITIAL_STATE, form({ emailId: String(ids.failed) })));
    expect(again).toMatchObject({ kind: 'state', state: { ok: false, message: 'Thư này đã được gửi đi.' } });
    const missing = await outcomeOf(() => resendEmailAction(INITIAL_STATE, form({ emailId: '2147483647' })));
    expect(missing).toMatchObject({ kind: 'state', state: { ok: false } });
  });
});
