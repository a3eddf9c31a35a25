/**
 * npm start — production start of a built app (`npm run build` first).
 * Uses DATABASE_URL (or the embedded PostgreSQL when unset), applies migrations, and on an empty
 * database creates only the administrator, with ADMIN_USERNAME / ADMIN_PASSWORD from the environment.
 * DEMO_DATA=1 loads the demo city instead (never in production).
 */
import { getDb } from '../lib/db';
import { ensureAdmin, seedDemo } from '../prisma/seed';
import { launch } from './lib/launch';

const secret = process.env.AUTH_SECRET;
if (!secret || secret.length < 32) {
  console.error(
    '✖ AUTH_SECRET must be set to a random string of at least 32 characters (e.g. `openssl rand -base64 32`).',
  );
  process.exit(1);
}

await launch({
  nextArgs: ['start'],
  env: { AUTH_SECRET: secret },
  prepare: async (url) => {
    process.env.DATABASE_URL = url;
    const db = getDb();
    if (process.env.DEMO_DATA === '1') {
      await seedDemo(db);
    } else {
      const password = process.env.ADMIN_PASSWORD;
      const hasAdmin = (await db.user.count({ where: { role: 'ADMIN', active: true } })) > 0;
      if (!hasAdmin) {
        if (!password || password.length < 12) {
          throw new Error(
            'The database has no administrator: set ADMIN_PASSWORD (at least 12 characters) for the first start.',
          );
        }
        await ensureAdmin(db, { username: process.env.ADMIN_USERNAME ?? 'admin', password });
        console.log('• Đã tạo tài khoản quản trị.');
      }
    }
    await db.$disconnect();
  },
});
