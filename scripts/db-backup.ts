/**
 * npm run db:backup [-- --out <folder>]
 *
 * A consistent backup of the application database (pg_dump, custom format, of a version that can
 * read the server: scripts/lib/pg-tools.ts) and of the evidence files when they are on the local
 * disk (UPLOAD_DIR; a bucket is backed up by the object store's own versioning or replication),
 * plus manifest.json: row counts and checksums that `npm run db:restore` checks after restoring.
 * Default folder: backups/<UTC timestamp>. Uses DATABASE_URL, or the embedded database when unset.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { env } from '../lib/env';
import { findPgTool, fingerprint, pgEnv, serverMajor } from './lib/pg-tools';
import { withDatabase } from './lib/with-database';

const args = process.argv.slice(2);
const outFlag = args.indexOf('--out');
const out = path.resolve(
  outFlag >= 0 ? args[outFlag + 1]! : path.join('backups', new Date().toISOString().replace(/[:.]/g, '-')),
);

await withDatabase({ purpose: 'app' }, async (url) => {
  const major = await serverMajor(url);
  const pgDump = findPgTool('pg_dump', major);
  fs.mkdirSync(out, { recursive: true });
  const { env: childEnv, dbname } = pgEnv(url);
  execFileSync(pgDump, ['--format=custom', '--no-owner', '--file', path.join(out, 'database.dump'), dbname], {
    env: childEnv,
    stdio: 'inherit',
  });
  const e = env();
  let files = 0;
  if (!e.S3_BUCKET) {
    const uploads = path.resolve(e.UPLOAD_DIR ?? '.data/uploads');
    if (fs.existsSync(uploads)) {
      fs.cpSync(uploads, path.join(out, 'uploads'), {
        recursive: true,
        filter: (source) => !source.endsWith('.partial'),
      });
      files = fs
        .readdirSync(path.join(out, 'uploads'), { recursive: true })
        .filter((f) => /[0-9a-f]{32}$/.test(String(f))).length;
    }
  }
  const manifest = {
    createdAt: new Date().toISOString(),
    serverMajor: major,
    pgDump: execFileSync(pgDump, ['--version'], { encoding: 'utf8' }).trim(),
    files,
    evidenceIn: e.S3_BUCKET ? `s3://${e.S3_BUCKET} (not copied: use the store's versioning)` : 'uploads/',
    fingerprint: await fingerprint(url),
  };
  fs.writeFileSync(path.join(out, 'manifest.json'), JSON.stringify(manifest, null, 2));
  console.log(`• Đã sao lưu vào ${out}`);
  console.log(JSON.stringify(manifest.fingerprint, null, 2), `\nfiles: ${files}`);
});
