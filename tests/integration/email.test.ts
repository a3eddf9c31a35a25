/**
 * E-mail (issue 13, decision 019) against a real SMTP server (smtp-server, started here on a free
 * port): a notification gives exactly one e-mail to the right address, woken at commit; a refused
 * delivery is retried after its back-off and delivered once; "off" and the digest preference send
 * no per-notification mail; the digest lists the day's unread notifications once a day; a
 * rolled-back write sends nothing; without SMTP nothing is queued and notifications still work.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { actAs, currentUser } from '../support/as-user';
import { startSmtp, type LocalSmtp } from '../support/smtp';

vi.mock('../../lib/auth', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  getCurrentUser: async () => currentUser(),
}));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
process.env.LOG_LEVEL = 'silent';
process.env.NEXTAUTH_URL = 'https://dondoc.example.vn';

const { getDb } = await import('../../lib/db');
const { saveReport } = await import('../../lib/data/reports');
const { notifyUsers } = await import('../../lib/data/notify');
const { runUrgingLadder } = await import('../../lib/data/urging');
const { queueDailyDigests, sendDueEmails } = await import('../../lib/data/email-outbox');
const { getEmailSettings } = await import('../../lib/data/account');
const { updateEmailSettingsAction } = await import('../../lib/actions/account');
const { INITIAL_STATE } = await import('../../lib/action-state');
const { listenForWake } = await import('../../lib/jobs/wake');
const { RETRY_DELAYS_MINUTES } = await import('../../lib/domain/email');
const { loadWorkCalendar } = await import('../../lib/data/calendar');
const { addDays, startOfDayVn, vnDateOf } = await import('../../lib/domain/time');

const db = getDb();
let smtp: LocalSmtp;

/** Polls until `done` holds (no assertion on how long it takes: the test timeout bounds it). */
async function until(done: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await done())) await new Promise((r) => setTimeout(r, 100));
}

async function userId(username: string): Promise<number> {
  return (await db.user.findUniqueOrThrow({ where: { username }, select: { id: true } })).id;
}

async function setMail(username: string, email: string | null, emailPreference: 'OFF' | 'EACH' | 'DAILY_DIGEST') {
  await db.user.update({ where: { username }, data: { email, emailPreference } });
}

/** A notification written the way every writer writes one, in its own transaction. */
async function notify(username: string, title: string) {
  const id = await userId(username);
  await db.$transaction((tx) => notifyUsers(tx, [id], { kind: 'test', title, body: 'Nội dung', link: '/' }));
}

const base = { difficulties: null, proposals: null, noEvidenceReason: null };

beforeAll(async () => {
  smtp = await startSmtp(0);
});
afterAll(async () => {
  await smtp?.stop();
});
beforeEach(async () => {
  process.env.SMTP_URL = smtp.url;
  process.env.MAIL_FROM = 'Đôn đốc <dondoc@example.vn>';
  smtp.received.length = 0;
  smtp.refuse(0);
  // Every user back to no address, so that each test decides who gets mail.
  await db.user.updateMany({ data: { email: null, emailPreference: 'EACH', emailDigestUntil: null } });
  await db.emailMessage.deleteMany({});
});

describe('e-mail notifications', () => {
  it('a submitted report: exactly one e-mail, to the reviewer, sent as soon as the report is committed', async () => {
    await setMail('tp.noivu', 'tp.noivu@example.vn', 'EACH');
    const listener = listenForWake({
      connectionString: process.env.DATABASE_URL!,
      channel: 'email_outbox',
      run: () => sendDueEmails(),
    });
    try {
      await actAs('cb.tranphu');
      const assignment = await db.assignment.findFirstOrThrow({
        where: { unit: { code: 'P-TRANPHU' }, task: { number: '4', section: { numeral: 'I' } } },
        select: { id: true },
      });
      await saveReport({
        ...base,
        assignmentId: assignment.id,
        periodKey: 'ONCE',
        version: 0,
        progress: 50,
        content: 'Đã trình dự thảo.',
        intent: 'submit',
      });
      // Woken by the commit's NOTIFY, not by a sweep.
      await until(() => smtp.received.length > 0);
    } finally {
      await listener.stop();
    }
    const notification = await db.notification.findFirstOrThrow({
      where: { userId: await userId('tp.noivu'), kind: 'report.submitted' },
      orderBy: { id: 'desc' },
    });
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail!.to).toEqual(['tp.noivu@example.vn']);
    expect(mail!.from).toBe('dondoc@example.vn');
    expect(mail!.subject).toBe('[Đôn đốc] Phường Trần Phú gửi báo cáo chờ duyệt');
    expect(mail!.text).toContain(`https://dondoc.example.vn/notifications/${notification.id}`);
    expect(mail!.html).toContain(`href="https://dondoc.example.vn/notifications/${notification.id}"`);
    // Nothing is left to send: another run sends nothing more.
    expect(await sendDueEmails()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    const row = await db.emailMessage.findFirstOrThrow({ where: { notificationId: notification.id } });
    expect(row).toMatchObject({ status: 'SENT', attempts: 1, to: 'tp.noivu@example.vn' });
  });

  it('refused by the server at first: retried after the back-off and delivered once', async () => {
    await setMail('cb.namha', 'cb.namha@example.vn', 'EACH');
    await notify('cb.namha', 'Thông báo cần gửi lại');
    smtp.refuse(1);
    const t0 = new Date();
    expect(await sendDueEmails({ now: t0 })).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect(smtp.refused()).toBeGreaterThanOrEqual(1);
    expect(smtp.received).toHaveLength(0);
    const failed = await db.emailMessage.findFirstOrThrow({ where: { to: 'cb.namha@example.vn' } });
    expect(failed).toMatchObject({ status: 'PENDING', attempts: 1 });
    expect(failed.lastError).toContain('451');
    expect(failed.nextAttemptAt.getTime()).toBe(t0.getTime() + RETRY_DELAYS_MINUTES[0] * 60_000);
    // Not before its time.
    expect(await sendDueEmails({ now: t0 })).toEqual({ sent: 0, retrying: 0, failed: 0 });
    const later = new Date(t0.getTime() + RETRY_DELAYS_MINUTES[0] * 60_000);
    expect(await sendDueEmails({ now: later })).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(await sendDueEmails({ now: new Date(later.getTime() + 3_600_000) })).toEqual({
      sent: 0,
      retrying: 0,
      failed: 0,
    });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.subject).toBe('[Đôn đốc] Thông báo cần gửi lại');
    expect(await db.emailMessage.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({
      status: 'SENT',
      attempts: 2,
      lastError: null,
    });
  });

  it('"no e-mail", the digest preference and no address: the notification only, no e-mail', async () => {
    await setMail('cb.namha', 'cb.namha@example.vn', 'OFF');
    await setMail('cb.bacha', 'cb.bacha@example.vn', 'DAILY_DIGEST');
    await setMail('cb.nguyendu', null, 'EACH');
    for (const u of ['cb.namha', 'cb.bacha', 'cb.nguyendu']) await notify(u, 'Chỉ trong hệ thống');
    expect(await db.notification.count({ where: { title: 'Chỉ trong hệ thống' } })).toBe(3);
    expect(await db.emailMessage.count()).toBe(0);
    expect(await sendDueEmails()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(smtp.received).toHaveLength(0);
  });

  it('a write that rolls back queues and sends nothing', async () => {
    await setMail('cb.namha', 'cb.namha@example.vn', 'EACH');
    const id = await userId('cb.namha');
    await expect(
      db.$transaction(async (tx) => {
        await notifyUsers(tx, [id], { kind: 'test', title: 'Không bao giờ gửi' });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await db.notification.count({ where: { title: 'Không bao giờ gửi' } })).toBe(0);
    expect(await db.emailMessage.count()).toBe(0);
    await sendDueEmails();
    expect(smtp.received).toHaveLength(0);
  });

  it('the deadline reminders (the urging ladder, decision 026) queue one e-mail per notice', async () => {
    await setMail('cb.bacha', 'cb.bacha@example.vn', 'EACH');
    // 09:00 on a working day: the ladder sends nothing on a day off.
    const calendar = await loadWorkCalendar();
    let day = vnDateOf(new Date());
    while (!calendar.isWorkingDay(day)) day = addDays(day, 1);
    const now = new Date(startOfDayVn(day).getTime() + 9 * 3_600_000);
    const created = await runUrgingLadder(now);
    expect(created.notifications).toBeGreaterThan(0);
    const mine = await db.notification.count({
      where: { userId: await userId('cb.bacha'), kind: { startsWith: 'urging.' } },
    });
    expect(mine).toBeGreaterThan(0);
    expect(await db.emailMessage.count({ where: { to: 'cb.bacha@example.vn' } })).toBe(mine);
    expect(await db.emailMessage.count({ where: { NOT: { to: 'cb.bacha@example.vn' } } })).toBe(0);
    // Run again: nothing new, no second e-mail.
    expect(await runUrgingLadder(now)).toEqual({ steps: 0, notifications: 0 });
    expect(await db.emailMessage.count({ where: { to: 'cb.bacha@example.vn' } })).toBe(mine);
  });

  it('the daily digest: one e-mail with the unread notifications of the day, once a day', async () => {
    await setMail('cb.bacha', 'cb.bacha@example.vn', 'DAILY_DIGEST');
    await setMail('cb.namha', 'cb.namha@example.vn', 'DAILY_DIGEST'); // nothing unread: no digest
    const bacha = await userId('cb.bacha');
    await db.notification.updateMany({
      where: { userId: { in: [bacha, await userId('cb.namha')] } },
      data: { readAt: new Date() },
    });
    for (const title of ['Việc thứ nhất', 'Việc thứ hai', 'Việc thứ ba']) await notify('cb.bacha', title);
    const read = await db.notification.findFirstOrThrow({ where: { userId: bacha, title: 'Việc thứ hai' } });
    await db.notification.update({ where: { id: read.id }, data: { readAt: new Date() } });
    expect(await db.emailMessage.count()).toBe(0); // the digest user got no per-notification mail

    const now = new Date();
    expect(await queueDailyDigests(now)).toEqual({ digests: 1, users: 2 });
    expect(await sendDueEmails()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    const [digest] = smtp.received;
    expect(digest!.to).toEqual(['cb.bacha@example.vn']);
    expect(digest!.subject).toMatch(/^\[Đôn đốc\] Tổng hợp ngày \d{2}\/\d{2}\/\d{4}: 2 thông báo chưa đọc$/);
    expect(digest!.text).toContain('Việc thứ nhất');
    expect(digest!.text).toContain('Việc thứ ba');
    expect(digest!.text).not.toContain('Việc thứ hai');

    // Called again the same day (a catch-up, the external cron): nothing more.
    await notify('cb.bacha', 'Việc thứ tư');
    expect(await queueDailyDigests(new Date())).toEqual({ digests: 0, users: 0 });
    // The next morning: only what came since the previous digest.
    const tomorrow = new Date(now.getTime() + 24 * 3_600_000);
    expect(await queueDailyDigests(tomorrow)).toEqual({ digests: 1, users: 2 });
    await sendDueEmails();
    expect(smtp.received).toHaveLength(2);
    expect(smtp.received[1]!.subject).toMatch(/: 1 thông báo chưa đọc$/);
    expect(smtp.received[1]!.text).toContain('Việc thứ tư');
    expect(smtp.received[1]!.text).not.toContain('Việc thứ nhất');
  });

  it('no SMTP configured: notifications still work, nothing is queued, the account page says so', async () => {
    delete process.env.SMTP_URL;
    delete process.env.MAIL_FROM;
    await setMail('cb.namha', 'cb.namha@example.vn', 'EACH');
    await setMail('cb.bacha', 'cb.bacha@example.vn', 'DAILY_DIGEST');
    await notify('cb.namha', 'Không có máy chủ thư');
    await notify('cb.bacha', 'Không có máy chủ thư');
    expect(await db.notification.count({ where: { title: 'Không có máy chủ thư' } })).toBe(2);
    expect(await db.emailMessage.count()).toBe(0);
    expect(await sendDueEmails()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(await queueDailyDigests()).toEqual({ digests: 0, users: 0 });
    expect(smtp.received).toHaveLength(0);
    await actAs('cb.namha');
    expect(await getEmailSettings()).toEqual({
      email: 'cb.namha@example.vn',
      emailPreference: 'EACH',
      configured: false,
    });
  });
});

describe('my e-mail settings', () => {
  it('are saved for the signed-in user only; a bad address is refused in Vietnamese with the entries kept', async () => {
    await actAs('cb.thachha');
    const bad = await updateEmailSettingsAction(
      INITIAL_STATE,
      formOf({ email: 'không-phải-địa-chỉ', emailPreference: 'DAILY_DIGEST' }),
    );
    expect(bad.ok).toBe(false);
    expect(bad.fieldErrors?.email).toEqual(['Địa chỉ thư điện tử không hợp lệ.']);
    expect(bad.fields).toMatchObject({ email: 'không-phải-địa-chỉ', emailPreference: 'DAILY_DIGEST' });
    const wrongChoice = await updateEmailSettingsAction(
      INITIAL_STATE,
      formOf({ email: '', emailPreference: 'ALWAYS' }),
    );
    expect(wrongChoice.fieldErrors?.emailPreference).toEqual(['Chọn cách nhận thư.']);
    expect(await db.user.findUniqueOrThrow({ where: { username: 'cb.thachha' } })).toMatchObject({
      email: null,
      emailPreference: 'EACH',
    });

    const ok = await updateEmailSettingsAction(
      INITIAL_STATE,
      formOf({ email: '  cb.thachha@example.vn ', emailPreference: 'DAILY_DIGEST' }),
    );
    expect(ok).toMatchObject({ ok: true, message: 'Đã lưu cách nhận thư điện tử.' });
    expect(await db.user.findUniqueOrThrow({ where: { username: 'cb.thachha' } })).toMatchObject({
      email: 'cb.thachha@example.vn',
      emailPreference: 'DAILY_DIGEST',
    });
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: 'user.email_settings_changed' },
      orderBy: { id: 'desc' },
    });
    expect(event.actorId).toBe(await userId('cb.thachha'));
    expect(JSON.stringify(event.data)).not.toContain('example.vn');
  });
});

function formOf(fields: Record<string, string>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return fd;
}
