import fs from 'node:fs';
import path from 'node:path';
import { expect, type Cookie, type Page, type Response } from '@playwright/test';
import pg from 'pg';
import { recreateDatabase } from '../lib/database/open';
import { TEMPLATE_DB } from '../tests/support/test-databases';

export const PASSWORD = 'DonDoc@2026';

export async function login(page: Page, username: string, password = PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** Session cookies of the demo users signed in so far by this worker (one form login per user and run). */
const sessions = new Map<string, Cookie[]>();

/**
 * Signed in as a demo user for a test whose subject is not the login itself: the first time in this
 * worker through the form (login() above), afterwards by giving the page's context that session's
 * cookie, which the server checks as it checks every request (signature, expiry, the user's session
 * version). Then opens `landing` (default the home page), checks the session was accepted and
 * returns that page's response. The
 * form itself is tested by auth.spec.ts, security.spec.ts and account-security.spec.ts, which use
 * login().
 */
export async function loginAs(page: Page, username: string, landing = '/'): Promise<Response | null> {
  const context = page.context();
  const saved = sessions.get(username);
  if (saved) {
    await context.clearCookies({ name: /session-token/ });
    await context.addCookies(saved);
    const response = await page.goto(landing);
    if (new URL(page.url()).pathname !== '/login') {
      expect(response?.ok(), `${landing} as ${username}`).toBe(true);
      return response;
    }
    // The kept session was refused (its user's sessions were ended): sign in again.
    sessions.delete(username);
  }
  await login(page, username);
  sessions.set(
    username,
    (await context.cookies()).filter((c) => /session-token/.test(c.name)),
  );
  expect(sessions.get(username)!.length, `a session cookie for ${username}`).toBeGreaterThan(0);
  return page.goto(landing);
}

export async function logout(page: Page) {
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page).toHaveURL(/\/login/);
}

/** The URL of the e2e database (written by the global setup). */
export function e2eDatabaseUrl(): string {
  return fs.readFileSync(path.join(process.cwd(), '.data', 'e2e-database-url'), 'utf8').trim();
}

/** Direct reads and writes of a database, to check what the pages show against the source. */
export async function queryOn<T extends pg.QueryResultRow>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** Direct reads of the e2e database. */
export async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  return queryOn<T>(e2eDatabaseUrl(), sql, params);
}

/** A fresh copy of the seeded template for a spec that runs its own servers (named `name`). */
export async function ownDatabase(name: string): Promise<string> {
  return recreateDatabase(e2eDatabaseUrl(), name, TEMPLATE_DB);
}
