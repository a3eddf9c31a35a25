/**
 * The Prisma client (one per process). Only lib/data/* and the database tooling
 * (seed, scripts, tests) import it: see docs/principles.md.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import { AppError } from './errors';
import { PrismaClient } from './generated/prisma/client';
import { findNul } from './validation/fields';

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

function createClient(): PrismaClient {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    throw new Error('DATABASE_URL is not set. Start the app with `npm run dev` or `npm start`, which provide it.');
  }
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) }) });
  return withoutNul(client);
}

/**
 * The last line of defence behind lib/validation/fields.ts: PostgreSQL refuses U+0000 in text and
 * JSON ("invalid byte sequence for encoding UTF8: 0x00"), which would be a 500 that loses what
 * the user typed. Any query (model or raw, in or out of a transaction) whose arguments hold one is
 * refused here as a message instead; the input boundary strips them, so this should never fire.
 */
function withoutNul(client: PrismaClient): PrismaClient {
  const extended = client.$extends({
    name: 'without-nul',
    query: {
      async $allOperations({ args, query, model, operation }) {
        if (findNul(args) !== null) {
          console.error(`Refused a ${model ?? ''}.${operation} query holding U+0000`);
          throw new AppError('Nội dung gửi lên có ký tự không hợp lệ (ký tự điều khiển). Vui lòng xóa ký tự đó rồi thử lại.');
        }
        return query(args);
      },
    },
  });
  // The extension adds no methods: the client keeps PrismaClient's shape.
  return extended as unknown as PrismaClient;
}

/** Lazily created so that importing this module never needs a database. */
export function getDb(): PrismaClient {
  globalForPrisma.prisma ??= createClient();
  return globalForPrisma.prisma;
}

export type { PrismaClient };
export { Prisma } from './generated/prisma/client';
