import { openAppDatabase, openTestServer, recreateDatabase } from '../../lib/database/open';

/**
 * Runs `work` with a database URL and always stops an embedded server afterwards.
 * purpose 'scratch' is an empty throwaway database on the test server.
 */
export async function withDatabase<T>(
  { purpose }: { purpose: 'app' | 'scratch' },
  work: (url: string) => Promise<T>,
): Promise<T> {
  const db = purpose === 'app' ? await openAppDatabase() : await openTestServer();
  try {
    const url = purpose === 'app' ? db.url : await recreateDatabase(db.url, 'dondoc_scratch');
    return await work(url);
  } finally {
    await db.stop();
  }
}
