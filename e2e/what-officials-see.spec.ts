import { expect, test } from './fixtures';
import { loginAs, query } from './helpers';

/** Issue 12: what each role sees first, on a screen and on a phone. */

test('on a 360 px phone the main navigation is a menu that lists every entry and leads to them', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await loginAs(page, 'chutich');
  const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
  const menu = nav.getByText('Menu', { exact: true });
  await expect(menu).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Đề nghị gia hạn' })).toBeHidden();
  await menu.click();
  for (const entry of ['Trang chủ', 'Bảng điều khiển', 'Tình hình nộp báo cáo', 'Đề nghị gia hạn', 'Đổi mật khẩu']) {
    await expect(nav.getByRole('link', { name: entry })).toBeVisible();
  }
  await nav.getByRole('link', { name: 'Đề nghị gia hạn' }).click();
  await expect(page).toHaveURL(/\/extensions$/);
  // The menu names where one is, and closed itself on the way.
  await expect(nav.getByText('· Đề nghị gia hạn')).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Đổi mật khẩu' })).toBeHidden();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('on a screen every navigation entry is shown, none cut off', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await loginAs(page, 'admin');
  const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
  await expect(nav.getByText('Menu', { exact: true })).toBeHidden();
  for (const link of await nav.getByRole('link').all()) {
    await expect(link).toBeInViewport({ ratio: 1 });
  }
});

test('the administrator’s home says what to set up next', async ({ page }) => {
  await loginAs(page, 'admin');
  await expect(page.getByRole('heading', { level: 1, name: 'Việc cần làm tiếp' })).toBeVisible();
  const steps = page.getByTestId('admin-next-steps');
  await expect(steps.getByRole('listitem')).toHaveCount(4);
  await steps.getByRole('link', { name: 'Nhập văn bản chỉ đạo' }).click();
  await expect(page).toHaveURL(/\/admin\/programmes\/import$/);
});

test('the chairman’s home shows the extension waiting for him; requesting and deciding one are confirmed', async ({
  page,
}) => {
  await loginAs(page, 'chutich');
  await expect(page.getByRole('heading', { name: /Đề nghị gia hạn chờ quyết định/ })).toBeVisible();
  await expect(page.getByTestId('home-extensions')).toContainText('Phường Nguyễn Du');

  // An officer asks for more time on an overdue task and is told it was sent.
  const [bacHa] = await query<{ id: number }>(
    `SELECT a.id FROM "Assignment" a JOIN "Unit" u ON u.id = a."unitId" JOIN "Task" t ON t.id = a."taskId"
      JOIN "Section" s ON s.id = t."sectionId" WHERE u.code = 'P-BACHA' AND s.numeral = 'I' AND t.number = '1'`,
  );
  const later = new Date(Date.now() + 40 * 86_400_000);
  const date = later.toLocaleDateString('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  });
  await page.context().clearCookies();
  await loginAs(page, 'cb.bacha', `/assignments/${bacHa!.id}`);
  await page.getByText('Đề nghị gia hạn', { exact: true }).click();
  await page.getByLabel('Thời hạn đề nghị').fill(date);
  await page.getByLabel('Lý do').fill('Phường đang bổ sung biên bản và danh sách cán bộ được quán triệt.');
  await page.getByRole('button', { name: 'Gửi đề nghị gia hạn' }).click();
  await expect(page.getByTestId('notice')).toHaveText(/Đã gửi đề nghị gia hạn/);

  // The chairman sees it at home and decides; the page confirms the decision.
  await page.context().clearCookies();
  await loginAs(page, 'chutich');
  await expect(page.getByTestId('home-extensions')).toContainText('Phường Bắc Hà');
  await page.getByRole('link', { name: 'Xem và quyết định' }).click();
  const item = page.getByRole('listitem').filter({ hasText: 'Phường Bắc Hà' });
  await item.getByRole('button', { name: 'Đồng ý gia hạn' }).click();
  await expect(page.getByTestId('notice')).toHaveText(/Đã đồng ý gia hạn/);
  await expect(page.getByRole('listitem').filter({ hasText: 'Phường Bắc Hà' })).toHaveCount(0);
});

test('the file picker speaks Vietnamese and lists the chosen file', async ({ page }) => {
  await loginAs(page, 'admin', '/admin/programmes/import');
  await expect(page.getByText('Chọn tệp', { exact: true })).toBeVisible();
  await expect(page.getByTestId('chosen-files')).toHaveText('Chưa chọn tệp nào');
  await page.getByLabel(/Hoặc chọn tệp/).setInputFiles({
    name: 'ke-hoach.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('KẾ HOẠCH\nI. Nhiệm vụ\n1. Phòng Nội vụ chủ trì.'),
  });
  await expect(page.getByTestId('chosen-files').getByRole('listitem')).toHaveText([/^ke-hoach\.txt/]);
});

test('files dropped on the picker are chosen, a wrong type is refused, a chosen file can be taken out by keyboard, and the dropped file is sent', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await loginAs(page, 'admin', '/admin/programmes/import');
  const zone = page.getByTestId('file-drop-zone');
  await expect(zone).toContainText('kéo thả tệp vào đây');
  const drop = async (files: { name: string; type: string; text: string }[]) => {
    const dataTransfer = await page.evaluateHandle((list) => {
      const transfer = new DataTransfer();
      for (const f of list) transfer.items.add(new File([f.text], f.name, { type: f.type }));
      return transfer;
    }, files);
    await zone.dispatchEvent('dragenter', { dataTransfer });
    await zone.dispatchEvent('dragover', { dataTransfer });
    await zone.dispatchEvent('drop', { dataTransfer });
  };
  const directive = [
    'UBND THÀNH PHỐ HÀ TĨNH',
    'KẾ HOẠCH',
    'Triển khai công tác cải cách hành chính năm 2027',
    'I. NHIỆM VỤ',
    '1. Phòng Nội vụ chủ trì rà soát thủ tục hành chính. Thời hạn: 30/6/2027.',
    '2. Phòng Tư pháp chủ trì kiểm soát văn bản. Thời hạn: 30/9/2027.',
  ].join('\n');

  // A picture is not a directive: refused with its name, nothing chosen.
  await drop([{ name: 'anh-chup.png', type: 'image/png', text: 'x' }]);
  await expect(zone).toContainText('Không nhận anh-chup.png');
  await expect(page.getByTestId('chosen-files')).toHaveText('Chưa chọn tệp nào');

  await drop([{ name: 'ke-hoach-2027.txt', type: 'text/plain', text: directive }]);
  const chosen = page.getByTestId('chosen-files');
  await expect(chosen.getByRole('listitem')).toHaveText([/^ke-hoach-2027\.txt/]);
  expect(await page.getByLabel(/Hoặc chọn tệp/).evaluate((el: HTMLInputElement) => el.files?.[0]?.name)).toBe(
    'ke-hoach-2027.txt',
  );

  // Taken out with the keyboard: Tab from the file input reaches its remove button.
  await page.getByLabel(/Hoặc chọn tệp/).focus();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Bỏ tệp ke-hoach-2027.txt' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(chosen).toHaveText('Chưa chọn tệp nào');
  expect(await page.getByLabel(/Hoặc chọn tệp/).evaluate((el: HTMLInputElement) => el.files?.length)).toBe(0);

  // Dropped again and sent: the server reads the dropped file.
  await drop([{ name: 'ke-hoach-2027.txt', type: 'text/plain', text: directive }]);
  await page.getByRole('button', { name: 'Phân tích văn bản' }).click();
  await expect(page.getByRole('heading', { name: /Rà soát trước khi lưu \(1 mục, 2 nhiệm vụ\)/ })).toBeVisible();
});

test.describe('the dashboard’s charts', () => {
  test('long unit names are wrapped whole, with the full name on hover', async ({ page }) => {
    await loginAs(page, 'chutich', '/dashboard');
    const offices = page.getByRole('figure', { name: 'Theo phòng, ban' });
    const name = 'Phòng Tài chính – Kế hoạch';
    const tick = offices.locator('a', { has: page.locator(`title:text-is("${name}")`) });
    await expect(tick).toHaveCount(1);
    const drawn = (await tick.locator('text').textContent()) ?? '';
    expect(drawn.replace(/\s/g, '')).toBe(name.replace(/\s/g, ''));
  });

  test('the trend shows tasks stacked by status, month by month and by quarter', async ({ page }) => {
    test.setTimeout(90_000);
    await loginAs(page, 'chutich', '/dashboard');
    const trend = page.getByRole('figure', { name: 'Số nhiệm vụ theo tình trạng, theo tháng' });
    await expect(trend.locator('.recharts-area')).toHaveCount(5);
    for (const status of ['Hoàn thành đúng hạn', 'Hoàn thành quá hạn', 'Đang thực hiện quá hạn', 'Chưa thực hiện'])
      await expect(trend.locator('.recharts-legend-item-text', { hasText: status }).first()).toBeVisible();
    // The stack's top is the number of tasks at the last cut-off, not a percentage axis.
    const ticks = (await trend.locator('.recharts-yAxis-tick-labels text').allTextContents()).map(Number);
    expect(Math.max(...ticks)).toBeGreaterThan(100);
    await trend.getByRole('button', { name: 'Theo quý' }).click();
    await expect(page.getByRole('figure', { name: 'Số nhiệm vụ theo tình trạng, theo quý' })).toBeVisible();
  });

  test('the tables behind the charts are drawn when opened, not shipped in the first HTML', async ({ page }) => {
    await loginAs(page, 'chutich');
    const html = await (await page.request.get('/dashboard')).text();
    expect(html).not.toContain('Đang thực hiện quá hạn</th>');
    await page.goto('/dashboard');
    const local = page.locator('section', { has: page.getByRole('heading', { name: 'Theo phường, xã' }) });
    await expect(local.getByRole('table')).toHaveCount(0);
    await local.getByText(/Xem bảng số liệu/).click();
    await expect(local.getByRole('table')).toBeVisible();
    await expect(local.getByRole('rowheader', { name: 'Phường Trần Phú' })).toBeVisible();
  });

  test('a head whose scope is one unit gets a table, not a page of charts', async ({ page }) => {
    await loginAs(page, 'tp.vhtt', '/dashboard');
    await expect(page.getByRole('heading', { name: 'Theo đơn vị' })).toBeVisible();
    await expect(page.getByRole('rowheader', { name: 'Phòng Văn hóa và Thông tin' })).toBeVisible();
    await expect(page.getByTestId('ranking-table')).toHaveCount(0);
    await expect(page.getByTestId('heatmap')).toHaveCount(0);
  });
});

test('where tasks of several plans are listed together, each names its plan by Số/ký hiệu', async ({ page }) => {
  test.setTimeout(120_000);
  // Both yearly plans have a task 2.3 "Số hóa hồ sơ…": the officer's list tells them apart.
  const plans = await query<{ documentNumber: string }>(
    `SELECT DISTINCT p."documentNumber" FROM "Assignment" a JOIN "Unit" u ON u.id = a."unitId"
      JOIN "Task" t ON t.id = a."taskId" JOIN "Programme" p ON p.id = t."programmeId"
      WHERE u.code = 'P-TRANPHU' AND t.number = '3' AND t.title LIKE 'Số hóa hồ sơ%' ORDER BY 1`,
  );
  expect(plans.map((p) => p.documentNumber)).toEqual(['125/KH-UBND', '98/KH-UBND']);
  // The unit's full list (the home shows its most urgent rows only, decision 032).
  await loginAs(page, 'cb.tranphu', '/assignments');
  const list = page.getByTestId('assignment-list');
  const rows = list.getByRole('listitem').filter({ hasText: 'Số hóa hồ sơ, kết quả giải quyết' });
  await expect(rows).toHaveCount(2);
  for (const plan of plans)
    await expect(rows.getByTestId('programme-tag').filter({ hasText: plan.documentNumber })).toHaveCount(1);
  // Every row says its plan; a programme without a number by the start of its title, in full on hover.
  await expect(list.getByTestId('programme-tag')).toHaveCount(await list.getByRole('listitem').count());
  await expect(
    list
      .getByTestId('programme-tag')
      .filter({ hasText: /^Triển khai Nghị quyết 76\/NQ-CP…$/ })
      .first(),
  ).toHaveAttribute('title', /^Triển khai Nghị quyết 76\/NQ-CP về Chương trình tổng thể/);

  // The chairman's overdue list, from several plans, names them too.
  await loginAs(page, 'chutich', '/dashboard');
  const overdue = page.getByRole('region', { name: /Nhiệm vụ quá hạn/ }).getByTestId('assignment-table');
  const overdueRows = overdue.locator('tbody tr');
  await expect(overdueRows.first()).toBeVisible();
  await expect(overdue.getByTestId('programme-tag')).toHaveCount(await overdueRows.count());
});
