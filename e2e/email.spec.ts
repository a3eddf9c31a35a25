/**
 * E-mail (issue 13, decision 019) on the production build: a local SMTP server (smtp-server,
 * started here) and a `next start` of this build configured with it (SMTP_URL, MAIL_FROM) on its own
 * copy of the seeded database. The standing office's head gives an address on their account page;
 * a ward officer submits a report; the head receives the e-mail, and its link opens the report.
 */
import pg from 'pg';
import { startSmtp, type LocalSmtp } from '../tests/support/smtp';
import { expect, test } from './fixtures';
import { ownDatabase, PASSWORD, queryOn } from './helpers';
import { startProductionServer, type ProductionServer } from './production-server';

const BASE = Number(process.env.E2E_PORT ?? 3100);
const APP_PORT = BASE + 21;
const SMTP_PORT = BASE + 25;
const ORIGIN = `http://localhost:${APP_PORT}`;

let databaseUrl = '';
let smtp: LocalSmtp;
let server: ProductionServer | undefined;

const sql = <T extends pg.QueryResultRow>(text: string, params: unknown[] = []) =>
  queryOn<T>(databaseUrl, text, params);

test.beforeAll(async () => {
  test.setTimeout(180_000);
  databaseUrl = await ownDatabase('dondoc_email');
  smtp = await startSmtp(SMTP_PORT);
  server = await startProductionServer({
    port: APP_PORT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: 'mail-secret-mail-secret-mail-secret-0123456789',
      NEXTAUTH_URL: ORIGIN,
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Đôn đốc <dondoc@example.vn>',
      JOBS: 'on',
      LOG_LEVEL: 'info',
    },
  });
});

test.afterAll(async () => {
  await server?.stop();
  await smtp?.stop();
});

async function signIn(page: import('@playwright/test').Page, username: string) {
  await page.goto(`${ORIGIN}/login`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

test('an officer submits a report: the head receives the e-mail in the local SMTP server, and its link opens the report', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const [{ id: assignmentId }] = (await sql<{ id: number }>(
    `SELECT a.id FROM "Assignment" a JOIN "Unit" u ON u.id = a."unitId" JOIN "Task" t ON t.id = a."taskId"
     JOIN "Section" s ON s.id = t."sectionId" WHERE u.code = 'P-TRANPHU' AND s.numeral = 'I' AND t.number = '4'`,
  )) as [{ id: number }];

  // 1. The standing office's head gives an address and asks for a mail per notification.
  await signIn(page, 'tp.noivu');
  await page.goto(`${ORIGIN}/account/email`);
  await expect(page.getByRole('heading', { name: 'Thư điện tử nhận thông báo' })).toBeVisible();
  await expect(page.getByText('chưa được cấu hình máy chủ thư')).toHaveCount(0);
  await page.getByLabel('Địa chỉ thư điện tử').fill('sai-dia-chi');
  await page.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByText('Địa chỉ thư điện tử không hợp lệ.')).toBeVisible();
  await expect(page.getByLabel('Địa chỉ thư điện tử')).toHaveValue('sai-dia-chi');
  await page.getByLabel('Địa chỉ thư điện tử').fill('truongphong.noivu@example.vn');
  await page.getByLabel('Mỗi thông báo một thư').check();
  await page.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByText('Đã lưu cách nhận thư điện tử.')).toBeVisible();
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page).toHaveURL(/\/login/);

  // 2. A ward officer submits a report on a task without a lead: the standing office reviews it.
  await signIn(page, 'cb.tranphu');
  await page.goto(`${ORIGIN}/assignments/${assignmentId}`);
  await page.getByLabel('Tiến độ (%)').fill('40');
  await page.getByLabel('Kết quả thực hiện').fill('Đã trình dự thảo chỉ thị, chờ Đảng ủy phường cho ý kiến.');
  await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await expect(page.getByRole('heading', { name: 'Đã gửi báo cáo — đang chờ duyệt' })).toBeVisible();
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page).toHaveURL(/\/login/);

  // 3. The e-mail arrives (sent by the app's job, woken at the report's commit). The server's scheduled
  // jobs run beside the test (their catch-up at start, the hourly steps) and may write to the head
  // about other things; this mail is the one about the report, and it comes once.
  const subject = '[Đôn đốc] Phường Trần Phú gửi báo cáo chờ duyệt';
  const toHead = () => smtp.received.filter((m) => m.to.includes('truongphong.noivu@example.vn'));
  await expect
    .poll(() => toHead().filter((m) => m.subject === subject).length, {
      timeout: 60_000,
      intervals: [250],
      message: `no e-mail about the report; server log:\n${server!.output().slice(-2000)}`,
    })
    .toBe(1);
  const mail = toHead().find((m) => m.subject === subject)!;
  expect(mail.from).toBe('dondoc@example.vn');
  const link = /(http:\/\/localhost:\d+\/notifications\/\d+)/.exec(mail.text)?.[1];
  expect(link, mail.text).toBeDefined();
  expect(link!.startsWith(`${ORIGIN}/notifications/`)).toBe(true);

  // 4. The head follows the link: signed out it leads to the login page; signed in, to the report,
  // and the notification is read.
  await page.goto(link!);
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel('Tên đăng nhập').fill('tp.noivu');
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page).not.toHaveURL(/\/login/);
  await page.goto(link!);
  await expect(page).toHaveURL(/\/reports\/\d+$/);
  const [row] = await sql<{ readAt: Date | null; status: string }>(
    `SELECT n."readAt", m.status::text FROM "Notification" n JOIN "EmailMessage" m ON m."notificationId" = n.id
     WHERE m."to" = 'truongphong.noivu@example.vn' AND m.subject = $1`,
    [subject],
  );
  expect(row?.status).toBe('SENT');
  expect(row?.readAt).not.toBeNull();
  // No one else was written to: no other seeded user has an address.
  expect(smtp.received.filter((m) => !m.to.includes('truongphong.noivu@example.vn'))).toEqual([]);
});
