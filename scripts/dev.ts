/**
 * npm run dev — the app with demo data on http://localhost:3000.
 * Without DATABASE_URL an embedded PostgreSQL starts by itself (data in .data/postgres).
 */
import { getDb } from '../lib/db';
import { seedDemo } from '../prisma/seed';
import { devAuthSecret, launch } from './lib/launch';

await launch({
  nextArgs: ['dev'],
  env: { AUTH_SECRET: process.env.AUTH_SECRET ?? devAuthSecret() },
  prepare: async (url) => {
    process.env.DATABASE_URL = url;
    const db = getDb();
    await seedDemo(db);
    await db.$disconnect();
    console.log('• Dữ liệu mẫu sẵn sàng. Đăng nhập: xem README (ví dụ admin / DonDoc@2026).');
  },
});
