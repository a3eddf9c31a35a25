/**
 * Test databases. Tests run on their own PostgreSQL server (a separate embedded cluster, or a
 * local TEST_DATABASE_URL), never the development database. A template database is migrated and
 * seeded once per run; every test file and the browser tests get a fresh copy of it.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../../lib/generated/prisma/client';
import { seedDemo } from '../../prisma/seed';
import { migrate } from '../../lib/database/migrate';
import { openTestServer, recreateDatabase, type OpenDatabase } from '../../lib/database/open';

/** Overridable so that two test runs can share one local server without touching each other. */
export const TEMPLATE_DB = process.env.TEST_TEMPLATE_DB ?? 'dondoc_template';

/** TEST_SERVER_URL is set by whoever started the test server (scripts/test-all.ts, the vitest global setup). */
export async function openSharedTestServer(): Promise<OpenDatabase> {
  const given = process.env.TEST_SERVER_URL;
  if (given) return { url: given, embedded: false, stop: async () => {} };
  const server = await openTestServer();
  process.env.TEST_SERVER_URL = server.url;
  return server;
}

export async function buildTemplate(serverUrl: string, now = new Date()): Promise<void> {
  const url = await recreateDatabase(serverUrl, TEMPLATE_DB);
  await migrate(url);
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  try {
    await seedDemo(db, { now });
  } finally {
    await db.$disconnect();
  }
}

export function copyOfTemplate(serverUrl: string, name: string): Promise<string> {
  return recreateDatabase(serverUrl, name, TEMPLATE_DB);
}
