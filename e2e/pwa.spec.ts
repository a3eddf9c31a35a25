import { expect, test } from './fixtures';
import { loginAs } from './helpers';

/**
 * Issue 12: the app can be installed (a valid manifest with its icons, a service worker) and a page
 * opened without a connection shows a Vietnamese offline page, under the app's policies, while the
 * service worker keeps nothing but that page and its icon.
 */

// Several page loads and a worker's install each: room for a crowded test machine.
test.describe.configure({ timeout: 120_000 });

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('the manifest is served without a session, valid, and names icons that exist at their sizes', async ({
  page,
  playwright,
}) => {
  const anonymous = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  try {
    const response = await anonymous.get('/manifest.webmanifest', { maxRedirects: 0 });
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/^application\/manifest\+json/);
    const manifest = await response.json();
    expect(manifest).toMatchObject({
      short_name: 'Đôn đốc',
      lang: 'vi',
      start_url: '/',
      scope: '/',
      display: 'standalone',
    });
    expect(manifest.name).toMatch(/^Đôn đốc/);
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
    const purposes = new Set<string>();
    for (const icon of manifest.icons as { src: string; sizes: string; type: string; purpose: string }[]) {
      const file = await anonymous.get(icon.src, { maxRedirects: 0 });
      expect(file.status(), icon.src).toBe(200);
      expect(file.headers()['content-type']).toBe('image/png');
      const [w, h] = icon.sizes.split('x').map(Number);
      expect(pngSize(await file.body()), icon.src).toEqual({ width: w, height: h });
      purposes.add(`${icon.purpose} ${icon.sizes}`);
    }
    expect([...purposes].sort()).toEqual(['any 192x192', 'any 512x512', 'maskable 512x512']);
  } finally {
    await anonymous.dispose();
  }
  // Every page links it.
  await page.goto('/login');
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest');
});

test('the service worker registers; offline, a page opens as the Vietnamese offline page; only that page is kept', async ({
  page,
  context,
}) => {
  await loginAs(page, 'cb.tranphu');
  const scriptURL = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return registration.active?.scriptURL ?? null;
  });
  expect(scriptURL).toMatch(/\/sw\.js$/);
  // The worker controls the page once it has claimed it.
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  await context.setOffline(true);
  try {
    await page.goto('/assignments');
    await expect(page.getByRole('heading', { level: 1, name: 'Không có kết nối mạng' })).toBeVisible();
    // "Thử lại" reloads the address asked for, not the home page.
    await expect(page.getByRole('link', { name: 'Thử lại' })).toHaveAttribute('href', '');
    await expect(page).toHaveTitle('Không có kết nối mạng · Đôn đốc');
    // The icon comes from the worker's cache too.
    expect(await page.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(192);
  } finally {
    await context.setOffline(false);
  }

  // Nothing personal is kept: the worker's cache holds the offline page and its icon, nothing else.
  const kept = await page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) urls.push(new URL(request.url).pathname);
    }
    return urls.sort();
  });
  expect(kept).toEqual(['/icons/icon-192.png', '/offline.html']);

  // Back online, the same address is the real page again.
  await page.goto('/assignments');
  await expect(page.getByRole('heading', { level: 1, name: 'Không có kết nối mạng' })).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Điều hướng chính' })).toBeVisible();
});

test('offline, a link followed inside the app shows the Vietnamese offline notice, and retrying online opens the page', async ({
  page,
  context,
}) => {
  await loginAs(page, 'cb.tranphu');
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
  await expect(nav).toBeVisible();
  // The app is loaded: a click on a link is a client-side navigation (an RSC fetch), not a page load.

  await context.setOffline(true);
  try {
    await nav.getByRole('link', { name: 'Nhiệm vụ của đơn vị' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Không có kết nối mạng' })).toBeVisible();
    await expect(page.getByText('Đã xảy ra lỗi')).toHaveCount(0);
    await expect(page).toHaveURL(/\/assignments$/);
  } finally {
    await context.setOffline(false);
  }
  // Back online, "Thử lại" opens the page the link named (not the home page).
  await page.getByRole('link', { name: 'Thử lại' }).click();
  await expect(page).toHaveURL(/\/assignments$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Không có kết nối mạng' })).toHaveCount(0);
  await expect(nav).toBeVisible();
});

test('the offline page and the worker carry their own fixed policies', async ({ page }) => {
  const offline = await page.request.get('/offline.html', { maxRedirects: 0 });
  expect(offline.status()).toBe(200);
  const policy = offline.headers()['content-security-policy'] ?? '';
  expect(policy).toContain("default-src 'none'");
  expect(policy).toMatch(/style-src 'sha256-[A-Za-z0-9+/]+=*'/);
  expect(policy).not.toContain('unsafe-inline');
  // Opened directly, under that policy, nothing is refused (the fixture fails on a violation) and it is styled.
  await page.goto('/offline.html');
  await expect(page.getByRole('heading', { level: 1, name: 'Không có kết nối mạng' })).toBeVisible();
  expect(await page.getByRole('link', { name: 'Thử lại' }).evaluate((a) => getComputedStyle(a).backgroundColor)).toBe(
    'rgb(185, 28, 28)',
  );

  const worker = await page.request.get('/sw.js', { maxRedirects: 0 });
  expect(worker.status()).toBe(200);
  expect(worker.headers()['cache-control']).toContain('no-cache');
  expect(worker.headers()['content-type']).toMatch(/javascript/);
});
