import { expect, test } from './fixtures';
import { loginAs } from './helpers';

/** Issue 12: the assignment page shows the official status, as the lists do. */
test('an officer opens a task from their list and sees the same official status on its page', async ({ page }) => {
  await loginAs(page, 'cb.tranphu');
  const first = page.getByTestId('assignment-list').getByRole('link').first();
  const listed = (await first.textContent()) ?? '';
  await first.click();
  const status = page.getByTestId('assignment-status');
  await expect(status).toBeVisible();
  const shown = (await status.textContent()) ?? '';
  const label = [
    'Hoàn thành đúng hạn',
    'Hoàn thành quá hạn',
    'Đang thực hiện trong hạn',
    'Đang thực hiện quá hạn',
    'Chưa thực hiện',
  ].find((l) => shown.includes(l));
  expect(label, `a status on the page: ${shown}`).toBeTruthy();
  expect(listed).toContain(label!);
});
