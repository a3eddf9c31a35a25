/**
 * npm run db:migration:new <name>
 * Writes prisma/migrations/<timestamp>_<name>/migration.sql: the SQL that takes the schema of the
 * latest migration (its schema.snapshot.prisma) to prisma/schema.prisma. Review it, then commit.
 * Hand-written migrations (triggers, data fixes) are folders with only migration.sql.
 */
import fs from 'node:fs';
import path from 'node:path';
import { withDatabase } from './lib/with-database';
import { diffSchemas } from '../lib/database/schema-diff';
import { MIGRATIONS_DIR } from '../lib/database/migrate';

const name = (process.argv[2] ?? '')
  .toLowerCase()
  .replace(/[^a-z0-9]+/g, '_')
  .replace(/^_|_$/g, '');
if (!name) {
  console.error('Usage: npm run db:migration:new <name>');
  process.exit(1);
}

const SNAPSHOT = 'schema.snapshot.prisma';
const latestSnapshot = fs.existsSync(MIGRATIONS_DIR)
  ? (fs
      .readdirSync(MIGRATIONS_DIR)
      .sort()
      .reverse()
      .map((dir) => path.join(MIGRATIONS_DIR, dir, SNAPSHOT))
      .find((file) => fs.existsSync(file)) ?? null)
  : null;

await withDatabase({ purpose: 'scratch' }, async (url) => {
  const sql = diffSchemas(latestSnapshot, path.join(process.cwd(), 'prisma', 'schema.prisma'), url);
  if (!/^(CREATE|ALTER|DROP)/m.test(sql)) {
    console.log('schema.prisma matches the latest migration: nothing to write.');
    return;
  }
  const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'migration.sql'), sql);
  fs.copyFileSync(path.join(process.cwd(), 'prisma', 'schema.prisma'), path.join(dir, SNAPSHOT));
  console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql — review it before committing.`);
});
