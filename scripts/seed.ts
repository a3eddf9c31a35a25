/** npm run db:seed — migrate and load the demo data into the application database (idempotent). */
import { getDb } from '../lib/db';
import { migrate } from '../lib/database/migrate';
import { seedDemo } from '../prisma/seed';
import { withDatabase } from './lib/with-database';

await withDatabase({ purpose: 'app' }, async (url) => {
  await migrate(url, { log: console.log });
  process.env.DATABASE_URL = url;
  const db = getDb();
  await seedDemo(db);
  await db.$disconnect();
  console.log('Demo data ready.');
});
