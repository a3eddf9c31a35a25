/**
 * The PWA's icons (public/icons/*.png, named in app/manifest.ts), drawn from app/icon.svg by the
 * Chromium the browser tests use (CHROMIUM_PATH, else Playwright's): `npx tsx scripts/make-icons.ts`.
 * "any": the icon as it is, rounded corners and all. "maskable": the mark on a full square of the
 * background colour, inside the middle 60 % (launchers crop to a circle of 80 %).
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';

const root = process.cwd();
const svg = fs.readFileSync(path.join(root, 'app', 'icon.svg'), 'utf8');
const inner = /<svg[^>]*>([\s\S]*)<\/svg>/.exec(svg)![1]!;
const mark = inner.replace(/<rect[^>]*\/>/, ''); // the glyph without its rounded background
const background = /<rect[^>]*fill="([^"]+)"/.exec(svg)![1]!;

const maskable = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="${background}"/><g transform="translate(6.4 6.4) scale(0.6)">${mark}</g></svg>`;

const icons = [
  { file: 'icon-192.png', size: 192, svg },
  { file: 'icon-512.png', size: 512, svg },
  { file: 'icon-maskable-512.png', size: 512, svg: maskable },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || (fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined),
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const out = path.join(root, 'public', 'icons');
  fs.mkdirSync(out, { recursive: true });
  for (const icon of icons) {
    const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
    const sized = icon.svg.replace('<svg ', `<svg width="${icon.size}" height="${icon.size}" `);
    await page.setContent(`<html><body style="margin:0;background:transparent">${sized}</body></html>`);
    await page.screenshot({ path: path.join(out, icon.file), omitBackground: true });
    await page.close();
    console.log(`public/icons/${icon.file} (${icon.size}×${icon.size})`);
  }
} finally {
  await browser.close();
}
