import { expect, test } from './fixtures';
import type { Page } from '@playwright/test';
import { login, logout, query } from './helpers';

async function sessionCookies(page: Page) {
  return (await page.context().cookies()).filter((c) => c.name.endsWith('next-auth.session-token'));
}

/** Sign-outs recorded in the audit trail for `username`. */
async function signOutsOf(username: string): Promise<number> {
  const [row] = await query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "AuditEvent" e JOIN "User" u ON u.id = e."actorId" WHERE u.username = $1 AND e.action = 'auth.signed_out'`,
    [username],
  );
  return row!.n;
}

test.describe('login by role', () => {
  test('an officer lands on their unit’s tasks', async ({ page }) => {
    await login(page, 'cb.tranphu');
    await expect(page.getByRole('heading', { level: 1, name: 'Nhiệm vụ của Phường Trần Phú' })).toBeVisible();
    const rows = await query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Assignment" a JOIN "Unit" u ON u.id = a."unitId" WHERE u.code = 'P-TRANPHU'`,
    );
    await expect(page.getByRole('main').getByRole('listitem')).toHaveCount(rows[0]!.n);
    // I.1, approved before 15/9/2021 (other tasks of the ward change status in report-journey.spec.ts).
    await expect(
      page.getByRole('link', { name: /(?:^|\s)I\.1(?!\d)/ }).getByText('Hoàn thành đúng hạn', { exact: true }),
    ).toBeVisible();
  });

  test('a department head lands on the reports awaiting their decision', async ({ page }) => {
    await login(page, 'tp.noivu');
    await expect(page.getByRole('heading', { level: 1, name: /Báo cáo chờ duyệt \(\d+\)/ })).toBeVisible();
    await expect(page.getByTestId('review-inbox')).toContainText('Xã Thạch Hạ');
  });

  test('the chairman lands on the headline counts, and they match the database', async ({ page }) => {
    await login(page, 'chutich');
    await expect(
      page.getByRole('heading', { level: 1, name: 'Tình hình thực hiện nhiệm vụ toàn thành phố' }),
    ).toBeVisible();
    const n = (await query<{ n: number }>(`SELECT count(*)::int AS n FROM "Assignment"`))[0]!.n;
    await expect(page.getByTestId('count-total')).toHaveText(String(n));
    const tasks = (await query<{ n: number }>(`SELECT count(DISTINCT "taskId")::int AS n FROM "Assignment"`))[0]!.n;
    await expect(page.getByTestId('headline')).toContainText(`Tổng số ${tasks} nhiệm vụ, ${n} lượt giao cho đơn vị`);
  });

  test('the administrator lands on the city overview', async ({ page }) => {
    await login(page, 'admin');
    await expect(page.getByTestId('headline')).toBeVisible();
  });

  test('a wrong password gets one generic message and the username stays', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Tên đăng nhập').fill('cb.tranphu');
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(page.locator('#login-error')).toHaveText('Tên đăng nhập hoặc mật khẩu không đúng.');
    await expect(page.getByLabel('Tên đăng nhập')).toHaveValue('cb.tranphu');
    await expect(page).toHaveURL(/\/login/);
    // an unknown user gets exactly the same words
    await page.getByLabel('Tên đăng nhập').fill('khong.ton.tai');
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(page.locator('#login-error')).toHaveText('Tên đăng nhập hoặc mật khẩu không đúng.');
  });

  test('logout ends the session: pages send you back to login', async ({ page }) => {
    const before = await signOutsOf('cb.namha');
    await login(page, 'cb.namha');
    await logout(page);
    expect(await sessionCookies(page)).toEqual([]);
    expect(await signOutsOf('cb.namha')).toBe(before + 1);
    await page.goto('/assignments');
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fassignments/);
  });

  test('logout works without JavaScript too (a plain form, no next-auth client in the page)', async ({ browser }) => {
    test.setTimeout(90_000);
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const before = await signOutsOf('cb.namha');
    await page.goto('/login');
    await page.getByLabel('Tên đăng nhập').fill('cb.namha');
    await page.getByLabel('Mật khẩu').fill('DonDoc@2026');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(page.getByRole('button', { name: 'Đăng xuất' })).toBeVisible();
    expect(await sessionCookies(page)).toHaveLength(1);
    // No script of the page is next-auth's browser client.
    const scripts = await page.locator('script[src]').evaluateAll((s) => s.map((e) => (e as HTMLScriptElement).src));
    expect(scripts.length).toBeGreaterThan(3);
    for (const src of scripts)
      expect(await (await page.request.get(src)).text(), src).not.toContain('next-auth.js.org');
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await expect(page).toHaveURL(/\/login/);
    expect(await sessionCookies(page)).toEqual([]);
    expect(await signOutsOf('cb.namha')).toBe(before + 1);
    await context.close();
  });

  test('a visitor without a session is sent to login and comes back after it', async ({ page }) => {
    await page.goto('/reviews');
    await expect(page).toHaveURL(/\/login/);
    await page.getByLabel('Tên đăng nhập').fill('tp.noivu');
    await page.getByLabel('Mật khẩu').fill('DonDoc@2026');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(page).toHaveURL(/\/reviews$/);
  });
});

test.describe('authorization by URL', () => {
  test('an officer cannot open another ward’s assignment, nor the review inbox', async ({ page }) => {
    const [other] = await query<{ id: number }>(
      `SELECT a.id FROM "Assignment" a JOIN "Unit" u ON u.id = a."unitId" WHERE u.code = 'P-NAMHA' ORDER BY a.id LIMIT 1`,
    );
    const [own] = await query<{ id: number }>(
      `SELECT a.id FROM "Assignment" a JOIN "Unit" u ON u.id = a."unitId" WHERE u.code = 'P-TRANPHU' ORDER BY a.id LIMIT 1`,
    );
    await login(page, 'cb.tranphu');
    const ownPage = await page.goto(`/assignments/${own!.id}`);
    expect(ownPage?.status()).toBe(200);
    await expect(page.getByText('Phường Trần Phú (Thực hiện)')).toBeVisible();
    const response = await page.goto(`/assignments/${other!.id}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Không tìm thấy trang' })).toBeVisible();
    await expect(page.getByText('Phường Nam Hà')).toHaveCount(0);
    expect((await page.goto('/reviews'))?.status()).toBe(404);
    expect((await page.goto('/assignments/abc'))?.status()).toBe(404);
  });
});

test('the app works on a 360 px phone', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await login(page, 'cb.thachha');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
