/**
 * Where the database is. One rule for every entry point (dev server, production start, seed,
 * tests): DATABASE_URL when it is set, otherwise an embedded PostgreSQL under .data/.
 */
import path from 'node:path';
import pg from 'pg';
import { ensureDatabase, startEmbeddedDatabase } from './embedded';

export type OpenDatabase = {
  /** URL of the application database. */
  url: string;
  /** True when this process started an embedded server. */
  embedded: boolean;
  stop: () => Promise<void>;
};

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

export function withDatabaseName(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Tests may only ever run against a server on this machine. */
export function assertLocalDatabase(url: string): void {
  const host = new URL(url).hostname;
  if (!LOCAL_HOSTS.has(host)) {
    throw new Error(`Refusing to run tests against a non-local database (${host}). Use a PostgreSQL on localhost.`);
  }
}

function embeddedPort(fallback: number): number {
  const value = Number(process.env.EMBEDDED_PG_PORT ?? fallback);
  if (!Number.isInteger(value) || value < 1024 || value > 65535)
    throw new Error('EMBEDDED_PG_PORT must be a port number.');
  return value;
}

const log = (line: string) => {
  if (process.env.DEBUG_PG) console.log(`[postgres] ${line}`);
};

/** The application database: DATABASE_URL, or the embedded development server. */
export async function openAppDatabase(): Promise<OpenDatabase> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, embedded: false, stop: async () => {} };
  const db = await startEmbeddedDatabase({
    dataDir: path.join(process.cwd(), '.data', 'postgres'),
    port: embeddedPort(54329),
    database: 'dondoc',
    log,
  });
  return { url: db.url, embedded: true, stop: db.stop };
}

/**
 * The test server: TEST_DATABASE_URL (a local server; its own databases are created on it), or a
 * separate embedded cluster under .data/postgres-test. Never the development database.
 * Returns the URL of the server's maintenance database; use withDatabaseName for test databases.
 */
export async function openTestServer(): Promise<OpenDatabase> {
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    assertLocalDatabase(external);
    return { url: withDatabaseName(external, 'postgres'), embedded: false, stop: async () => {} };
  }
  const db = await startEmbeddedDatabase({
    dataDir: path.join(process.cwd(), '.data', 'postgres-test'),
    port: Number(process.env.TEST_EMBEDDED_PG_PORT ?? 54339),
    database: 'postgres',
    log,
  });
  return { url: db.url, embedded: true, stop: db.stop };
}

/** Drops and recreates a database, optionally as a copy of a template. */
export async function recreateDatabase(serverUrl: string, database: string, template?: string): Promise<string> {
  for (const name of [database, template]) {
    if (name && !/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Invalid database name: ${name}`);
  }
  const client = new pg.Client({ connectionString: withDatabaseName(serverUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${database}"${template ? ` TEMPLATE "${template}"` : ''}`);
  } finally {
    await client.end();
  }
  return withDatabaseName(serverUrl, database);
}

export { ensureDatabase };
