/**
 * Issue 10, items 6–7: changing one's own password, an administrator's reset that forces a change,
 * and the administrator's audit page. Each test makes its own users, so no other spec's data matters.
 */
import { expect, test } from '@playwright/test';
import { throttleKeys } from '../lib/domain/login-backoff';
import { createTestUser } from './account-helpers';
import { login, logout, query } from './helpers';

const FIRST = 'Cay-phuong-do-3917';
const SECOND = 'Song Lam xanh biec 2027';

async function failLogin(page: import('@playwright/test').Page, username: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.locator('#login-error')).toContainText('Tên đăng nhập hoặc mật khẩu không đúng.');
}

test('a user changes their password: other sessions end, this one carries on, and only the new password works', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const user = await createTestUser('e2e.doimk', FIRST);
  // A second browser signed in as the same user, before the change.
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await login(other, user.username, FIRST);

  await login(page, user.username, FIRST);
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Đổi mật khẩu' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Đổi mật khẩu' })).toBeVisible();

  // wrong current password, then a common new one: refused next to the field
  await page.getByLabel('Mật khẩu hiện tại').fill('khong-phai-mat-khau');
  await page.getByLabel('Mật khẩu mới', { exact: true }).fill(SECOND);
  await page.getByLabel('Nhập lại mật khẩu mới').fill(SECOND);
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await expect(page.getByText('Mật khẩu hiện tại không đúng.')).toBeVisible();
  await expect(page.getByLabel('Mật khẩu hiện tại')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Mật khẩu hiện tại').fill(FIRST);
  await page.getByLabel('Mật khẩu mới', { exact: true }).fill('password1234');
  await page.getByLabel('Nhập lại mật khẩu mới').fill('password1234');
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await expect(page.getByText(/quá phổ biến hoặc dễ đoán/)).toBeVisible();

  await page.getByLabel('Mật khẩu hiện tại').fill(FIRST);
  await page.getByLabel('Mật khẩu mới', { exact: true }).fill(SECOND);
  await page.getByLabel('Nhập lại mật khẩu mới').fill(SECOND);
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await expect(page.getByRole('status')).toHaveText('Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã kết thúc.');

  // this browser is still signed in; the other one is not
  await page.goto('/');
  await expect(page).not.toHaveURL(/\/login/);
  await expect(page.getByTestId('current-user')).toHaveText(user.displayName);
  await other.goto('/');
  await expect(other).toHaveURL(/\/login/);
  await otherContext.close();

  await logout(page);
  await failLogin(page, user.username, FIRST);
  await login(page, user.username, SECOND);
  await expect(page.getByTestId('current-user')).toHaveText(user.displayName);

  // all of it is in the audit trail, with the client's address and browser, never a password
  const events = await query<{ action: string; ip: string | null; userAgent: string | null; data: unknown }>(
    `SELECT action, ip, "userAgent", data FROM "AuditEvent" WHERE "entityType" = 'User' AND "entityId" = $1 ORDER BY id`,
    [String(user.id)],
  );
  expect(events.map((e) => e.action)).toEqual(
    expect.arrayContaining(['auth.signed_in', 'auth.sign_in_failed', 'user.password_changed', 'auth.signed_out']),
  );
  for (const e of events) expect(e.ip && e.userAgent).toBeTruthy();
  expect(JSON.stringify(events)).not.toMatch(/Cay-phuong-do|Song Lam xanh/);
});

test('an administrator’s reset forces a change at the next login, enforced by the server', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const user = await createTestUser('e2e.datlai', FIRST);
  const temporary = 'Tam-thoi-e2e-5821';

  await login(page, 'admin');
  await page.goto(`/admin/users/${user.id}`);
  await page.getByLabel('Mật khẩu mới').fill(temporary);
  await page.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
  await expect(page.getByText(/Đã đặt mật khẩu mới\..*phải đổi mật khẩu/)).toBeVisible();

  const context = await browser.newContext();
  const officer = await context.newPage();
  await officer.goto('/login');
  await officer.getByLabel('Tên đăng nhập').fill(user.username);
  await officer.getByLabel('Mật khẩu').fill(temporary);
  await officer.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(officer).toHaveURL(/\/account\/password$/);
  await expect(officer.getByRole('main').getByRole('alert')).toContainText(
    'Mật khẩu của bạn vừa được quản trị viên đặt lại',
  );
  await expect(officer.getByRole('navigation', { name: 'Điều hướng chính' })).toHaveCount(0);

  // any other page sends them back; the data layer refuses them even without the redirect
  await officer.goto('/assignments');
  await expect(officer).toHaveURL(/\/account\/password$/);
  const exported = await officer.request.get('/api/exports/xlsx');
  expect(exported.status()).toBe(403);
  // The export routes answer a refusal with a small Vietnamese page (lib/exports, app/api/exports/http.ts).
  expect(await exported.text()).toContain('Bạn cần đổi mật khẩu trước khi tiếp tục.');

  await officer.getByLabel('Mật khẩu hiện tại').fill(temporary);
  await officer.getByLabel('Mật khẩu mới', { exact: true }).fill(SECOND);
  await officer.getByLabel('Nhập lại mật khẩu mới').fill(SECOND);
  await officer.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await expect(officer).toHaveURL(/\/$/);
  await expect(officer.getByRole('heading', { level: 1, name: 'Nhiệm vụ của Phường Đại Nài' })).toBeVisible();
  expect(await (await officer.request.get('/api/exports/xlsx')).text()).not.toContain('Bạn cần đổi mật khẩu');
  const [row] = await query<{ must: boolean }>(`SELECT "mustChangePassword" AS must FROM "User" WHERE id = $1`, [
    user.id,
  ]);
  expect(row!.must).toBe(false);
  await context.close();
});

test('the administrator reads the audit trail and filters it by user, action, unit and days', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const user = await createTestUser('e2e.nhatky', FIRST, 'X-THACHHA');
  const context = await browser.newContext({ userAgent: 'E2E-Nhat-ky-Browser/1.0' });
  const visitor = await context.newPage();
  await failLogin(visitor, user.username, 'sai-mat-khau-e2e');
  await login(visitor, user.username, FIRST);
  await context.close();
  // 55 more events about this user, so the trail has a second page
  await query(
    `INSERT INTO "AuditEvent" ("actorId", action, "entityType", "entityId", "unitId", ip, "userAgent")
     SELECT id, 'auth.signed_out', 'User', id::text, "unitId", '192.0.2.9', 'E2E' FROM "User", generate_series(1, 55) WHERE id = $1::int`,
    [user.id],
  );

  await login(page, 'admin');
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Nhật ký' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nhật ký hệ thống' })).toBeVisible();
  const filters = page.getByRole('search', { name: 'Lọc nhật ký' });
  const rows = page.getByRole('table', { name: 'Sự kiện' }).getByRole('row');

  await filters.getByLabel('Người dùng').selectOption({ label: `${user.displayName} (${user.username})` });
  await filters.getByLabel('Loại sự kiện').selectOption({ label: 'Đăng nhập không thành công' });
  await filters.getByRole('button', { name: 'Lọc' }).click();
  await expect(rows).toHaveCount(2); // header + one failure
  await expect(rows.nth(1)).toContainText('Đăng nhập không thành công');
  await expect(rows.nth(1)).toContainText(user.username);
  await expect(rows.nth(1)).toContainText('E2E-Nhat-ky-Browser/1.0');
  await expect(rows.nth(1)).not.toContainText('sai-mat-khau-e2e');

  await filters.getByLabel('Loại sự kiện').selectOption({ label: 'Đăng nhập' });
  await filters.getByRole('button', { name: 'Lọc' }).click();
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText('Xã Thạch Hạ');

  // by unit and action: every row is that unit's
  await filters.getByLabel('Người dùng').selectOption({ label: 'Tất cả' });
  await filters.getByLabel('Đơn vị').selectOption({ label: 'Xã Thạch Hạ' });
  await filters.getByRole('button', { name: 'Lọc' }).click();
  await expect(page).toHaveURL(/unitId=\d+/);
  const unitRows = await rows.count();
  expect(unitRows).toBeGreaterThan(1);
  for (let i = 1; i < unitRows; i += 1) await expect(rows.nth(i)).toContainText('Xã Thạch Hạ');

  // paging: 55 logouts → 50, then "Trang sau" → 5
  await filters.getByLabel('Đơn vị').selectOption({ label: 'Tất cả' });
  await filters.getByLabel('Người dùng').selectOption({ label: `${user.displayName} (${user.username})` });
  await filters.getByLabel('Loại sự kiện').selectOption({ label: 'Đăng xuất' });
  await filters.getByRole('button', { name: 'Lọc' }).click();
  await expect(rows).toHaveCount(51);
  await page.getByRole('navigation', { name: 'Phân trang' }).getByRole('link', { name: 'Trang sau' }).click();
  await expect(rows).toHaveCount(6);
  await expect(
    page.getByRole('navigation', { name: 'Phân trang' }).getByRole('link', { name: 'Trang sau' }),
  ).toHaveCount(0);

  // a range of days long past: nothing; a bad date: a Vietnamese message, what was typed kept
  await filters.getByLabel('Từ ngày').fill('2020-01-01');
  await filters.getByLabel('Đến ngày').fill('2020-01-31');
  await filters.getByRole('button', { name: 'Lọc' }).click();
  await expect(page.getByText('Không có sự kiện nào khớp bộ lọc.')).toBeVisible();
  await page.goto(`/admin/audit?userId=${user.id}&from=2026-02-30`);
  await expect(page.getByText('Từ ngày không hợp lệ (dd/mm/yyyy).')).toBeVisible();
  await expect(filters.getByLabel('Người dùng')).toHaveValue(String(user.id));

  // not for anyone else
  const chair = await browser.newContext();
  const chairman = await chair.newPage();
  await login(chairman, 'chutich');
  expect((await chairman.goto('/admin/audit'))?.status()).toBe(404);
  await expect(
    chairman.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Nhật ký' }),
  ).toHaveCount(0);
  await chair.close();
});

test('a backed-off account gets the same generic message plus how long to wait, even with the right password', async ({
  page,
}) => {
  const user = await createTestUser('e2e.cho', FIRST);
  // As if someone elsewhere had failed many times on this account (it has no known address yet).
  await query(
    `INSERT INTO "LoginThrottle" (key, failures, "lastFailureAt", "blockedUntil")
     VALUES ($1, 40, now() AT TIME ZONE 'UTC', (now() AT TIME ZONE 'UTC') + interval '10 minutes')`,
    [throttleKeys(user.username, null).account],
  );
  await page.goto('/login');
  await page.getByLabel('Tên đăng nhập').fill(user.username);
  await page.getByLabel('Mật khẩu').fill(FIRST);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.locator('#login-error')).toHaveText(
    /^Tên đăng nhập hoặc mật khẩu không đúng\. Vui lòng thử lại sau \d+ giây\.$/,
  );
  await expect(page).toHaveURL(/\/login/);
  const [wait] = await query<{ s: number }>(
    `SELECT extract(epoch FROM "blockedUntil" - (now() AT TIME ZONE 'UTC'))::int AS s FROM "LoginThrottle" WHERE key = $1`,
    [throttleKeys(user.username, null).account],
  );
  expect(wait!.s).toBeGreaterThan(500);
  // the counter lives in the database: clearing it there lets the owner in at once
  await query(`DELETE FROM "LoginThrottle" WHERE key = $1`, [throttleKeys(user.username, null).account]);
  await login(page, user.username, FIRST);
});
