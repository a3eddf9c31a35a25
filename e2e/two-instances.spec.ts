/**
 * Stateless instances (issue 11): two production servers (`next start` of this build) on two ports,
 * one database, one S3-compatible store (s3rver), as behind a load balancer. The session made on
 * one is good on the other; a report and its file written through one are read through the other;
 * the login throttle counts failures across both; each scheduled job runs once, on one of them.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { backoffSeconds, throttleKeys } from '../lib/domain/login-backoff';
import { startS3 } from '../tests/support/s3';
import { expect, test } from './fixtures';
import { ownDatabase, queryOn } from './helpers';
import { startProductionServer, type ProductionServer } from './production-server';

const BASE = Number(process.env.E2E_PORT ?? 3100);
const PORTS = [BASE + 11, BASE + 12] as const;
const S3_PORT = BASE + 13;
const origin = (port: number) => `http://localhost:${port}`;

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

let databaseUrl = '';
let s3: Awaited<ReturnType<typeof startS3>>;
let servers: ProductionServer[] = [];
/** When the two instances were started: a job's occurrences after its catch-up fell due after this. */
let startedAt = new Date();

const sql = <T extends pg.QueryResultRow>(text: string, params: unknown[] = []) =>
  queryOn<T>(databaseUrl, text, params);

test.beforeAll(async () => {
  test.setTimeout(180_000);
  databaseUrl = await ownDatabase('dondoc_twins');
  s3 = await startS3(S3_PORT);
  // Both start at once, as behind a load balancer (and their start-up overlaps).
  startedAt = new Date();
  const started = await Promise.allSettled(
    PORTS.map((port) =>
      startProductionServer({
        port,
        env: {
          ...process.env,
          ...s3.env,
          DATABASE_URL: databaseUrl,
          AUTH_SECRET: 'twin-secret-twin-secret-twin-secret-0123456789',
          NEXTAUTH_URL: origin(port),
          JOBS: 'on',
          LOG_LEVEL: 'info',
        },
      }),
    ),
  );
  servers = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  for (const r of started) if (r.status === 'rejected') throw r.reason;
});

test.afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  await s3?.stop();
});

test('sign in on one instance, act on the other; the file written through one is read through the other', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const [A, B] = PORTS.map(origin) as [string, string];
  const [{ id: assignmentId }] = (await sql<{ id: number }>(
    `SELECT a.id FROM "Assignment" a JOIN "Unit" u ON u.id = a."unitId" JOIN "Task" t ON t.id = a."taskId"
     JOIN "Section" s ON s.id = t."sectionId" WHERE u.code = 'P-TRANPHU' AND s.numeral = 'I' AND t.number = '4'`,
  )) as [{ id: number }];

  await page.goto(`${A}/login`);
  await page.getByLabel('Tên đăng nhập').fill('cb.tranphu');
  await page.getByLabel('Mật khẩu').fill('DonDoc@2026');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page).not.toHaveURL(/\/login/);

  // The cookie set by A is a session on B (same secret, nothing kept in A's memory).
  await page.goto(`${B}/assignments/${assignmentId}`);
  await expect(page).not.toHaveURL(/\/login/);
  await page.getByLabel('Tiến độ (%)').fill('100');
  await page.getByLabel('Kết quả thực hiện').fill('Báo cáo gửi qua máy chủ thứ hai.');
  await page
    .getByLabel('Tài liệu kiểm chứng', { exact: true })
    .setInputFiles({ name: 'bien-ban.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect(page.getByRole('link', { name: 'bien-ban.pdf' })).toBeVisible();
  await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await expect(page.getByRole('heading', { name: 'Đã gửi báo cáo — đang chờ duyệt' })).toBeVisible();

  // Back on A: the submitted report, and the file (uploaded to the bucket by B) downloaded from A.
  await page.goto(`${A}/assignments/${assignmentId}`);
  await expect(page.getByRole('heading', { name: 'Đã gửi báo cáo — đang chờ duyệt' })).toBeVisible();
  const [{ id: evidenceId }] = (await sql<{ id: number }>(
    `SELECT id FROM "Evidence" WHERE "fileName" = 'bien-ban.pdf'`,
  )) as [{ id: number }];
  const download = await page.request.get(`${A}/api/evidence/${evidenceId}`);
  expect(download.status()).toBe(200);
  expect(Buffer.compare(await download.body(), PDF)).toBe(0);
  // …and it is in the bucket, not on a local disk.
  const [{ storageKey }] = (await sql<{ storageKey: string }>(
    `SELECT "storageKey" FROM "Evidence" WHERE "fileName" = 'bien-ban.pdf'`,
  )) as [{ storageKey: string }];
  expect(fs.readdirSync(s3.directory, { recursive: true }).some((f) => String(f).includes(storageKey))).toBe(true);
});

test('the login throttle counts failures on both instances together', async ({ page }) => {
  test.setTimeout(120_000); // four password checks (argon2) and pages: measured 32 s at load average 37
  const tries = [PORTS[0], PORTS[1], PORTS[0], PORTS[1]];
  for (const [i, port] of tries.entries()) {
    await page.goto(`${origin(port)}/login`);
    await page.getByLabel('Tên đăng nhập').fill('cb.namha');
    await page.getByLabel('Mật khẩu').fill(`sai-mat-khau-${i}`);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(page.getByText('Tên đăng nhập hoặc mật khẩu không đúng.')).toBeVisible();
  }
  // One counter for the account, written by both instances: 4 failures, not 2 and 2, which is
  // what takes it past the 3 free tries of the back-off (lib/domain/login-backoff.ts).
  const account = throttleKeys('cb.namha', null).account!;
  const [row] = await sql<{ failures: number }>(`SELECT failures FROM "LoginThrottle" WHERE key = $1`, [account]);
  expect(row?.failures).toBe(4);
  expect(backoffSeconds('pair', 4)).toBeGreaterThan(0);
});

test('each scheduled job ran once, on one instance', async () => {
  // Every job of the registry (read from its source: the spec cannot import server-only code).
  const jobs = [
    ...fs
      .readFileSync(path.join(process.cwd(), 'lib', 'jobs', 'registry.ts'), 'utf8')
      .matchAll(/^\s+name: '([a-z-]+)',$/gm),
  ].map((m) => m[1]!);
  expect(jobs.length).toBeGreaterThan(5);
  await expect
    .poll(
      async () =>
        (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "JobRun" WHERE status = 'SUCCEEDED'`))[0]!.n,
      { timeout: 60_000 },
    )
    .toBeGreaterThanOrEqual(jobs.length);
  const runs = await sql<{ job: string; occurrence: string; attempts: number }>(
    `SELECT job, occurrence, attempts FROM "JobRun" ORDER BY job, occurrence`,
  );
  // Every job ran its catch-up occurrence (started by both instances) once, on the first attempt. A
  // job may also have run a later occurrence that fell due while the test ran (the e-mail outbox's
  // every 5 minutes on a slow machine): that one is after the start, and also ran once.
  expect([...new Set(runs.map((r) => r.job))].sort()).toEqual([...jobs].sort());
  expect(runs.every((r) => r.attempts === 1)).toBe(true);
  for (const job of jobs) {
    const later = runs.filter((r) => r.job === job).slice(1);
    for (const r of later)
      expect(Date.parse(r.occurrence), `${job} ${r.occurrence}`).toBeGreaterThan(startedAt.getTime());
  }
  // both instances started their scheduler
  expect(servers).toHaveLength(2);
  for (const server of servers) expect(server.output()).toContain('scheduled jobs started');
  const printed = runs.map((r) => `${r.job} ${r.occurrence} ×${r.attempts}`).join('\n');
  console.log(`JobRun rows after two instances started:\n${printed}`);
});

test('the same report decided on both instances at once: exactly one decision counts, nothing is lost', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const [A, B] = PORTS.map(origin) as [string, string];
  // The same head signed in twice, once on each instance (two browsers, two sessions).
  const pages = await Promise.all(
    [A, B].map(async (base) => {
      const context = await browser.newContext({ baseURL: base });
      const page = await context.newPage();
      await page.goto(`${base}/login`);
      await page.getByLabel('Tên đăng nhập').fill('tp.noivu');
      await page.getByLabel('Mật khẩu').fill('DonDoc@2026');
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await expect(page).not.toHaveURL(/\/login/, { timeout: 60_000 }); // argon2 on a busy machine
      return page;
    }),
  );
  const [onA, onB] = pages as [(typeof pages)[0], (typeof pages)[0]];
  // A report awaiting this head's decision, opened on both.
  await onA.goto(`${A}/reviews`);
  await onA.getByTestId('review-inbox').getByRole('link').first().click();
  await expect(onA).toHaveURL(/\/reports\/\d+/);
  const reportId = Number(/\/reports\/(\d+)/.exec(onA.url())![1]);
  await onB.goto(`${B}/reports/${reportId}`);

  const count = async () =>
    (
      await sql<{ reviews: number; audits: number; notes: number; version: number; status: string }>(
        `SELECT (SELECT count(*)::int FROM "ReportReview" WHERE "reportId" = $1) AS reviews,
                (SELECT count(*)::int FROM "AuditEvent" WHERE "reportId" = $1 AND action IN ('report.approved', 'report.returned')) AS audits,
                (SELECT count(*)::int FROM "Notification" WHERE link = '/reports/' || $1::text) AS notes,
                r.version, r.status::text AS status
         FROM "Report" r WHERE r.id = $1`,
        [reportId],
      )
    )[0]!;
  const before = await count();
  expect(before.status).toBe('SUBMITTED');

  // A approves while B returns, both forms sent together. Each server action's answer says who won
  // (read on its way to the page, which then re-renders with the final state, the form gone, on both).
  await onB.getByLabel('Ý kiến của người duyệt').fill('Bổ sung biên bản họp có chữ ký.');
  const bodies = ['', ''];
  await Promise.all(
    pages.map((p, i) =>
      p.route(`**/reports/${reportId}`, async (route) => {
        if (route.request().method() !== 'POST') return route.continue();
        const response = await route.fetch();
        const body = await response.text();
        bodies[i] = body;
        await route.fulfill({ response, body });
      }),
    ),
  );
  await Promise.all([
    onA.getByRole('button', { name: 'Duyệt' }).click(),
    onB.getByRole('button', { name: 'Trả lại' }).click(),
  ]);
  await expect.poll(() => bodies.every((b) => b.length > 0), { timeout: 60_000 }).toBe(true);
  const won = /Đã duyệt báo cáo|Đã trả lại báo cáo/;
  const lost = /đã được xử lý|vừa được người khác xử lý|vừa được cập nhật ở nơi khác/;
  const winners = bodies.map((b) => won.test(b));
  const losers = bodies.map((b) => lost.test(b));
  // Both pages then show the one final status.
  for (const p of pages) await p.reload();
  const shown = await Promise.all(pages.map((p) => p.getByTestId('report-status').textContent()));
  expect(shown[0]).toBe(shown[1]);

  const after = await count();
  console.log(
    `Report ${reportId} decided on two instances at once: winners ${winners.filter(Boolean).length}, ` +
      `told it was already decided ${losers.filter(Boolean).length}; status ${before.status} → ${after.status}, ` +
      `version ${before.version} → ${after.version}, decisions ${before.reviews} → ${after.reviews}, ` +
      `audit lines ${before.audits} → ${after.audits}, notifications ${before.notes} → ${after.notes}`,
  );
  expect(winners.filter(Boolean)).toHaveLength(1);
  expect(losers.filter(Boolean)).toHaveLength(1);
  // One decision, written whole: the report moved once, with one review row and one audit line.
  expect(after.version).toBe(before.version + 1);
  expect(after.reviews).toBe(before.reviews + 1);
  expect(after.audits).toBe(before.audits + 1);
  expect(after.notes).toBeGreaterThan(before.notes);
  // …and the status is the winner's decision.
  const approvedOnA = winners[0]!;
  expect(after.status).toBe(approvedOnA ? 'APPROVED' : 'RETURNED');
  await Promise.all(pages.map((p) => p.unrouteAll({ behavior: 'ignoreErrors' })));
  await Promise.all(pages.map((p) => p.context().close()));
});
