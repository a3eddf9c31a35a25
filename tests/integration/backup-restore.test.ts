/**
 * The restore drill (issue 11): a seeded database with an evidence file is backed up with
 * `npm run db:backup`, destroyed (database dropped, files deleted), restored with
 * `npm run db:restore`, and compared: row counts, a checksum of the reports, every file's SHA-256.
 * On Debian's PostgreSQL (the embedded 18 has no pg_dump; tests/support/debian-postgres.ts).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startDebianPostgres } from '../support/debian-postgres';
import { PrismaClient } from '../../lib/generated/prisma/client';
import { migrate } from '../../lib/database/migrate';
import { recreateDatabase } from '../../lib/database/open';
import { LocalDiskStorage } from '../../lib/storage/local-disk';
import { seedDemo } from '../../prisma/seed';
import { fingerprint } from '../../scripts/lib/pg-tools';

const PORT = Number(process.env.TEST_EMBEDDED_PG_PORT ?? 54339) + 13;
const server = startDebianPostgres(PORT);
const work = mkdtempSync(path.join(os.tmpdir(), 'dondoc-drill-'));
afterAll(() => {
  server.stop();
  rmSync(work, { recursive: true, force: true });
});

const tsx = path.resolve('node_modules', '.bin', 'tsx');

describe('backup and restore', () => {
  it('gives back every row and every file after the database and the files are destroyed', async () => {
    const url = await recreateDatabase(server.url, 'drill');
    await migrate(url);
    const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
    const uploads = path.join(work, 'uploads');
    try {
      await seedDemo(db);
      // one evidence file, on the disk and in a row
      const bytes = Buffer.from('%PDF-1.4 biên bản họp\n');
      const key = 'ab'.repeat(16);
      await new LocalDiskStorage(uploads).put(key, bytes);
      const report = await db.report.findFirstOrThrow({ select: { id: true, createdById: true } });
      await db.evidence.create({
        data: {
          reportId: report.id,
          fileName: 'bien-ban.pdf',
          mimeType: 'application/pdf',
          sizeBytes: bytes.length,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          storageKey: key,
          uploadedById: report.createdById,
        },
      });
    } finally {
      await db.$disconnect();
    }
    const before = await fingerprint(url);
    expect(before.Report).toBeGreaterThan(0);
    expect(before.Evidence).toBe(1);

    const env = { ...process.env, DATABASE_URL: url, UPLOAD_DIR: uploads, PG_BIN_DIR: server.bin, LOG_LEVEL: 'silent' };
    const backup = path.join(work, 'backup');
    execFileSync(tsx, ['scripts/db-backup.ts', '--out', backup], { env, stdio: 'pipe' });

    // destroy both
    await recreateDatabase(server.url, 'drill');
    rmSync(uploads, { recursive: true, force: true });
    expect((await fingerprint(url).catch(() => null))?.Report ?? 0).toBe(0);

    const restore = spawnSync(tsx, ['scripts/db-restore.ts', backup, '--yes'], { env, encoding: 'utf8' });
    console.log(restore.stdout);
    expect(restore.status, restore.stderr).toBe(0);
    expect(restore.stdout).toContain('evidence files matching their SHA-256 | 1 | 1 of 1');
    expect(await fingerprint(url)).toEqual(before);
  });

  it('refuses to restore without --yes', () => {
    const r = spawnSync(tsx, ['scripts/db-restore.ts', work], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('--yes');
  });
});
