import { expect, test } from './fixtures';
import { login, loginAs, query } from './helpers';

/** A short directive in the shape of a real one: two Roman sections, a lead, partners, a deadline, a cycle. */
const DIRECTIVE = `KẾ HOẠCH
Kiểm tra công tác cải cách hành chính năm 2027

I. Nhiệm vụ chung
1. Phòng Nội vụ chủ trì, phối hợp với Phòng Tư pháp xây dựng kế hoạch kiểm tra, hoàn thành trước 31/3/2027.
2. UBND các phường, xã tự kiểm tra và báo cáo kết quả hàng quý.
II. Tuyên truyền
1. Phòng văn hóa - thông tin tuyên truyền thường xuyên về cải cách hành chính, phối hợp với Báo Hà Tĩnh.`;

test('the administrator imports a directive, corrects it in the review grid, and the programme appears with its tasks', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await loginAs(page, 'admin', '/admin/programmes');
  await page.getByRole('link', { name: 'Nhập từ văn bản' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nhập chương trình từ văn bản chỉ đạo' })).toBeVisible();
  await page.getByLabel('Nội dung văn bản').fill(DIRECTIVE);
  await page.getByRole('button', { name: 'Phân tích văn bản' }).click();

  // The proposal: 2 sections, 3 tasks, the lead and deadline read, the outside partner flagged.
  await expect(page.getByRole('heading', { name: 'Rà soát trước khi lưu (2 mục, 3 nhiệm vụ)' })).toBeVisible();
  await expect(page.getByLabel('Chủ trì I.1', { exact: true })).toHaveValue('NV');
  await expect(page.getByLabel('Thời hạn I.1', { exact: true })).toHaveValue('31/03/2027');
  await expect(page.getByLabel('Thực hiện (cả nhóm) I.2', { exact: true })).toHaveValue('WARDS_COMMUNES');
  await expect(page.getByTestId('unmatched-unit')).toContainText('Báo Hà Tĩnh');
  await expect(page.getByLabel('Tên chương trình')).toHaveValue(
    'Kế hoạch kiểm tra công tác cải cách hành chính năm 2027',
  );

  // The reviewer corrects a title and the deadline, then saves.
  await page.getByLabel('Tên nhiệm vụ I.1', { exact: true }).fill('Xây dựng kế hoạch kiểm tra CCHC năm 2027');
  await page.getByLabel('Thời hạn I.1', { exact: true }).fill('30/04/2027');
  await page.getByRole('button', { name: 'Lưu chương trình' }).click();

  await expect(page).toHaveURL(/\/admin\/programmes\/\d+\?imported=1$/);
  await expect(page.getByRole('status')).toContainText('Đã nhập chương trình: 2 mục, 3 nhiệm vụ');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Kế hoạch kiểm tra công tác cải cách hành chính năm 2027' }),
  ).toBeVisible();
  const sectionI = page.getByRole('region', { name: 'Mục I', exact: true });
  await expect(sectionI.getByRole('link', { name: 'Xây dựng kế hoạch kiểm tra CCHC năm 2027' })).toBeVisible();
  await expect(sectionI).toContainText('30/04/2027');
  await expect(sectionI).toContainText('Chủ trì: Phòng Nội vụ');
  await expect(page.getByRole('region', { name: 'Mục II', exact: true })).toContainText(
    'Chủ trì: Phòng Văn hóa và Thông tin',
  );

  // What was saved, against the database: every active ward and commune got task I.2.
  const programmeId = Number(new URL(page.url()).pathname.split('/').pop());
  const [{ n: wards }] = (await query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "Unit" WHERE active AND kind IN ('WARD', 'COMMUNE')`,
  )) as [{ n: number }];
  const rows = await query<{ numeral: string; number: string; title: string; due: string | null; n: number }>(
    `SELECT s.numeral, t.number, t.title, to_char(t."dueDate", 'YYYY-MM-DD') AS due, count(a.id)::int AS n
     FROM "Task" t JOIN "Section" s ON s.id = t."sectionId" LEFT JOIN "Assignment" a ON a."taskId" = t.id
     WHERE t."programmeId" = $1 GROUP BY s.numeral, s."order", t.number, t."order", t.title, t."dueDate" ORDER BY s."order", t."order"`,
    [programmeId],
  );
  expect(rows).toEqual([
    { numeral: 'I', number: '1', title: 'Xây dựng kế hoạch kiểm tra CCHC năm 2027', due: '2027-04-30', n: 2 },
    {
      numeral: 'I',
      number: '2',
      title: 'UBND các phường, xã tự kiểm tra và báo cáo kết quả hàng quý',
      due: null,
      n: wards,
    },
    {
      numeral: 'II',
      number: '1',
      title: expect.stringContaining('Phòng văn hóa - thông tin tuyên truyền') as unknown as string,
      due: null,
      n: 1,
    },
  ]);
});

test('the administrator creates a user who can log in; deactivating them ends their open session at once', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const username = `cb.dainai.${Date.now().toString(36)}`;
  const password = 'Mat-khau-e2e-2027';

  await loginAs(page, 'admin', '/admin/users');
  await page.getByRole('link', { name: 'Thêm người dùng' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Thêm người dùng' })).toBeVisible();
  await page.getByLabel('Tên đăng nhập', { exact: true }).fill(username);
  await page.getByLabel('Họ và tên').fill('Hoàng Thị Thu');
  await page.getByLabel('Chức vụ').fill('Công chức Văn phòng – Thống kê phường Đại Nài');
  await page.getByLabel('Vai trò').selectOption({ label: 'Công chức' });
  await page.getByLabel('Đơn vị', { exact: true }).selectOption({ label: 'Phường Đại Nài' });
  // Too short first: refused next to the field, what was typed stays.
  await page.getByLabel('Mật khẩu ban đầu').fill('ngan');
  await page.getByRole('button', { name: 'Tạo người dùng' }).click();
  await expect(page.getByText('Mật khẩu cần ít nhất 12 ký tự.')).toBeVisible();
  await expect(page.getByLabel('Họ và tên')).toHaveValue('Hoàng Thị Thu');
  await expect(page.getByLabel('Tên đăng nhập', { exact: true })).toHaveValue(username);
  await expect(page.getByLabel('Đơn vị', { exact: true })).toHaveValue(/^\d+$/);
  await page.getByLabel('Mật khẩu ban đầu').fill(password);
  await page.getByRole('button', { name: 'Tạo người dùng' }).click();
  await expect(page.getByRole('status')).toHaveText(`Đã tạo người dùng ${username}.`);

  // The new officer signs in, in another browser, and sees their ward's tasks.
  const other = await browser.newContext();
  const officer = await other.newPage();
  await login(officer, username, password);
  await expect(officer.getByRole('heading', { level: 1, name: 'Nhiệm vụ của Phường Đại Nài' })).toBeVisible();

  // The administrator locks the account…
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Khóa tài khoản' }).click();
  await expect(page.getByText('Đã khóa tài khoản. Mọi phiên đăng nhập của người dùng này đã kết thúc.')).toBeVisible();
  await expect(page.getByTestId('user-status')).toHaveText('Đã khóa');

  // …and the officer's open session ends at their next request; signing in again is refused.
  await officer.goto('/assignments');
  await expect(officer).toHaveURL(/\/login/);
  await officer.getByLabel('Tên đăng nhập').fill(username);
  await officer.getByLabel('Mật khẩu').fill(password);
  await officer.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(officer.locator('#login-error')).toHaveText('Tên đăng nhập hoặc mật khẩu không đúng.');
  await other.close();
});

test('the standing office’s head manages programmes but not users or units', async ({ page }) => {
  test.setTimeout(90_000); // six page loads: over 30 s on a busy machine (seen at load 25)
  await loginAs(page, 'tp.noivu');
  await expect(
    page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Chương trình' }),
  ).toBeVisible();
  await page.goto('/admin/programmes');
  await expect(page.getByRole('heading', { level: 1, name: /Chương trình, kế hoạch/ })).toBeVisible();
  for (const path of ['/admin/users', '/admin/units', '/admin/users/new', '/admin/units/merge']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { name: 'Không tìm thấy trang' })).toBeVisible();
  }
});
