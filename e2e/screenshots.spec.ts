import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { RUN_SCREENSHOTS_DIR, keepScreenshot } from '../tests/support/screenshots';
import { loginAs, ownDatabase, queryOn } from './helpers';
import { startProductionServer, type ProductionServer } from './production-server';

/**
 * Issue 12: the pages a new official sees first, photographed by every run of the browser tests:
 * each role's home, the chairman's dashboard and an officer's assignment page, on a 1366 px screen
 * and on a 360 px phone. The first screen only, as JPEG, so the folder stays small. Each picture
 * goes to test-results/screenshots/ and replaces the one in docs/screenshots/ (which the README
 * shows) only when it looks visibly different (tests/support/screenshots.ts, decision 027). (The
 * exports rendered to images come from tests/integration/exports-rendered.test.ts.)
 *
 * The pictures are taken on a server of their own over a fresh copy of the seeded demo, with no
 * scheduled jobs: what the other specs submit, approve or send never shows in them, so an unchanged
 * app gives the same pictures whichever specs ran before (a whole run used to rewrite three).
 */
const SHOTS = RUN_SCREENSHOTS_DIR;
const PORT = Number(process.env.E2E_PORT ?? 3100) + 31;
const ORIGIN = `http://localhost:${PORT}`;
let databaseUrl = '';
let server: ProductionServer | undefined;

test.use({ baseURL: ORIGIN });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  databaseUrl = await ownDatabase('dondoc_screenshots');
  server = await startProductionServer({
    port: PORT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: 'shots-secret-shots-secret-shots-secret-0123456',
      NEXTAUTH_URL: ORIGIN,
      JOBS: 'off',
    },
  });
});

test.afterAll(async () => {
  await server?.stop();
});
const SIZES = [
  { suffix: '', width: 1366, height: 900 },
  { suffix: '-phone', width: 360, height: 740 },
] as const;

async function officerAssignment(): Promise<number> {
  const [row] = await queryOn<{ id: number }>(
    databaseUrl,
    `SELECT a.id FROM "Assignment" a JOIN "Unit" u ON u.id = a."unitId" JOIN "Task" t ON t.id = a."taskId"
      JOIN "Section" s ON s.id = t."sectionId" WHERE u.code = 'P-TRANPHU' AND s.numeral = 'I' AND t.number = '1'`,
  );
  return row!.id;
}

const SHOTS_OF: { name: string; username: string; path: () => Promise<string>; heading: RegExp }[] = [
  { name: 'admin-home', username: 'admin', path: async () => '/', heading: /Việc cần làm tiếp/ },
  { name: 'chairman-home', username: 'chutich', path: async () => '/', heading: /./ },
  { name: 'head-home', username: 'tp.noivu', path: async () => '/', heading: /./ },
  { name: 'officer-home', username: 'cb.tranphu', path: async () => '/', heading: /./ },
  { name: 'dashboard', username: 'chutich', path: async () => '/dashboard', heading: /Bảng điều khiển/ },
  {
    name: 'assignment',
    username: 'cb.tranphu',
    path: async () => `/assignments/${await officerAssignment()}`,
    heading: /./,
  },
];

/** JPEG's start-of-frame marker holds the picture's height and width. */
function jpegSize(bytes: Buffer): { width: number; height: number } {
  for (let i = 2; i < bytes.length - 9;) {
    if (bytes[i] !== 0xff) throw new Error('not a JPEG');
    const marker = bytes[i + 1]!;
    if (marker >= 0xc0 && marker <= 0xc2)
      return { height: bytes.readUInt16BE(i + 5), width: bytes.readUInt16BE(i + 7) };
    i += 2 + bytes.readUInt16BE(i + 2);
  }
  throw new Error('no frame in the JPEG');
}

test.describe('screenshots of the first pages', () => {
  for (const shot of SHOTS_OF) {
    test(`${shot.name} at 1366 px and 360 px`, async ({ page }) => {
      test.setTimeout(120_000);
      await loginAs(page, shot.username);
      const target = await shot.path();
      for (const size of SIZES) {
        await page.setViewportSize({ width: size.width, height: size.height });
        const response = await page.goto(target);
        expect(response?.status(), target).toBe(200);
        await expect(page.getByRole('heading', { level: 1, name: shot.heading })).toBeVisible();
        // No error boundary photographed as if it were the page.
        await expect(page.getByText('Đã xảy ra lỗi')).toHaveCount(0);
        await page.evaluate(() => document.fonts.ready);
        fs.mkdirSync(SHOTS, { recursive: true });
        const file = path.join(SHOTS, `${shot.name}${size.suffix}.jpg`);
        fs.rmSync(file, { force: true });
        await page.screenshot({ path: file, type: 'jpeg', quality: 70, animations: 'disabled' });
        expect(jpegSize(fs.readFileSync(file))).toEqual({ width: size.width, height: size.height });
        const kept = keepScreenshot(path.basename(file));
        test.info().annotations.push({
          type: 'screenshot',
          description: `${path.basename(file)}: ${(kept.difference * 100).toFixed(2)}% of pixels differ${kept.written ? ', docs/screenshots/ updated' : ''}`,
        });
      }
    });
  }
});
