import path from 'node:path';
import { expect, test } from './fixtures';
import { loginAs, query } from './helpers';

/**
 * A Word plan whose appendix is a task table, and the same plan printed to PDF, imported through
 * the admin page: the table's rows become tasks with their lead, partners and deadline; the fields
 * the parser is unsure of are listed and reachable with the keyboard; non-dates say so.
 * Fixtures: tests/fixtures/documents (scripts/make-document-fixtures.ts).
 */
const FIXTURES = path.join(process.cwd(), 'tests/fixtures/documents');
const FILE_LABEL = 'Hoặc chọn tệp (.txt, .docx, .pdf)';

test('a .docx with a task table imports end to end; the review grid shows what to check', async ({ page }) => {
  test.setTimeout(120_000);
  await loginAs(page, 'admin', '/admin/programmes/import');
  await page.getByLabel(FILE_LABEL).setInputFiles(path.join(FIXTURES, 'ke-hoach-bang-nhiem-vu.docx'));
  await page.getByRole('button', { name: 'Phân tích văn bản' }).click();

  // Body section II (2 tasks) and the appendix table's sections I and II (3 tasks each).
  await expect(page.getByRole('heading', { name: 'Rà soát trước khi lưu (3 mục, 8 nhiệm vụ)' })).toBeVisible();
  await expect(page.getByLabel('Số, ký hiệu văn bản')).toHaveValue('88/KH-UBND');
  await expect(page.getByLabel('Chủ trì I.2', { exact: true })).toHaveValue('TP');
  // The lead cell merged over rows 2 and 3 in Word gives row 3 the same lead.
  await expect(page.getByLabel('Chủ trì I.3', { exact: true })).toHaveValue('TP');
  await expect(page.getByLabel('Thời hạn I.2', { exact: true })).toHaveValue('30/06/2023');
  await expect(page.getByLabel('Chủ trì II.5', { exact: true })).toHaveValue('VP');
  await expect(page.getByRole('list', { name: 'Đơn vị phối hợp I.1' })).toHaveText(/Phòng Nội vụ/);
  await expect(page.getByLabel('Phối hợp (cả nhóm) I.1', { exact: true })).toHaveValue('WARDS_COMMUNES');

  // Deadlines that are not dates say so, and their field is left empty.
  const notDates = page.getByTestId('deadline-not-date');
  await expect(notDates).toHaveCount(2);
  await expect(notDates.nth(0)).toContainText('việc lặp lại theo chu kỳ): «Hằng ngày trước 16 giờ»');
  await expect(notDates.nth(1)).toContainText('tính từ một sự kiện): «Sau khi Tỉnh hoàn thành kết nối hệ thống»');
  await expect(page.getByLabel('Thời hạn I.3', { exact: true })).toHaveValue('');

  // Confidence per field: an exact match, and a lead outside the registry to check.
  await expect(page.locator('#g-s1t1-lead-check')).toHaveText('✓ Khớp chính xác: Khớp «Phòng Tư pháp»');
  await expect(page.locator('#g-s1t0-lead-check')).toContainText(
    '⚠ Cần kiểm tra: «Công an thành phố» không có trong danh mục đơn vị',
  );
  await expect(page.getByRole('listitem', { name: 'Nhiệm vụ I.1' })).toHaveAttribute('data-unsure', 'true');
  await expect(page.getByRole('listitem', { name: 'Nhiệm vụ II.6' })).not.toHaveAttribute('data-unsure', 'true');

  // The list of fields to check is reached and used with the keyboard alone.
  const queue = page.getByRole('navigation', { name: /Ô cần kiểm tra/ });
  const goLead = queue.getByRole('button', { name: /^Nhiệm vụ I\.1 — Chủ trì: «Công an thành phố»/ });
  await goLead.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Chủ trì I.1', { exact: true })).toBeFocused();
  await page.getByLabel('Chủ trì I.1', { exact: true }).selectOption('NV');
  await expect(goLead).toHaveCount(0);
  await expect(page.locator('#g-s1t0-lead-check')).toContainText('Đã sửa khi rà soát');

  await page.getByRole('button', { name: 'Lưu chương trình' }).click();
  await expect(page).toHaveURL(/\/admin\/programmes\/\d+\?imported=1$/);
  await expect(page.getByRole('status')).toContainText('Đã nhập chương trình: 3 mục, 8 nhiệm vụ');
  const programmeId = Number(new URL(page.url()).pathname.split('/').pop());
  const rows = await query<{ number: string; lead: string | null }>(
    `SELECT t.number, u.code AS lead FROM "Task" t JOIN "Section" s ON s.id = t."sectionId"
     LEFT JOIN "Assignment" a ON a."taskId" = t.id AND a.role = 'LEAD' LEFT JOIN "Unit" u ON u.id = a."unitId"
     WHERE t."programmeId" = $1 AND s.title = 'HOÀN THIỆN THỂ CHẾ, DỮ LIỆU' ORDER BY t."order"`,
    [programmeId],
  );
  expect(rows).toEqual([
    { number: '1', lead: 'NV' },
    { number: '2', lead: 'TP' },
    { number: '3', lead: 'TP' },
  ]);
});

test('a text PDF gives the same review grid; a scan without readable text gets a clear Vietnamese message', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await loginAs(page, 'admin', '/admin/programmes/import');
  await page.getByLabel(FILE_LABEL).setInputFiles(path.join(FIXTURES, 'ke-hoach-bang-nhiem-vu.pdf'));
  await page.getByRole('button', { name: 'Phân tích văn bản' }).click();
  await expect(page.getByRole('heading', { name: 'Rà soát trước khi lưu (3 mục, 8 nhiệm vụ)' })).toBeVisible();
  await expect(page.getByLabel('Chủ trì I.3', { exact: true })).toHaveValue('TP');
  await expect(page.getByLabel('Thời hạn II.6', { exact: true })).toHaveValue('15/12/2023');
  await expect(page.getByLabel('Chủ trì II.5', { exact: true })).toHaveValue('VP');

  await page.getByLabel(FILE_LABEL).setInputFiles(path.join(FIXTURES, 'ban-scan.pdf'));
  await page.getByRole('button', { name: 'Phân tích văn bản' }).click();
  await expect(page.locator('#import-file-error')).toContainText('Bản scan không đọc được', { timeout: 120_000 });
});

test('a scanned PDF is read by OCR: its tasks in the grid, each field marked to check', async ({ page }) => {
  // OCR of two pages in the server's reading thread: seconds on a quiet machine, more on a busy one.
  test.setTimeout(300_000);
  await loginAs(page, 'admin', '/admin/programmes/import');
  await page.getByLabel(FILE_LABEL).setInputFiles(path.join(FIXTURES, 'ke-hoach-ban-scan.pdf'));
  await page.getByRole('button', { name: 'Phân tích văn bản' }).click();
  await expect(page.getByRole('heading', { name: /Rà soát trước khi lưu \(\d+ mục, \d+ nhiệm vụ\)/ })).toBeVisible({
    timeout: 240_000,
  });
  await expect(page.getByText('Trang 1, 2 của tệp PDF là bản scan')).toBeVisible();
  await expect(page.getByLabel('Thời hạn II.6', { exact: true })).toHaveValue('15/12/2023');
  await expect(page.getByText('⚠ Cần kiểm tra').first()).toBeVisible();
});
