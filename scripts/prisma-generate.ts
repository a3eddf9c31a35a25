/**
 * `prisma generate` without the native schema engine, which cannot be downloaded here.
 * Prisma 7 skips the download when PRISMA_SCHEMA_ENGINE_BINARY is set (shared/ENVIRONMENT.md).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const prismaBin = path.join(process.cwd(), 'node_modules', 'prisma', 'build', 'index.js');
execFileSync(process.execPath, [prismaBin, 'generate'], {
  stdio: 'inherit',
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY:
      process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath /* any existing file: it is never run by generate */,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
  },
});
