import { expect, test } from './fixtures';
import { login, logout, query } from './helpers';

/**
 * Decision 023: an administrator creates an indicator with a 2030 target for one ward on the
 * programme's pages; the ward's officer reports a value, the standing office's head approves, and
 * the chairman's dashboard shows it against the target.
 */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
const CODE = 'HT-E2E-DUNGHAN';
const NAME = 'Tỷ lệ hồ sơ thủ tục hành chính của phường giải quyết đúng hạn';

test('admin creates an indicator for a ward → the ward reports → the head approves → the dashboard shows it against the 2030 target', async ({
  page,
}) => {
  test.setTimeout(480_000);
  await query(`DELETE FROM "Task" WHERE id IN (SELECT "taskId" FROM "Indicator" WHERE code = $1)`, [CODE]);
  const [{ id: programmeId }] = (await query<{ id: number }>(
    `SELECT id FROM "Programme" WHERE title LIKE 'Theo dõi các chỉ tiêu%'`,
  )) as [{ id: number }];

  // 1. The administrator adds the indicator on the programme's page.
  await login(page, 'admin');
  await page.goto(`/admin/programmes/${programmeId}`);
  await page.getByRole('link', { name: 'Thêm chỉ tiêu' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Thêm chỉ tiêu' })).toBeVisible();
  await page.getByLabel('Mã chỉ tiêu').fill(CODE);
  await page.getByLabel('Tên chỉ tiêu').fill(NAME);
  await page.getByLabel('Lĩnh vực cải cách').selectOption({ label: 'Cải cách thủ tục hành chính' });
  await page.getByLabel('Kỳ báo cáo (Nghị định 09/2019)').selectOption({ label: '6 tháng' });
  await page.getByLabel('Giá trị cơ sở').fill('70');
  await page.getByLabel('Năm cơ sở').fill('2024');
  // The form offers 2025 and 2030; only 2030 is given a value → refused, entries kept.
  await page.getByLabel('Giá trị (mục tiêu 2)').fill('98,5');
  await page.getByLabel('Đơn vị báo cáo').selectOption({ label: 'Phường Trần Phú' });
  await page.getByRole('button', { name: 'Thêm chỉ tiêu' }).click();
  await expect(page.getByText('Nhập giá trị mục tiêu năm 2025.')).toBeVisible();
  await expect(page.getByLabel('Tên chỉ tiêu')).toHaveValue(NAME);
  await expect(page.getByLabel('Giá trị (mục tiêu 2)')).toHaveValue('98,5');
  await page.getByLabel('Năm (mục tiêu 1)').fill('');
  await page.getByRole('button', { name: 'Thêm chỉ tiêu' }).click();
  await expect(page.getByTestId('notice')).toContainText('Đã tạo chỉ tiêu');
  await expect(page.getByRole('heading', { level: 1, name: NAME })).toBeVisible();
  await expect(page.getByTestId('indicator-status')).toHaveText('Đang theo dõi');
  await expect(page.getByText('Phường Trần Phú', { exact: true })).toBeVisible();
  await logout(page);

  // 2. The ward's officer reports this half-year's value with its evidence.
  const [{ id: assignmentId }] = (await query<{ id: number }>(
    `SELECT a.id FROM "Assignment" a JOIN "Indicator" i ON i."taskId" = a."taskId" WHERE i.code = $1`,
    [CODE],
  )) as [{ id: number }];
  await login(page, 'cb.tranphu');
  await page.goto(`/assignments/${assignmentId}`);
  await page.getByLabel('Kết quả thực hiện').fill('Số hồ sơ giải quyết đúng hạn 6 tháng, trích xuất từ hệ thống.');
  await page.getByLabel('Giá trị chỉ tiêu đạt được trong kỳ (%)').fill('91,2');
  await page
    .getByLabel('Tài liệu kiểm chứng', { exact: true })
    .setInputFiles({ name: 'dung-han.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect(page.getByRole('link', { name: 'dung-han.pdf' })).toBeVisible();
  await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await expect(page.getByRole('heading', { name: 'Đã gửi báo cáo — đang chờ duyệt' })).toBeVisible();
  await logout(page);

  // 3. The standing office's head approves it.
  const [{ id: reportId }] = (await query<{ id: number }>(
    `SELECT id FROM "Report" WHERE "assignmentId" = $1 AND status = 'SUBMITTED'`,
    [assignmentId],
  )) as [{ id: number }];
  await login(page, 'tp.noivu');
  await page.goto(`/reports/${reportId}`);
  await expect(page.getByTestId('indicator-value')).toContainText('91,2%');
  await page.getByRole('button', { name: 'Duyệt' }).click();
  await expect(page.getByTestId('report-status')).toHaveText('Đã duyệt');
  await logout(page);

  // 4. The chairman's dashboard: the new indicator, its 2030 target, the ward's approved value.
  await login(page, 'chutich');
  await page.goto('/dashboard');
  const card = page.getByTestId(`indicator-${CODE}`);
  await expect(card.getByRole('heading', { name: NAME })).toBeVisible();
  await expect(card).toContainText('Mục tiêu: 98,5% (2030)');
  await card.getByText(/Chi tiết 1 đơn vị/).click();
  const row = card.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Phường Trần Phú' }) });
  await expect(row.getByRole('link', { name: '91,2%' })).toBeVisible();
  await expect(row).toContainText('đến 2030');
});
