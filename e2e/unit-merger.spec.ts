import { expect, test } from './fixtures';
import { loginAs, logout } from './helpers';

// Reorganises two wards of the e2e database; no other spec uses them (Thạch Linh, Văn Yên), and
// what it checks is measured before and after, so it runs in any order (scripts/e2e-order.ts).
test('the administrator merges two wards and the city’s completed work still adds up', async ({ page }) => {
  test.setTimeout(120_000); // three sign-ins and a merger: a journey, like the other long specs
  await loginAs(page, 'chutich', '/dashboard');
  const doneOnTime = await page.getByTestId('count-DONE_ON_TIME').textContent();
  const doneLate = await page.getByTestId('count-DONE_LATE').textContent();
  await logout(page);

  await loginAs(page, 'admin', '/admin/units/merge');
  await page.getByRole('checkbox', { name: 'Phường Thạch Linh' }).check();
  await page.getByRole('checkbox', { name: 'Phường Văn Yên' }).check();
  await page.getByLabel('Tên đơn vị mới').fill('Phường Thạch Linh – Văn Yên');
  await page.getByLabel('Mã đơn vị mới').fill('P-THACHLINH-VANYEN');
  await page.getByLabel('Căn cứ (số nghị quyết, quyết định)').fill('Nghị quyết số 1234/NQ-UBTVQH15 (thử nghiệm)');
  await page.getByRole('button', { name: 'Ghi nhận sáp nhập' }).click();
  await expect(page).toHaveURL(/\/admin\/units\/\d+\?merged=/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Phường Thạch Linh – Văn Yên');
  await logout(page);

  await loginAs(page, 'chutich', '/dashboard');
  await expect(page.getByTestId('count-DONE_ON_TIME')).toHaveText(doneOnTime!);
  await expect(page.getByTestId('count-DONE_LATE')).toHaveText(doneLate!);
  await expect(
    page.getByTestId('ranking-table').getByRole('link', { name: 'Phường Thạch Linh – Văn Yên' }),
  ).toBeVisible();
});
