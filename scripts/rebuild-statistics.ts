/**
 * npm run db:rebuild-stats — recomputes the statistics read model (Assignment."firstGap") from the
 * reports and forgets the trend's snapshots (decision 008). For repairs after a manual data fix;
 * the triggers keep the model current otherwise. Uses DATABASE_URL, else the embedded database.
 */
import { withDatabase } from './lib/with-database';

await withDatabase({ purpose: 'app' }, async (url) => {
  process.env.DATABASE_URL = url;
  const { rebuildStatistics } = await import('../lib/data/statistics-rebuild');
  const { getDb } = await import('../lib/db');
  const { repaired } = await rebuildStatistics();
  console.log(`Read model rebuilt: ${repaired} assignment(s) corrected; trend snapshots will be recomputed on demand.`);
  await getDb().$disconnect();
});
