/**
 * A throwaway PostgreSQL cluster from Debian's server package (`apt-get install postgresql`, which
 * .ci/run installs), for the tests that need pg_dump/pg_restore: those must be at least the server's
 * version, and the embedded PostgreSQL 18 ships none. Runs as the `postgres` OS user when root.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function debianPostgresBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const bin = versions.map((v) => path.join(root, v, 'bin')).find((b) => existsSync(path.join(b, 'initdb')));
  if (!bin)
    throw new Error(
      "This test needs Debian's PostgreSQL server and client tools: apt-get install postgresql (.ci/run installs it).",
    );
  return bin;
}

type Cluster = { url: string; bin: string; port: number; stop: () => void };

function clusterFolder(): { dir: string; asRoot: boolean } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  return { dir, asRoot };
}

function runner(bin: string, asRoot: boolean) {
  return (file: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', path.join(bin, file), ...args], { stdio: 'pipe', cwd: '/' })
      : execFileSync(path.join(bin, file), args, { stdio: 'pipe' });
}

function startIn(dir: string, data: string, port: number, run: ReturnType<typeof runner>, bin: string): Cluster {
  run('pg_ctl', [
    '-D',
    data,
    '-l',
    path.join(dir, 'log'),
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c timezone=UTC`,
    '-w',
    'start',
  ]);
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    bin,
    port,
    stop: () => {
      run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function startDebianPostgres(port: number): Cluster {
  const bin = debianPostgresBin();
  const { dir, asRoot } = clusterFolder();
  const run = runner(bin, asRoot);
  const data = path.join(dir, 'data');
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  return startIn(dir, data, port, run, bin);
}

/**
 * A hot-standby streaming replica of `primary` (same binaries, so the same major version): a base
 * backup taken with pg_basebackup -R (which writes standby.signal and primary_conninfo), started
 * on `port`. initdb --auth=trust allows local replication connections, and PostgreSQL's defaults
 * (wal_level=replica, max_wal_senders=10, hot_standby=on) are what streaming needs.
 */
export function startDebianReplica(primary: Cluster, port: number): Cluster {
  const { dir, asRoot } = clusterFolder();
  const run = runner(primary.bin, asRoot);
  const data = path.join(dir, 'data');
  run('pg_basebackup', [
    '-h',
    '127.0.0.1',
    '-p',
    String(primary.port),
    '-U',
    'postgres',
    '-D',
    data,
    '-R',
    '-X',
    'stream',
    '-c',
    'fast',
  ]);
  return startIn(dir, data, port, run, primary.bin);
}
