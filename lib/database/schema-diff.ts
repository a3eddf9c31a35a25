/**
 * SQL from schema.prisma, for writing migrations and for the test that the migrations and the
 * schema agree. Prisma 7's migrate needs a native schema engine that cannot be downloaded here,
 * so this runs Prisma 6.19's CLI (npm alias `prisma6`) with its WebAssembly schema engine through
 * the pg driver adapter. See docs/decisions/002-migrations.md.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = process.cwd();
const WORK_DIR = path.join(ROOT, '.data', 'prisma6');

/** Prisma 6 still wants `url` in the datasource block; Prisma 7 refuses it. Add it to a copy. */
function prisma6Schema(source: string, name: string): string {
  const text = fs
    .readFileSync(source, 'utf8')
    .replace(
      /datasource db \{\n(\s*)provider = "postgresql"\n/,
      (m, indent: string) => `${m}${indent}url      = env("DATABASE_URL")\n`,
    );
  const file = path.join(WORK_DIR, name);
  fs.writeFileSync(file, text);
  return file;
}

/**
 * `prisma migrate diff --script` between two schema files (from = null means an empty database).
 * `databaseUrl` must reach a running PostgreSQL: the WebAssembly engine connects through the adapter.
 */
export function diffSchemas(from: string | null, to: string, databaseUrl: string): string {
  fs.mkdirSync(WORK_DIR, { recursive: true });
  const toFile = prisma6Schema(to, 'to.prisma');
  const fromArgs = from ? ['--from-schema-datamodel', prisma6Schema(from, 'from.prisma')] : ['--from-empty'];
  const config = path.join(WORK_DIR, 'prisma6.config.ts');
  fs.writeFileSync(
    config,
    `import { defineConfig } from 'prisma6/config';
import { PrismaPg } from '@prisma/adapter-pg';
export default defineConfig({
  schema: ${JSON.stringify(toFile)},
  engine: 'js',
  experimental: { adapter: true },
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL! }),
} as never);
`,
  );
  const cli = path.join(ROOT, 'node_modules', 'prisma6', 'build', 'index.js');
  return execFileSync(
    process.execPath,
    [cli, 'migrate', 'diff', '--config', config, ...fromArgs, '--to-schema-datamodel', toFile, '--script'],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        // Never download engines: the WebAssembly engine is used; these only need to be existing files.
        PRISMA_SCHEMA_ENGINE_BINARY: process.execPath,
        PRISMA_QUERY_ENGINE_LIBRARY: process.execPath,
        PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING: '1',
        PRISMA_HIDE_UPDATE_MESSAGE: '1',
        CHECKPOINT_DISABLE: '1',
      },
    },
  );
}
