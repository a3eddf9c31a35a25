/**
 * Screenshots for the README: `npx tsx scripts/screenshots.ts [baseUrl]` against a running app with
 * demo data (npm run dev). Writes docs/screenshots/*.png.
 */
import { chromium } from '@playwright/test';
import fs from 'node:fs';

const base = process.argv[2] ?? 'http://localhost:3000';
const shots: { user: string; path: string; file: string; phone?: boolean }[] = [
  { user: 'chutich', path: '/', file: 'chairman-home.png' },
  { user: 'chutich', path: '/dashboard', file: 'dashboard.png' },
  { user: 'cb.tranphu', path: '/', file: 'officer-home-phone.png', phone: true },
  { user: 'tp.noivu', path: '/', file: 'head-inbox.png' },
];
fs.mkdirSync('docs/screenshots', { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || (fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined),
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
for (const shot of shots) {
  const page = await browser.newPage({
    viewport: shot.phone ? { width: 390, height: 844 } : { width: 1280, height: 800 },
    deviceScaleFactor: shot.phone ? 2 : 1,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  await page.goto(`${base}/login`);
  await page.getByLabel('Tên đăng nhập').fill(shot.user);
  await page.getByLabel('Mật khẩu').fill('DonDoc@2026');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  await page.goto(`${base}${shot.path}`);
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: `docs/screenshots/${shot.file}`, fullPage: !shot.phone });
  await page.close();
  console.log(`docs/screenshots/${shot.file}`);
}
await browser.close();
