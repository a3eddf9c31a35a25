import ExcelJS from 'exceljs';
import { expect, test } from './fixtures';
import { missedPeriods, isRecurring } from '../lib/domain/slot';
import { vnDateOf } from '../lib/domain/time';
import { loginAs, query } from './helpers';

/** Counts straight from the database, written independently of the app's SQL. */
async function count(sql: string, params: unknown[] = []): Promise<number> {
  return (await query<{ n: number }>(sql, params))[0]!.n;
}

const LIVE = `FROM "Assignment" a JOIN "Task" t ON t.id = a."taskId" JOIN "Unit" u ON u.id = a."unitId" WHERE t."archivedAt" IS NULL`;
/** One-off and continuous work past its deadline and not done. */
const OVERDUE = `AND t.recurrence IN ('ONCE', 'CONTINUOUS') AND a."completedAt" IS NULL AND a."dueDate" < (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`;

/**
 * Overdue assignments: the one-off ones by the SQL above, plus the recurring ones that owe a closed
 * period (the year plan's quarterly report, assigned months ago), counted with the pure period rule.
 */
async function overdueCount(): Promise<number> {
  const oneOff = await count(`SELECT count(*)::int AS n ${LIVE} ${OVERDUE}`);
  const recurring = await query<{ recurrence: string; created: Date; done: string[] | null }>(
    `SELECT t.recurrence, a."createdAt" AS created,
            (SELECT array_agg(r."periodKey") FROM "Report" r WHERE r."assignmentId" = a.id AND r."completedAt" IS NOT NULL) AS done
       ${LIVE} AND t.recurrence NOT IN ('ONCE', 'CONTINUOUS')`,
  );
  const now = new Date();
  const owing = recurring.filter(
    (a) =>
      isRecurring(a.recurrence as 'MONTHLY') &&
      missedPeriods(
        a.recurrence as 'MONTHLY',
        vnDateOf(a.created),
        (a.done ?? []).map((periodKey) => ({ periodKey, completedAt: now })),
        vnDateOf(now),
        now,
      ).length > 0,
  );
  return oneOff + owing.length;
}

test.describe('the chairman’s dashboard', () => {
  test('opens city-wide, filters by unit kind, drills into a ward, and the numbers match the database', async ({
    page,
  }) => {
    await loginAs(page, 'chutich');
    await page
      .getByRole('navigation', { name: 'Điều hướng chính' })
      .getByRole('link', { name: 'Bảng điều khiển' })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'Bảng điều khiển' })).toBeVisible();
    await expect(page.getByTestId('dashboard-scope')).toHaveText('Phạm vi: toàn thành phố');

    const total = await count(`SELECT count(*)::int AS n ${LIVE}`);
    const overdue = await overdueCount();
    await expect(page.getByTestId('count-total')).toHaveText(String(total));
    await expect(page.getByTestId('count-IN_PROGRESS_OVERDUE')).toHaveText(String(overdue));
    await expect(page.getByTestId('headline')).toContainText(`nhiệm vụ, ${total} lượt giao cho đơn vị`);
    await expect(page.getByTestId('overdue-total')).toHaveText(String(overdue));
    await expect(page.getByRole('heading', { name: 'Theo phường, xã' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Theo phòng, ban' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Xu hướng hoàn thành' })).toBeVisible();
    await expect(page.getByTestId('heatmap')).toBeVisible();

    // A filter lives in the URL, and the numbers follow it.
    await page.getByLabel('Loại đơn vị').selectOption('WARD');
    await page.getByRole('button', { name: 'Áp dụng' }).click();
    await expect(page).toHaveURL(/[?&]kind=WARD(&|$)/);
    const wards = await count(`SELECT count(*)::int AS n ${LIVE} AND u.kind = 'WARD'`);
    await expect(page.getByTestId('count-total')).toHaveText(String(wards));
    await expect(page.getByRole('heading', { name: 'Theo phường, xã' })).toBeVisible();
    await expect(page.getByTestId('ranking-table').getByRole('link', { name: 'Xã Thạch Hạ' })).toHaveCount(0);

    // Drill into one ward from the ranking.
    const [tranPhu] = await query<{ id: number }>(`SELECT id FROM "Unit" WHERE code = 'P-TRANPHU'`);
    await page.getByTestId('ranking-table').getByRole('link', { name: 'Phường Trần Phú' }).click();
    await expect(page).toHaveURL(new RegExp(`/dashboard/assignments\\?.*unit=${tranPhu!.id}`));
    await expect(page).toHaveURL(/kind=WARD/);
    const own = await count(`SELECT count(*)::int AS n ${LIVE} AND u.code = 'P-TRANPHU'`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Phường Trần Phú');
    await expect(page.getByTestId('drill-total')).toHaveText(String(own));
    const rows = page.getByTestId('assignment-table').locator('tbody tr');
    await expect(rows).toHaveCount(own);
    // Every row is Trần Phú's, and opens the assignment.
    await expect(page.getByTestId('assignment-table').getByText('Phường Nam Hà')).toHaveCount(0);
    await rows.first().getByRole('link').first().click();
    await expect(page).toHaveURL(/\/assignments\/\d+$/);
    await expect(page.getByRole('main').getByText('Phường Trần Phú').first()).toBeVisible();
  });

  test('the whole ranking and the whole heatmap open a page at a time from their start on the dashboard', async ({
    page,
  }) => {
    await loginAs(page, 'chutich', '/dashboard');
    const units = await count(`SELECT count(DISTINCT a."unitId")::int AS n ${LIVE}`);
    const ranking = page.getByTestId('ranking-table');
    await expect(ranking.locator('tbody tr')).toHaveCount(10 + 1 + 5); // head, the "… N units …" row, tail
    await page.getByRole('link', { name: `Xem bảng xếp hạng đầy đủ (${units} đơn vị)` }).click();
    await expect(page).toHaveURL(/\/dashboard\/ranking$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Bảng xếp hạng đơn vị' })).toBeVisible();
    await expect(page.getByTestId('ranking-table').locator('tbody tr')).toHaveCount(Math.min(units, 50));
    await expect(page.getByTestId('ranking-table').locator('tbody tr').first().locator('td').first()).toHaveText('1');
    await page.getByRole('link', { name: '← Bảng điều khiển' }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByTestId('heatmap').locator('tbody tr')).toHaveCount(10);
    await page.getByRole('link', { name: `Xem toàn bộ bản đồ nhiệt (${units} đơn vị)` }).click();
    await expect(page).toHaveURL(/\/dashboard\/heatmap$/);
    await expect(page.getByTestId('heatmap').locator('tbody tr')).toHaveCount(Math.min(units, 25));
    await page.getByRole('navigation', { name: 'Phân trang' }).getByRole('link', { name: 'Trang sau →' }).click();
    await expect(page).toHaveURL(/\/dashboard\/heatmap\?page=2$/);
    await expect(page.getByTestId('heatmap').locator('tbody tr')).toHaveCount(units - 25);
    // The same list for an officer does not exist.
    await page.context().clearCookies();
    await loginAs(page, 'cb.tranphu');
    expect((await page.goto('/dashboard/ranking'))?.status()).toBe(404);
    expect((await page.goto('/dashboard/heatmap'))?.status()).toBe(404);
  });

  test('a headline card opens the overdue assignments behind it', async ({ page }) => {
    await loginAs(page, 'chutich', '/dashboard');
    const overdue = await overdueCount();
    await page.getByTestId('count-IN_PROGRESS_OVERDUE').click();
    await expect(page).toHaveURL(/status=IN_PROGRESS_OVERDUE/);
    await expect(page.getByTestId('drill-total')).toHaveText(String(overdue));
  });

  test('a bad filter value falls back to the default instead of failing', async ({ page }) => {
    await loginAs(page, 'chutich');
    const response = await page.goto('/dashboard?programme=abc&period=2026-13&kind=MARS&sort=%3Cscript%3E');
    expect(response?.status()).toBe(200);
    await expect(page.getByTestId('count-total')).toHaveText(String(await count(`SELECT count(*)::int AS n ${LIVE}`)));
  });

  test('the Excel and Word reports download with Vietnamese file names', async ({ page }) => {
    await loginAs(page, 'chutich', '/dashboard');
    const [excel] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Tải biểu tổng hợp (Excel)' }).click(),
    ]);
    expect(excel.suggestedFilename()).toMatch(/^Biểu tổng hợp \d{2}-\d{2}-\d{4}\.xlsx$/);
    // The whole file arrived and opens, its list numbered from 1 (a failure after the first byte
    // aborts the download: `next start` once failed every list this way while the name was right).
    expect(await excel.failure()).toBeNull();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await excel.path());
    const list = workbook.getWorksheet('Danh sách nhiệm vụ');
    const numbered: number[] = [];
    list?.eachRow((row) => {
      const first = row.getCell(1).value;
      if (typeof first === 'number') numbered.push(first);
    });
    expect(numbered.length).toBeGreaterThan(100);
    expect(numbered[0]).toBe(1);
    expect(numbered.at(-1)).toBe(numbered.length);
    const [word] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Tải báo cáo (Word)' }).click(),
    ]);
    expect(word.suggestedFilename()).toMatch(/^Báo cáo kết quả thực hiện \d{2}-\d{2}-\d{4}\.docx$/);
    expect(await word.failure()).toBeNull();
  });

  test('fits a 360 px phone', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await loginAs(page, 'chutich', '/dashboard');
    await expect(page.getByRole('heading', { name: 'Xu hướng hoàn thành' })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});

test.describe('who reaches which dashboard', () => {
  test('an officer sees only their own unit’s standing, and cannot reach the city-wide data', async ({ page }) => {
    const [namHa] = await query<{ id: number }>(`SELECT id FROM "Unit" WHERE code = 'P-NAMHA'`);
    await loginAs(page, 'cb.tranphu');
    const response = await page.goto('/dashboard');
    expect(response?.status()).toBe(200);
    await expect(page.getByTestId('dashboard-scope')).toHaveText('Phạm vi: Phường Trần Phú');
    await expect(page.getByTestId('count-total')).toHaveText(
      String(await count(`SELECT count(*)::int AS n ${LIVE} AND u.code = 'P-TRANPHU'`)),
    );
    await expect(page.getByTestId('ranking-table')).toHaveCount(0);
    await expect(page.getByTestId('heatmap')).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Theo phường, xã' })).toHaveCount(0);
    await expect(page.getByText('toàn thành phố')).toHaveCount(0);

    const other = await page.goto(`/dashboard/assignments?unit=${namHa!.id}`);
    expect(other?.status()).toBe(404);
    await expect(page.getByText('Phường Nam Hà')).toHaveCount(0);
    // The export gives the officer's own unit only, never the city's table.
    const file = await page.request.get('/api/exports/xlsx');
    expect(file.status()).toBe(200);
  });

  test('a department head sees the tasks their department leads and its own assignments', async ({ page }) => {
    await loginAs(page, 'tp.vhtt', '/dashboard');
    await expect(page.getByTestId('dashboard-scope')).toHaveText(
      'Phạm vi: các nhiệm vụ do Phòng Văn hóa và Thông tin chủ trì và nhiệm vụ giao cho Phòng Văn hóa và Thông tin',
    );
    const led = await count(
      `SELECT count(*)::int AS n ${LIVE} AND (EXISTS (SELECT 1 FROM "Assignment" l JOIN "Unit" lu ON lu.id = l."unitId" WHERE l."taskId" = a."taskId" AND l.role = 'LEAD' AND lu.code = 'VHTT')
         OR a."unitId" = (SELECT id FROM "Unit" WHERE code = 'VHTT'))`,
    );
    await expect(page.getByTestId('count-total')).toHaveText(String(led));
  });

  test('a visitor without a session is sent to the login page', async ({ page }) => {
    await page.goto('/dashboard');
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fdashboard/);
  });
});
