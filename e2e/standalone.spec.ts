/**
 * The deployable server (issue 11, docs/deployment.md): `node .next/standalone/server.js` — no npm,
 * no tsx, no scripts/lib/launch.ts, only the standalone folder — on a database of its own. It serves
 * pages with their browser assets, and runs the scheduled jobs by itself (instrumentation.ts): a
 * JobRun row appears. The folder is run from a copy elsewhere, as an operator would deploy it, so a
 * file that only the checkout has cannot make it pass.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { expect, test } from './fixtures';
import { ownDatabase, queryOn } from './helpers';
import { startProductionServer, type ProductionServer } from './production-server';

const PORT = Number(process.env.E2E_PORT ?? 3100) + 14;
const origin = `http://localhost:${PORT}`;
let databaseUrl = '';
let server: ProductionServer | undefined;
let folder = '';

const sql = <T extends pg.QueryResultRow>(text: string, params: unknown[] = []) =>
  queryOn<T>(databaseUrl, text, params);

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const built = path.join(process.cwd(), '.next', 'standalone');
  expect(fs.existsSync(path.join(built, 'server.js')), 'npm run build makes .next/standalone').toBe(true);
  expect(fs.existsSync(path.join(built, '.next', 'static')), 'scripts/standalone-assets.ts copied .next/static').toBe(
    true,
  );
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-standalone-'));
  fs.cpSync(built, folder, { recursive: true, verbatimSymlinks: true });

  databaseUrl = await ownDatabase('dondoc_standalone');
  server = await startProductionServer({
    port: PORT,
    command: ['server.js'],
    cwd: folder,
    env: {
      PATH: process.env.PATH,
      PORT: String(PORT),
      HOSTNAME: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: 'standalone-secret-standalone-secret-0123456789',
      NEXTAUTH_URL: origin,
      UPLOAD_DIR: path.join(folder, 'uploads'),
      LOG_LEVEL: 'info',
    },
  });
});

test.afterAll(async () => {
  await server?.stop();
  if (folder) fs.rmSync(folder, { recursive: true, force: true });
});

test('the standalone server serves the app and runs the scheduled jobs by itself', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(`${origin}/login`);
  await page.getByLabel('Tên đăng nhập').fill('chutich');
  await page.getByLabel('Mật khẩu').fill('DonDoc@2026');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  // Signing in hashes a password (argon2): slow on a busy machine.
  await expect(page).not.toHaveURL(/\/login/, { timeout: 60_000 });
  // The page's styles and scripts come from the copied .next/static.
  const css = await page.evaluate(() => [...document.styleSheets].filter((s) => s.href).length);
  expect(css).toBeGreaterThan(0);

  // Nobody asked for a job: the instance's own scheduler (instrumentation.ts) ran them.
  await expect
    .poll(
      async () =>
        (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "JobRun" WHERE status = 'SUCCEEDED'`))[0]!.n,
      { timeout: 60_000 },
    )
    .toBeGreaterThan(0);
  const runs = await sql<{ job: string; status: string }>(`SELECT job, status::text FROM "JobRun" ORDER BY job`);
  console.log(`JobRun rows written by the standalone server:\n${runs.map((r) => `${r.job} ${r.status}`).join('\n')}`);
  expect(server!.output()).toContain('scheduled jobs started');
});
