import { expect, test } from './fixtures';
import { loginAs, query } from './helpers';

/**
 * Issue 13, part 5 (decision 020), on the built app: the administrator issues a unit's API token in
 * the browser, another system reads that unit's assignments with their official status, is refused
 * another unit's assignment (404) and any write (405); the administrator revokes the token and the
 * next call is a 401. The reference page and the OpenAPI document are served to anyone.
 */
function inDays(n: number): string {
  const d = new Date(Date.now() + n * 86_400_000);
  const vn = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh' }).format(d); // dd/mm/yyyy
  return vn;
}

test('an API token reads its own unit’s assignments and is refused another’s; revoked, it is refused', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const [own] = await query<{ id: number; name: string }>(`SELECT id, name FROM "Unit" WHERE code = 'P-TRANPHU'`);
  const [other] = await query<{ id: number }>(
    `SELECT a.id FROM "Assignment" a JOIN "Unit" u ON u.id = a."unitId" WHERE u.code = 'P-NAMHA' ORDER BY a.id LIMIT 1`,
  );
  const name = `Hệ thống theo dõi của tỉnh ${Date.now()}`;

  await loginAs(page, 'admin', '/admin/api');
  await expect(page.getByRole('heading', { level: 1, name: 'API cho hệ thống khác' })).toBeVisible();
  await page.getByLabel('Tên hệ thống sử dụng').fill(name);
  await page.getByLabel('Ngày hết hạn').fill(inDays(30));
  await page.getByLabel('Phạm vi đọc').selectOption('UNIT');
  await page.getByLabel('Đơn vị', { exact: true }).selectOption({ label: own!.name });
  await page.getByRole('button', { name: 'Cấp mã truy cập' }).click();
  const secretField = page.getByLabel('Mã truy cập (chỉ hiển thị lần này)');
  await expect(secretField).toBeVisible();
  const secret = await secretField.inputValue();
  expect(secret).toMatch(/^dd_[A-Za-z0-9_-]{43}$/);
  // Only the hash is stored.
  const [stored] = await query<{ tokenHash: string; prefix: string }>(
    `SELECT "tokenHash", prefix FROM "ApiToken" WHERE name = $1`,
    [name],
  );
  expect(stored!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  expect(stored!.tokenHash).not.toContain(secret);
  const auth = { authorization: `Bearer ${secret}` };

  // Its own unit's assignments, each with its official status.
  const list = await request.get('/api/v1/assignments?limit=100', { headers: auth });
  expect(list.status()).toBe(200);
  const page1 = (await list.json()) as {
    items: { id: number; unit: { id: number; name: string }; status: { code: string; label: string } }[];
  };
  const [{ n }] = (await query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "Assignment" a JOIN "Task" t ON t.id = a."taskId"
      WHERE a."unitId" = $1 AND t."archivedAt" IS NULL`,
    [own!.id],
  )) as [{ n: number }];
  expect(page1.items.length).toBe(Math.min(n, 100));
  expect(page1.items.every((a) => a.unit.id === own!.id && a.unit.name === own!.name)).toBe(true);
  for (const a of page1.items) {
    expect(a.status.code).toMatch(/^(DONE_ON_TIME|DONE_LATE|IN_PROGRESS_ON_TIME|IN_PROGRESS_OVERDUE|NOT_STARTED)$/);
    expect(a.status.label).toMatch(/^(Hoàn thành|Đang thực hiện|Chưa thực hiện)/);
  }
  const mine = page1.items[0]!;
  expect((await request.get(`/api/v1/assignments/${mine.id}`, { headers: auth })).status()).toBe(200);

  // Another unit's assignment does not exist for it.
  const refused = await request.get(`/api/v1/assignments/${other!.id}`, { headers: auth });
  expect(refused.status()).toBe(404);
  expect((await refused.json()).error).toEqual({
    code: 'not_found',
    message: 'Không tìm thấy nội dung này, hoặc bạn không có quyền xem.',
  });
  expect((await request.get(`/api/v1/assignments/${other!.id}/reports`, { headers: auth })).status()).toBe(404);

  // It reads, nothing else.
  for (const method of ['post', 'put', 'patch', 'delete'] as const) {
    const write = await request[method](`/api/v1/assignments/${mine.id}`, { headers: auth, data: {} });
    expect(write.status(), method).toBe(405);
    expect((await write.json()).error.code).toBe('method_not_allowed');
  }
  // A session is not a token.
  expect((await page.request.get('/api/v1/assignments')).status()).toBe(401);

  // Revoked in the browser: refused at once.
  await page.reload();
  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('Đang dùng');
  page.once('dialog', (dialog) => void dialog.accept());
  await row.getByRole('button', { name: 'Thu hồi' }).click();
  await expect(page.getByRole('row').filter({ hasText: name })).toContainText('Đã thu hồi');
  const after = await request.get('/api/v1/assignments', { headers: auth });
  expect(after.status()).toBe(401);
  expect((await after.json()).error.code).toBe('unauthorized');

  // Issued, used and revoked: in the audit trail.
  const events = await query<{ action: string }>(
    `SELECT e.action FROM "AuditEvent" e JOIN "ApiToken" t ON e."entityType" = 'ApiToken' AND e."entityId" = t.id::text
      WHERE t.name = $1 ORDER BY e.id`,
    [name],
  );
  expect(events.map((e) => e.action)).toEqual(
    expect.arrayContaining(['api_token.issued', 'api.used', 'api_token.revoked']),
  );
});

test('the reference page and the OpenAPI document are served without signing in', async ({ page, request }) => {
  const doc = await request.get('/api/v1/openapi.json');
  expect(doc.status()).toBe(200);
  const body = (await doc.json()) as { openapi: string; paths: Record<string, unknown> };
  expect(body.openapi).toBe('3.1.0');
  expect(Object.keys(body.paths)).toContain('/assignments');

  await page.goto('/api-docs');
  await expect(page).toHaveURL(/\/api-docs$/);
  await expect(page.getByRole('heading', { level: 1, name: /API Đôn đốc/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Nhiệm vụ được giao, với tình trạng chính thức' })).toBeVisible();
  await page.getByRole('link', { name: '/api/v1/openapi.json', exact: true }).click();
  await expect(page).toHaveURL(/\/api\/v1\/openapi\.json$/);
});
