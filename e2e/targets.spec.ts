import { expect, test } from './fixtures';
import { loginAs, logout, query } from './helpers';

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
const INDICATOR = 'Tỷ lệ thủ tục hành chính cung cấp dịch vụ công trực tuyến mức độ 3, 4';

test('a ward reports a target value with evidence → the standing office approves → the dashboard shows it against the target', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const [{ id: assignmentId }] = (await query<{ id: number }>(
    `SELECT a.id FROM "Assignment" a JOIN "Unit" u ON u.id = a."unitId" JOIN "Indicator" i ON i."taskId" = a."taskId"
     WHERE u.code = 'P-TRANPHU' AND i.code = 'NQ76-TTHC-03'`,
  )) as [{ id: number }];

  // 1. The ward officer reports the value of this half-year, with the extract from the province's system.
  await loginAs(page, 'cb.tranphu', `/assignments/${assignmentId}`);
  const value = page.getByLabel('Giá trị chỉ tiêu đạt được trong kỳ (%)');
  await page.getByLabel('Kết quả thực hiện').fill('Số liệu 6 tháng cuối năm trích xuất từ hệ thống của tỉnh.');
  await page.getByRole('button', { name: 'Gửi báo cáo' }).click(); // no value → refused, entries kept
  await expect(page.getByText('Nhập giá trị chỉ tiêu đạt được trong kỳ trước khi gửi.')).toBeVisible();
  await expect(page.getByLabel('Kết quả thực hiện')).toHaveValue(/Số liệu 6 tháng cuối năm/);
  await value.fill('86,5');
  await page
    .getByLabel('Tài liệu kiểm chứng', { exact: true })
    .setInputFiles({ name: 'trich-xuat-dvc.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect(page.getByRole('link', { name: 'trich-xuat-dvc.pdf' })).toBeVisible();
  await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await expect(page.getByRole('heading', { name: 'Đã gửi báo cáo — đang chờ duyệt' })).toBeVisible();
  await logout(page);

  // 2. The standing office's head sees the value and approves.
  const [{ id: reportId }] = (await query<{ id: number }>(
    `SELECT id FROM "Report" WHERE "assignmentId" = $1 AND status = 'SUBMITTED'`,
    [assignmentId],
  )) as [{ id: number }];
  await loginAs(page, 'tp.noivu', `/reports/${reportId}`);
  await expect(page.getByTestId('indicator-value')).toContainText('86,5%');
  await page.getByRole('button', { name: 'Duyệt' }).click();
  await expect(page.getByTestId('report-status')).toHaveText('Đã duyệt');
  await logout(page);

  // 3. The chairman's dashboard: Trần Phú's latest approved value, on the trajectory.
  await loginAs(page, 'chutich', '/dashboard');
  const card = page.getByTestId('indicator-NQ76-TTHC-03');
  await expect(card.getByRole('heading', { name: INDICATOR })).toBeVisible();
  await expect(card).toContainText('Mục tiêu: 80% (2025), 90% (2030)');
  await card.getByText(/Chi tiết \d+ đơn vị/).click();
  const row = card.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Phường Trần Phú' }) });
  await expect(row.getByRole('link', { name: '86,5%' })).toBeVisible();
  await expect(row).toContainText('Đạt lộ trình');
  await expect(row).toContainText('Cần +3,5 điểm % đến 2030');
});
