import { expect, test } from './fixtures';
import { createTestUser } from './account-helpers';
import { login, loginAs, logout, query } from './helpers';

/** A minimal valid PDF, as an officer would attach a scanned minute. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

test('officer submits with a file → head returns with a reason → officer fixes and resubmits → head approves → the chairman’s counts change', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const [{ id: assignmentId }] = (await query<{ id: number }>(
    `SELECT a.id FROM "Assignment" a JOIN "Unit" u ON u.id = a."unitId" JOIN "Task" t ON t.id = a."taskId"
     JOIN "Section" s ON s.id = t."sectionId" WHERE u.code = 'P-TRANPHU' AND s.numeral = 'I' AND t.number = '4'`,
  )) as [{ id: number }];

  // The chairman's count of tasks done on time, before.
  await loginAs(page, 'chutich');
  const before = Number(await page.getByTestId('count-DONE_ON_TIME').textContent());
  await logout(page);

  // 1. The ward officer reports 100% with evidence.
  await loginAs(page, 'cb.tranphu', `/assignments/${assignmentId}`);
  await page.getByLabel('Tiến độ (%)').fill('100');
  await page
    .getByLabel('Kết quả thực hiện')
    .fill('Đảng ủy phường đã ban hành Chỉ thị về đẩy mạnh cải cách hành chính.');
  await page
    .getByLabel('Tài liệu kiểm chứng', { exact: true })
    .setInputFiles({ name: 'chi-thi-cchc.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect(page.getByRole('link', { name: 'chi-thi-cchc.pdf' })).toBeVisible();
  await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await expect(page.getByRole('heading', { name: 'Đã gửi báo cáo — đang chờ duyệt' })).toBeVisible();
  await logout(page);

  // 2. The standing office's head returns it with a reason. (The demo city keeps them busy: they
  // narrow the inbox to the ward.)
  const [tranPhu] = await query<{ id: number }>(`SELECT id FROM "Unit" WHERE code = 'P-TRANPHU'`);
  await loginAs(page, 'tp.noivu', `/reviews?unit=${tranPhu!.id}`);
  await page
    .getByTestId('review-inbox')
    .getByRole('link', { name: /Phường Trần Phú.*(?<!I)I\.4(?!\d)/ })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Báo cáo của Phường Trần Phú');
  const download = await page.request.get(
    (await page.getByRole('link', { name: 'chi-thi-cchc.pdf' }).getAttribute('href'))!,
  );
  expect(download.status()).toBe(200);
  expect(download.headers()['content-disposition']).toMatch(/^attachment;/);
  expect(Buffer.compare(await download.body(), PDF)).toBe(0);
  await page.getByRole('button', { name: 'Trả lại' }).click(); // no reason → refused
  await expect(page.getByText('Trả lại báo cáo phải nêu rõ lý do')).toBeVisible();
  await page.getByLabel('Ý kiến của người duyệt').fill('Bổ sung số, ký hiệu và ngày ban hành Chỉ thị.');
  await page.getByRole('button', { name: 'Trả lại' }).click();
  await expect(page.getByTestId('report-status')).toHaveText('Yêu cầu bổ sung');
  await logout(page);

  // 3. The officer is told, sees the reason, fixes and resubmits.
  await loginAs(page, 'cb.tranphu');
  await expect(page.getByTestId('unread-count')).toBeVisible();
  await page.goto('/notifications');
  await page
    .getByRole('link', { name: /Báo cáo bị trả lại/ })
    .first()
    .click();
  await expect(page.getByText('Bổ sung số, ký hiệu và ngày ban hành Chỉ thị.').first()).toBeVisible();
  await page.goto(`/assignments/${assignmentId}`);
  await expect(page.getByText('Báo cáo bị trả lại — lý do:')).toBeVisible();
  await page
    .getByLabel('Kết quả thực hiện')
    .fill('Đảng ủy phường đã ban hành Chỉ thị số 05-CT/ĐU ngày 10/11/2026 về đẩy mạnh cải cách hành chính.');
  await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await expect(page.getByRole('heading', { name: 'Đã gửi báo cáo — đang chờ duyệt' })).toBeVisible();
  await logout(page);

  // 4. The head approves.
  await loginAs(page, 'tp.noivu', `/reviews?unit=${tranPhu!.id}`);
  await page
    .getByTestId('review-inbox')
    .getByRole('link', { name: /Phường Trần Phú.*(?<!I)I\.4(?!\d)/ })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Báo cáo của Phường Trần Phú');
  await page.getByRole('button', { name: 'Duyệt' }).click();
  await expect(page.getByTestId('report-status')).toHaveText('Đã duyệt');
  await expect(page.getByTestId('timeline')).toContainText('Yêu cầu bổ sung báo cáo');
  await logout(page);

  // 5. The officer's list and the chairman's counts follow (the full list: the home shows the most
  // urgent rows first, done ones last — decision 032).
  await loginAs(page, 'cb.tranphu', '/assignments');
  await expect(page.getByRole('link', { name: /(?:^|\s)I\.4(?!\d)/ })).toContainText('Hoàn thành đúng hạn');
  await logout(page);
  await loginAs(page, 'chutich');
  await expect(page.getByTestId('count-DONE_ON_TIME')).toHaveText(String(before + 1));
});

test('bad input keeps what was typed and writes nothing', async ({ page }) => {
  const [{ id: assignmentId }] = (await query<{ id: number }>(
    `SELECT a.id FROM "Assignment" a JOIN "Unit" u ON u.id = a."unitId" JOIN "Task" t ON t.id = a."taskId"
     JOIN "Section" s ON s.id = t."sectionId" WHERE u.code = 'P-NAMHA' AND s.numeral = 'I' AND t.number = '5'`,
  )) as [{ id: number }];
  await loginAs(page, 'cb.namha', `/assignments/${assignmentId}`);
  await page.getByLabel('Tiến độ (%)').fill('150');
  await page.getByLabel('Khó khăn, vướng mắc').fill('Thiếu cán bộ chuyên trách.');
  await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await expect(page.getByText('Tiến độ không được vượt quá 100%.')).toBeVisible();
  await expect(page.getByLabel('Khó khăn, vướng mắc')).toHaveValue('Thiếu cán bộ chuyên trách.');
  await expect(page.getByLabel('Tiến độ (%)')).toHaveValue('150');
  const rows = await query<{ n: number }>(`SELECT count(*)::int AS n FROM "Report" WHERE "assignmentId" = $1`, [
    assignmentId,
  ]);
  expect(rows[0]!.n).toBe(0);
});

test('the bell counts unread notifications and empties as soon as they are marked read', async ({ page }) => {
  // The count comes with the session's query (decision 032): it must not be the one read before the action.
  test.setTimeout(90_000);
  const user = await createTestUser('cb.bell', 'Chuong-bao@2026');
  for (const title of ['Nhiệm vụ mới được giao', 'Báo cáo đã được duyệt', 'Sắp đến hạn báo cáo'])
    await query(`INSERT INTO "Notification" ("userId", kind, title, link) VALUES ($1, 'test', $2, '/')`, [
      user.id,
      title,
    ]);
  await login(page, user.username, 'Chuong-bao@2026');
  await expect(page.getByTestId('unread-count')).toHaveText('3');
  await page.goto('/notifications');
  await page.getByRole('button', { name: 'Đánh dấu tất cả đã đọc (3)' }).click();
  await expect(page.getByRole('button', { name: /Đánh dấu tất cả đã đọc/ })).toBeHidden();
  await expect(page.getByTestId('unread-count')).toBeHidden();
  await expect(page.getByRole('link', { name: 'Thông báo', exact: true })).toBeVisible();
});
