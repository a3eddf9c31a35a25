/**
 * Runs before each integration test file: a fresh copy of the seeded template database, so files
 * never see each other's writes. lib/db reads DATABASE_URL lazily, so this comes first.
 */
import { afterAll, inject } from 'vitest';
import { copyOfTemplate } from './test-databases';

const serverUrl = inject('testServerUrl');
process.env.TEST_SERVER_URL = serverUrl;
const name = `it_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
process.env.DATABASE_URL = await copyOfTemplate(serverUrl, name);

afterAll(async () => {
  const { getDb } = await import('../../lib/db');
  await getDb().$disconnect();
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.end();
});
