import 'server-only';
import { getDb } from '../db';
import { forgetSnapshots } from './dashboard-sql';

/**
 * Rebuilds the statistics read model from the source tables (decision 008): Assignment."firstGap"
 * recomputed for every assignment, and the trend's snapshots forgotten (they are recomputed on
 * demand). A maintenance command (`npm run db:rebuild-stats`), not a user action: the triggers keep
 * the read model current, and tests/integration/read-model.test.ts checks that they do.
 */
export async function rebuildStatistics(): Promise<{ repaired: number }> {
  const db = getDb();
  return db.$transaction(
    async (tx) => {
      const repaired = await tx.$executeRaw`
      UPDATE "Assignment" a SET "firstGap" = recurring_first_gap(a.id) WHERE a."firstGap" IS DISTINCT FROM recurring_first_gap(a.id)`;
      await forgetSnapshots(tx);
      return { repaired };
    },
    { timeout: 600_000, maxWait: 60_000 },
  );
}
