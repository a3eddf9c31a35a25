/**
 * npm run db:admin — creates the administrator on a database that has none (ADMIN_USERNAME,
 * ADMIN_PASSWORD ≥ 12 characters), as `npm start` does at its first start. For deployments that run
 * the standalone server (`node .next/standalone/server.js`, docs/deployment.md), which never writes
 * users by itself. Does nothing when an active administrator exists.
 */
import { getDb } from '../lib/db';
import { checkEnv } from '../lib/env';
import { ensureAdmin } from '../prisma/seed';
import { withDatabase } from './lib/with-database';

const config = checkEnv();
await withDatabase({ purpose: 'app' }, async (url) => {
  process.env.DATABASE_URL = url;
  const db = getDb();
  try {
    if ((await db.user.count({ where: { role: 'ADMIN', active: true } })) > 0) {
      console.log('The database already has an administrator: nothing to do.');
      return;
    }
    const password = config.ADMIN_PASSWORD;
    if (!password || password.length < 12) {
      console.error('Set ADMIN_PASSWORD (at least 12 characters) to create the first administrator.');
      process.exitCode = 1;
      return;
    }
    await ensureAdmin(db, { username: config.ADMIN_USERNAME ?? 'admin', password });
    console.log(`Created the administrator "${config.ADMIN_USERNAME ?? 'admin'}".`);
  } finally {
    await db.$disconnect();
  }
});
