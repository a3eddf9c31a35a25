/**
 * The Prisma client (one per process). Only lib/data/* and the database tooling
 * (seed, scripts, tests) import it: see docs/principles.md.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { env } from './env';
import { AppError } from './errors';
import { log } from './log';
import { PrismaClient } from './generated/prisma/client';
import { findNul } from './validation/fields';

const globalForPrisma = globalThis as unknown as {
  prisma?: PrismaClient;
  replica?: PrismaClient | null;
  dondocPools?: WeakMap<PrismaClient, pg.Pool>;
};

/**
 * How the app talks to PostgreSQL (decision 008). Every setting is per connection, so no query
 * needs a transaction to carry it:
 *   - DATABASE_POOL_SIZE (10): connections per app instance. The dashboard's aggregates use a few
 *     CPU cores each; on a small server, more connections than about 4 × its cores only make every
 *     query slower. A request that finds every connection busy waits its turn in the pool's queue
 *     (up to DATABASE_CONNECT_TIMEOUT_MS, 60 s) instead of failing.
 *   - DATABASE_WORK_MEM (48MB): memory for each sort or hash of a query: the city-wide aggregates of
 *     a national dataset hash a few hundred thousand rows, and spilling them to disk costs more than
 *     the rest of the query (docs/benchmarks/dashboard.md).
 *   - DATABASE_STATEMENT_TIMEOUT_MS (60 s): a runaway statement ends with an error instead of holding
 *     a connection for ever.
 */
export function dbSettings() {
  const e = env();
  return {
    poolSize: e.DATABASE_POOL_SIZE ?? 10,
    connectTimeoutMs: e.DATABASE_CONNECT_TIMEOUT_MS ?? 60_000,
    statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS ?? 60_000,
    workMem: e.DATABASE_WORK_MEM ?? '48MB',
  };
}

function createClient(connectionString: string | undefined, applicationName: string): PrismaClient {
  const DB_SETTINGS = dbSettings();
  if (!connectionString) {
    throw new Error('DATABASE_URL is not set. Start the app with `npm run dev` or `npm start`, which provide it.');
  }
  // The pool is made here and handed to the adapter, so that a long read can take one of its
  // connections for a server-side cursor (poolOf): the Excel list streams 240,000 rows through
  // one query instead of many pages, within the same pool size and settings.
  const pool = new pg.Pool({
    connectionString,
    application_name: applicationName,
    max: DB_SETTINGS.poolSize,
    connectionTimeoutMillis: DB_SETTINGS.connectTimeoutMs,
    statement_timeout: DB_SETTINGS.statementTimeoutMs,
    options: `-c work_mem=${DB_SETTINGS.workMem}`,
  });
  const client = withoutNul(new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) }));
  pools.set(client, pool);
  return client;
}

// Kept beside the clients on globalThis: a production build may load this module more than once
// (one copy per server bundle), and a client made by one copy must find its pool from another —
// a module-level map answered "not a client made by lib/db.ts" to every Excel export in `next start`.
const pools = (globalForPrisma.dondocPools ??= new WeakMap<PrismaClient, pg.Pool>());

/**
 * The pg pool under a client made by getDb or getReplicaDb, for what Prisma cannot do: reading a
 * query's rows through a cursor (lib/data/export-rows.ts). Whoever takes a connection releases it.
 */
export function poolOf(db: PrismaClient): pg.Pool {
  const pool = pools.get(db);
  if (!pool) throw new Error('poolOf: not a client made by lib/db.ts');
  return pool;
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
          log().error({ model, operation }, 'refused a query holding U+0000');
          throw new AppError(
            'Nội dung gửi lên có ký tự không hợp lệ (ký tự điều khiển). Vui lòng xóa ký tự đó rồi thử lại.',
          );
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
  globalForPrisma.prisma ??= createClient(env().DATABASE_URL, 'dondoc');
  return globalForPrisma.prisma;
}

/**
 * The read replica (DATABASE_REPLICA_URL), or null when none is configured (decision 021). Only
 * lib/data/read-source.ts decides when a read may go there: the dashboard's and the exports'
 * statistics, when the replica has caught up with the primary's data version. Everything else —
 * every write, and every read that must see the user's own write — uses getDb().
 */
export function getReplicaDb(): PrismaClient | null {
  if (globalForPrisma.replica === undefined) {
    const url = env().DATABASE_REPLICA_URL;
    globalForPrisma.replica = url ? createClient(url, 'dondoc-replica-reads') : null;
  }
  return globalForPrisma.replica;
}

/** The client that writes for `db`: the primary when `db` is the read replica, else `db` itself. */
export function primaryOf(db: PrismaClient): PrismaClient {
  return globalForPrisma.replica && db === globalForPrisma.replica ? getDb() : db;
}

export type { PrismaClient };
export { Prisma } from './generated/prisma/client';
