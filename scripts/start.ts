/**
 * npm start — production start of a built app (`npm run build` first).
 * Uses DATABASE_URL (or the embedded PostgreSQL when unset), applies migrations, and on an empty
 * database creates only the administrator, with ADMIN_USERNAME / ADMIN_PASSWORD from the environment.
 * DEMO_DATA=1 loads the demo city instead (never in production).
 */
import { getDb } from '../lib/db';
import { checkEnv } from '../lib/env';
import { ensureAdmin, seedDemo } from '../prisma/seed';
import { launch, serverEnv, serverNodeArgs } from './lib/launch';

// Every variable checked before anything starts: the full list of problems, then exit 1.
const config = checkEnv({ production: true });
const secret = config.AUTH_SECRET!;

await launch({
  nextArgs: ['start'],
  nodeArgs: serverNodeArgs(),
  // The server's memory settings (scripts/lib/launch.ts), unless the environment sets its own.
  env: { ...serverEnv(), AUTH_SECRET: secret },
  prepare: async (url) => {
    process.env.DATABASE_URL = url;
    const db = getDb();
    if (config.DEMO_DATA === '1') {
      await seedDemo(db);
    } else {
      const password = config.ADMIN_PASSWORD;
      const hasAdmin = (await db.user.count({ where: { role: 'ADMIN', active: true } })) > 0;
      if (!hasAdmin) {
        if (!password || password.length < 12) {
          throw new Error(
            'The database has no administrator: set ADMIN_PASSWORD (at least 12 characters) for the first start.',
          );
        }
        await ensureAdmin(db, { username: config.ADMIN_USERNAME ?? 'admin', password });
        console.log('• Đã tạo tài khoản quản trị.');
      }
    }
    await db.$disconnect();
  },
});
