import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { loginAs, query } from './helpers';

/**
 * Issue 12: every role's main pages, on a 1366 px screen and on a 360 px phone, have no serious or
 * critical axe-core violation (WCAG 2.0–2.2 A/AA rules and axe's best practices).
 */
const WIDTHS = [
  { name: 'màn hình 1366 px', width: 1366, height: 900 },
  { name: 'điện thoại 360 px', width: 360, height: 740 },
] as const;

async function ids() {
  const [assignment] = await query<{ id: number }>(
    `SELECT a.id FROM "Assignment" a JOIN "Unit" u ON u.id = a."unitId" JOIN "Task" t ON t.id = a."taskId"
      JOIN "Section" s ON s.id = t."sectionId" WHERE u.code = 'P-TRANPHU' AND s.numeral = 'I' AND t.number = '1'`,
  );
  const [report] = await query<{ id: number }>(
    `SELECT r.id FROM "Report" r JOIN "Assignment" a ON a.id = r."assignmentId" JOIN "Unit" u ON u.id = a."unitId"
      WHERE u.code = 'NV' AND r.status = 'SUBMITTED' ORDER BY r.id LIMIT 1`,
  );
  const [programme] = await query<{ id: number }>(`SELECT id FROM "Programme" ORDER BY id LIMIT 1`);
  const [indicator] = await query<{ id: number; programmeId: number }>(
    `SELECT i.id, t."programmeId" FROM "Indicator" i JOIN "Task" t ON t.id = i."taskId" WHERE i.code = 'NQ76-TTHC-03'`,
  );
  // One e-mail that failed for good, so that /admin/email shows its table (decision 023).
  await query(
    `INSERT INTO "EmailMessage" ("userId", kind, "to", subject, text, html, status, attempts, "lastError")
     SELECT id, 'notification', 'cb.tranphu@example.vn', 'Thư thử khả năng tiếp cận', '.', '.', 'FAILED', 6, '550 mailbox unavailable'
     FROM "User" WHERE username = 'cb.tranphu'
       AND NOT EXISTS (SELECT 1 FROM "EmailMessage" WHERE subject = 'Thư thử khả năng tiếp cận')`,
  );
  return {
    assignment: assignment!.id,
    report: report!.id,
    programme: programme!.id,
    indicator: indicator!.id,
    targets: indicator!.programmeId,
  };
}

/** Each role's main pages; {assignment}, {report} and {programme} are read from the database. */
const PAGES: Record<string, string[]> = {
  'cb.tranphu': ['/', '/assignments', '/assignments/{assignment}', '/dashboard', '/notifications', '/account/email'],
  'tp.noivu': ['/', '/reviews', '/reports/{report}', '/board', '/dashboard'],
  chutich: [
    '/',
    '/dashboard',
    '/dashboard/assignments?status=IN_PROGRESS_OVERDUE',
    '/dashboard/ranking?page=2',
    '/dashboard/heatmap',
    '/extensions',
  ],
  admin: [
    '/',
    '/admin/programmes',
    '/admin/programmes/{programme}',
    '/admin/units',
    '/admin/users',
    '/admin/audit',
    '/admin/programmes/import',
    '/admin/programmes/{targets}/indicators/new',
    '/admin/programmes/{targets}/indicators/{indicator}',
    '/admin/email',
  ],
};

/**
 * axe.run() in the page itself (legacy mode: none of these pages has a frame, and without it the
 * library runs axe in every frame and again in a new blank page to merge the results), keeping only
 * the violations' nodes (passes and incomplete are not read here): measured 2–3× faster on the
 * dashboard, the same violations.
 */
async function seriousViolations(page: Page): Promise<string[]> {
  expect(page.frames(), 'a page with frames needs AxeBuilder without setLegacyMode').toHaveLength(1);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .setLegacyMode()
    .options({ resultTypes: ['violations'] })
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${page.url()} [${v.impact}] ${v.id}: ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}

test.describe('accessibility (axe-core)', () => {
  // One test per page and width (each within its own time limit on a busy machine), signed in
  // straight onto the page.
  for (const [username, paths] of Object.entries(PAGES)) {
    for (const size of WIDTHS) {
      for (const template of paths) {
        test(`${username}, ${size.name}, ${template}: no serious or critical violation`, async ({ page }) => {
          test.setTimeout(120_000);
          await page.setViewportSize({ width: size.width, height: size.height });
          const found = await ids();
          const path = template.replace(/\{(\w+)\}/g, (_, key: keyof typeof found) => String(found[key]));
          const response = await loginAs(page, username, path);
          expect(response?.status(), path).toBe(200);
          await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
          expect(await seriousViolations(page)).toEqual([]);
        });
      }
    }
  }

  // The API's pages (decision 020): the administrator's tokens, and the reference, open to anyone.
  for (const size of WIDTHS) {
    test(`API pages, ${size.name}: no serious or critical violation`, async ({ page }) => {
      test.setTimeout(120_000);
      await page.setViewportSize({ width: size.width, height: size.height });
      const violations: string[] = [];
      await page.goto('/api-docs');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      violations.push(...(await seriousViolations(page)));
      await loginAs(page, 'admin', '/admin/api');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      violations.push(...(await seriousViolations(page)));
      expect(violations).toEqual([]);
    });
  }

  test('the import review grid (merge and split buttons) has no serious or critical violation', async ({ page }) => {
    test.setTimeout(120_000);
    await loginAs(page, 'admin', '/admin/programmes/import');
    await page
      .getByLabel('Nội dung văn bản')
      .fill(
        'KẾ HOẠCH\nKiểm tra cải cách hành chính\n\nI. Nhiệm vụ chung\n1. Phòng Nội vụ chủ trì xây dựng kế hoạch kiểm tra, hoàn thành trước 31/3/2027.\n2. UBND các phường, xã tự kiểm tra và báo cáo hàng quý.',
      );
    await page.getByRole('button', { name: 'Phân tích văn bản' }).click();
    await expect(page.getByRole('button', { name: /Gộp với nhiệm vụ trên/ }).first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });

  for (const size of WIDTHS) {
    test(`the urging page (standing office), ${size.name}: no serious or critical violation`, async ({ page }) => {
      test.setTimeout(120_000);
      await page.setViewportSize({ width: size.width, height: size.height });
      await loginAs(page, 'cb.noivu');
      expect((await page.goto('/urging'))?.status()).toBe(200);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đôn đốc các đơn vị quá hạn');
      await expect(page.getByRole('heading', { name: /đơn vị, \d+ nhiệm vụ quá hạn/ })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });

    test(`the urging ladder form, open, ${size.name}: no serious or critical violation`, async ({ page }) => {
      test.setTimeout(120_000);
      await page.setViewportSize({ width: size.width, height: size.height });
      const { programme } = await ids();
      await loginAs(page, 'admin', `/admin/programmes/${programme}`);
      await page.getByText(/^Các bước đôn đốc/).click();
      await expect(page.getByLabel('Bước 1: thời điểm')).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });
  }
});
