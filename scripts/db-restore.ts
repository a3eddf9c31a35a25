/**
 * npm run db:restore -- <backup folder> --yes
 *
 * Replaces the application database with a backup made by `npm run db:backup` (pg_restore --clean,
 * in one transaction), puts its evidence files back into UPLOAD_DIR, then checks the result: the
 * manifest's row counts and checksums, and every evidence file's SHA-256 against its row. Prints
 * the comparison; exits 1 on any difference. Stop the app first.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { env } from '../lib/env';
import { findPgTool, fingerprint, pgEnv, serverMajor } from './lib/pg-tools';
import { withDatabase } from './lib/with-database';

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--'));
if (!dir || !args.includes('--yes')) {
  console.error('Usage: npm run db:restore -- <backup folder> --yes   (replaces the current database)');
  process.exit(1);
}
const backup = path.resolve(dir);
const manifest = JSON.parse(fs.readFileSync(path.join(backup, 'manifest.json'), 'utf8')) as {
  fingerprint: Record<string, string | number>;
  files: number;
};

const ok = await withDatabase({ purpose: 'app' }, async (url) => {
  const pgRestore = findPgTool('pg_restore', await serverMajor(url));
  const { env: childEnv, dbname } = pgEnv(url);
  execFileSync(
    pgRestore,
    [
      '--clean',
      '--if-exists',
      '--no-owner',
      '--single-transaction',
      '--dbname',
      dbname,
      path.join(backup, 'database.dump'),
    ],
    { env: childEnv, stdio: 'inherit' },
  );
  const e = env();
  const uploads = path.resolve(e.UPLOAD_DIR ?? '.data/uploads');
  if (!e.S3_BUCKET && fs.existsSync(path.join(backup, 'uploads')))
    fs.cpSync(path.join(backup, 'uploads'), uploads, { recursive: true });

  const after = await fingerprint(url);
  let same = true;
  console.log('| | backup | restored |\n|---|---|---|');
  for (const [key, value] of Object.entries(manifest.fingerprint)) {
    if (after[key] !== value) same = false;
    console.log(`| ${key} | ${value} | ${after[key]}${after[key] === value ? '' : ' ✖'} |`);
  }
  // Every file a row points to is there, byte for byte (local disk only).
  let checked = 0;
  let bad = 0;
  if (!e.S3_BUCKET) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ storageKey: string; sha256: string }>(
      'SELECT "storageKey", "sha256" FROM "Evidence" ORDER BY id',
    );
    await client.end();
    for (const row of rows) {
      const file = path.join(uploads, row.storageKey.slice(0, 2), row.storageKey);
      const sha = fs.existsSync(file) ? createHash('sha256').update(fs.readFileSync(file)).digest('hex') : null;
      checked += 1;
      if (sha !== row.sha256) bad += 1;
    }
    console.log(`| evidence files matching their SHA-256 | ${manifest.files} | ${checked - bad} of ${checked} |`);
  }
  return same && bad === 0;
});
console.log(
  ok ? '• Khôi phục xong, số liệu khớp bản sao lưu.' : '✖ Khôi phục xong nhưng số liệu KHÔNG khớp bản sao lưu.',
);
process.exit(ok ? 0 : 1);
