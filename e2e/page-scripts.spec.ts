/**
 * What JavaScript an officer's browser is sent (issue 8, item 7; decision 036): no zod, no Recharts
 * and no next-auth client on the pages an officer uses, measured on the built app as a browser loads
 * it — every script the page's HTML asks for, fetched and searched. The source-level rule (no client
 * module reaches server-only code) is tests/integration/client-imports.test.ts; this proves the
 * build agrees.
 */
import { expect, test } from './fixtures';
import { login } from './helpers';

/** What marks each library in a minified chunk (zod's internal `_zod` field, Recharts' class names). */
const MARKERS: [RegExp, string][] = [
  [/_zod\b|ZodError/, 'zod'],
  [/recharts-(wrapper|surface)/, 'Recharts'],
  [/next-auth\.js\.org/, "next-auth's browser client"],
];

test("an officer's pages load no zod, no Recharts and no next-auth client", async ({ page }) => {
  test.setTimeout(120_000);
  await login(page, 'cb.tranphu');
  const firstTask = page.getByTestId('assignment-list').getByRole('link').first();
  await firstTask.click();
  await expect(page).toHaveURL(/\/assignments\/\d+/);
  const assignmentPage = new URL(page.url()).pathname;

  const seen = new Map<string, string>();
  for (const path of ['/', assignmentPage, '/account/password', '/account/email', '/assignments']) {
    await page.goto(path);
    const scripts = await page.locator('script[src]').evaluateAll((s) => s.map((e) => (e as HTMLScriptElement).src));
    expect(scripts.length, path).toBeGreaterThan(3);
    for (const src of scripts) if (!seen.has(src)) seen.set(src, path);
  }
  const found: string[] = [];
  for (const [src, path] of seen) {
    const body = await (await page.request.get(src)).text();
    for (const [marker, name] of MARKERS) if (marker.test(body)) found.push(`${name} in ${src} (first on ${path})`);
  }
  expect(found).toEqual([]);
});

test('the dashboard does load Recharts (the markers above find it)', async ({ page }) => {
  // Without this, a marker that no longer matches the minified library would pass the test above.
  test.setTimeout(120_000);
  await login(page, 'chutich');
  await page.goto('/dashboard');
  await expect(page.locator('.recharts-surface').first()).toBeVisible();
  const scripts = await page.locator('script[src]').evaluateAll((s) => s.map((e) => (e as HTMLScriptElement).src));
  const bodies = await Promise.all(scripts.map(async (src) => (await page.request.get(src)).text()));
  expect(bodies.some((b) => MARKERS[1]![0].test(b))).toBe(true);
});
