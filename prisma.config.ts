// Prisma 7 CLI config: used only by `prisma generate` (scripts/prisma-generate.ts).
// Migrations are SQL files applied by lib/db/migrate.ts — see docs/decisions/002-migrations.md.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
});
