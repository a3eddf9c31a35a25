import { expect, test } from './fixtures';
import { loginAs, query } from './helpers';

/** Every resource tried as the wrong role or unit: what you may not see is "not found". */

async function reportId(unitCode: string, numeral: string, number: string): Promise<number> {
  const rows = await query<{ id: number }>(
    `SELECT r.id FROM "Report" r JOIN "Assignment" a ON a.id = r."assignmentId" JOIN "Unit" u ON u.id = a."unitId"
     JOIN "Task" t ON t.id = a."taskId" JOIN "Section" s ON s.id = t."sectionId"
     WHERE u.code = $1 AND s.numeral = $2 AND t.number = $3 ORDER BY r.id LIMIT 1`,
    [unitCode, numeral, number],
  );
  return rows[0]!.id;
}

test('an officer of one ward gets not-found for another ward’s report and for leaders’ pages', async ({ page }) => {
  const tranPhuReport = await reportId('P-TRANPHU', 'I', '1');
  await loginAs(page, 'cb.namha');
  expect((await page.goto(`/reports/${tranPhuReport}`))?.status()).toBe(404);
  await expect(page.getByText('Phường Trần Phú')).toHaveCount(0);
  for (const path of ['/reviews', '/board', '/extensions', '/urging']) {
    expect((await page.goto(path))?.status(), path).toBe(404);
  }
  // own report opens
  const own = await reportId('P-NAMHA', 'I', '1');
  expect((await page.goto(`/reports/${own}`))?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Báo cáo của Phường Nam Hà');
  // no review form on one's own report
  await expect(page.getByRole('button', { name: 'Duyệt' })).toHaveCount(0);
});

test('a department head cannot open or decide reports outside their routing', async ({ page }) => {
  const thachHa = await reportId('X-THACHHA', 'I', '1'); // no lead: the standing office decides
  const vhttOwn = await reportId('VHTT', 'I', '8'); // the lead's own report: the standing office decides
  await loginAs(page, 'tp.vhtt');
  expect((await page.goto(`/reports/${thachHa}`))?.status()).toBe(404);
  expect((await page.goto(`/reports/${vhttOwn}`))?.status()).toBe(200);
  await expect(page.getByRole('button', { name: 'Duyệt' })).toHaveCount(0);
});

test('the chairman reads everything but writes no unit’s report', async ({ page }) => {
  const [{ id }] = (await query<{ id: number }>(
    `SELECT a.id FROM "Assignment" a JOIN "Unit" u ON u.id = a."unitId" WHERE u.code = 'P-THACHQUY' ORDER BY a.id LIMIT 1`,
  )) as [{ id: number }];
  await loginAs(page, 'chutich');
  expect((await page.goto(`/assignments/${id}`))?.status()).toBe(200);
  await expect(page.getByRole('button', { name: 'Gửi báo cáo' })).toHaveCount(0);
});

test('APIs refuse without a session, and evidence of another unit is not found', async ({ page, request }) => {
  const anonymous = await request.get('/api/evidence/1');
  expect(anonymous.status()).toBe(401);
  expect(await anonymous.json()).toEqual({ error: expect.stringMatching(/đăng nhập/i) });
  const job = await request.post('/api/jobs/deadlines', { headers: { authorization: 'Bearer wrong' } });
  expect(job.status()).toBe(401);
  await loginAs(page, 'cb.namha');
  const missing = await page.request.get('/api/evidence/999999');
  expect(missing.status()).toBe(404);
});
