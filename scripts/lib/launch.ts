/**
 * Shared by `npm run dev` and `npm start`: find or start the database, migrate it, prepare it,
 * then run Next.js with DATABASE_URL set, and stop an embedded database when Next.js exits.
 * Scheduled jobs are not started here: every Next.js instance runs them itself (instrumentation.ts).
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { migrate } from '../../lib/database/migrate';
import { openAppDatabase } from '../../lib/database/open';

/**
 * The server's heap cap (docs/benchmarks/load.md, "Memory"): without one, V8 lets the heap grow
 * towards a quarter of the machine's memory before collecting hard, and the resident memory of a
 * busy server rose to 1.1 GB and stayed there. The cap is above the measured peak of live data (a
 * national Excel export, the Word report, page load) with room to spare; NODE_OPTIONS with its own
 * --max-old-space-size replaces it.
 */
export const SERVER_HEAP_CAP_MB = 512;

/**
 * glibc's malloc arenas (MALLOC_ARENA_MAX): by default up to 8 per core, one per thread that
 * allocates (libuv's pool, V8's helpers, zlib), each keeping freed native memory. Set for the
 * server by `npm start`, bench-load and the systemd unit (docs/deployment.md).
 */
export const SERVER_MALLOC_ARENA_MAX = 2;

/**
 * glibc's mmap threshold (MALLOC_MMAP_THRESHOLD_, bytes): a native allocation this big or bigger
 * gets its own mapping, given back to the system when freed. Left unset, glibc raises the threshold
 * each time such a block is freed (up to 32 MB), after which page-sized buffers (React's and the
 * response streams' chunks, zlib's windows) come from the main heap, which keeps what they free:
 * 50–71 MB of it after a full GC with 5–10 MB of external memory live (decision 035). Pinning it at
 * glibc's own starting value keeps the threshold from moving.
 */
export const SERVER_MALLOC_MMAP_THRESHOLD = 131072;

/**
 * V8's semi-space (--max-semi-space-size, MB): the young generation is two of them plus a
 * large-object space, committed in full once a busy server has grown it — 32 MB at V8's default of
 * 16 MB. 8 MB halves that; scavenges are twice as frequent and cost what survives them, not the
 * garbage, and CPU per dashboard request did not move measurably (decision 035).
 */
export const SERVER_SEMI_SPACE_MB = 8;

/** Node's options for the server: the heap cap and the semi-space, unless NODE_OPTIONS sets its own. */
export function serverNodeArgs(nodeOptions: string | undefined = process.env.NODE_OPTIONS): string[] {
  return [
    ...(nodeOptions?.includes('--max-old-space-size') ? [] : [`--max-old-space-size=${SERVER_HEAP_CAP_MB}`]),
    ...(nodeOptions?.includes('--max-semi-space-size') ? [] : [`--max-semi-space-size=${SERVER_SEMI_SPACE_MB}`]),
  ];
}

/** The server's environment additions; a value already in the environment wins. */
export function serverEnv(environment: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return {
    MALLOC_ARENA_MAX: environment.MALLOC_ARENA_MAX ?? String(SERVER_MALLOC_ARENA_MAX),
    MALLOC_MMAP_THRESHOLD_: environment.MALLOC_MMAP_THRESHOLD_ ?? String(SERVER_MALLOC_MMAP_THRESHOLD),
  };
}
export function devAuthSecret(): string {
  const file = path.join(process.cwd(), '.data', 'auth-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return fs.readFileSync(file, 'utf8').trim();
}

export async function launch({
  nextArgs,
  nodeArgs = [],
  prepare,
  env,
}: {
  nextArgs: string[];
  /** Options for Node itself (the heap cap of `npm start`). */
  nodeArgs?: string[];
  prepare: (databaseUrl: string) => Promise<void>;
  env: Record<string, string>;
}): Promise<void> {
  let db;
  try {
    db = await openAppDatabase();
  } catch (error) {
    console.error(`\n✖ ${(error as Error).message}\n`);
    process.exit(1);
  }
  const stopDb = async () => {
    await db.stop().catch((e: unknown) => console.error(e));
  };
  try {
    const { applied } = await migrate(db.url, { log: (l) => console.log(`• ${l}`) });
    if (applied.length === 0) console.log('• Cơ sở dữ liệu đã ở phiên bản mới nhất.');
    await prepare(db.url);
  } catch (error) {
    console.error(`\n✖ ${(error as Error).message}\n`);
    await stopDb();
    process.exit(1);
  }

  const port = process.env.PORT ?? '3000';
  const nextBin = path.join(process.cwd(), 'node_modules', 'next', 'dist', 'bin', 'next');
  const child = spawn(process.execPath, [...nodeArgs, nextBin, ...nextArgs, '--port', port], {
    stdio: 'inherit',
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: '1',
      DATABASE_URL: db.url,
      NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
      ...env,
    },
  });
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    child.kill(signal);
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  child.on('exit', async (code) => {
    await stopDb();
    process.exit(code ?? 0);
  });
}
