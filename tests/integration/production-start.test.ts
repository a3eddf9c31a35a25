import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { PrismaClient } from '../../lib/generated/prisma/client';
import { migrate } from '../../lib/database/migrate';
import { recreateDatabase } from '../../lib/database/open';
import { verifyPassword } from '../../lib/password';
import { ensureAdmin } from '../../prisma/seed';

const server = inject('testServerUrl');
let db: PrismaClient | undefined;

afterAll(async () => {
  await db?.$disconnect();
  await recreateDatabase(server, 'prod_start'); // leave it empty
});

describe('a production start on an empty database', () => {
  it('creates only the administrator (in the standing office), with the password from the environment', async () => {
    const url = await recreateDatabase(server, 'prod_start');
    await migrate(url);
    db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
    expect(await ensureAdmin(db, { username: 'quantri', password: 'mat-khau-rat-dai-2026' })).toBe('created');
    const users = await db.user.findMany({
      select: {
        username: true,
        role: true,
        passwordHash: true,
        unit: { select: { code: true, isStandingOffice: true } },
      },
    });
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({
      username: 'quantri',
      role: 'ADMIN',
      unit: { code: 'NV', isStandingOffice: true },
    });
    expect(await verifyPassword(users[0]!.passwordHash, 'mat-khau-rat-dai-2026')).toBe(true);
    expect(await db.unit.count()).toBe(1);
    expect(await db.programme.count()).toBe(0);
    expect(await db.report.count()).toBe(0);
    // a second start changes nothing
    expect(await ensureAdmin(db, { username: 'khac', password: 'mot-mat-khau-khac-2026' })).toBe('exists');
    expect(await db.user.count()).toBe(1);
  });
});
