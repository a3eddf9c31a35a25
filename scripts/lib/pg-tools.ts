/**
 * pg_dump / pg_restore of a version that can read the server: at least the server's major version
 * (PostgreSQL refuses to dump a newer server). Looked for in PG_BIN_DIR, then Debian's
 * /usr/lib/postgresql/<major>/bin, then PATH; the newest that fits is used.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

export async function serverMajor(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
    return Math.floor(Number(rows[0]!.v) / 10_000);
  } finally {
    await client.end();
  }
}

function majorOf(binary: string): number | null {
  try {
    const out = execFileSync(binary, ['--version'], { encoding: 'utf8' });
    const m = /\(PostgreSQL\) (\d+)/.exec(out);
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

export function findPgTool(tool: 'pg_dump' | 'pg_restore', major: number, binDir = process.env.PG_BIN_DIR): string {
  const candidates = [
    ...(binDir ? [path.join(binDir, tool)] : []),
    ...(fs.existsSync('/usr/lib/postgresql')
      ? fs
          .readdirSync('/usr/lib/postgresql')
          .sort((a, b) => Number(b) - Number(a))
          .map((v) => path.join('/usr/lib/postgresql', v, 'bin', tool))
      : []),
    tool,
  ];
  for (const candidate of candidates) {
    const found = majorOf(candidate);
    if (found !== null && found >= major) return candidate;
  }
  throw new Error(
    `Không tìm thấy ${tool} phiên bản ${major} trở lên (máy chủ PostgreSQL ${major}). Cài gói postgresql-client-${major} ` +
      `(Debian/Ubuntu, kho apt.postgresql.org) hoặc đặt PG_BIN_DIR. / No ${tool} ≥ ${major} found for a PostgreSQL ${major} ` +
      `server: install postgresql-client-${major} or set PG_BIN_DIR.`,
  );
}

/** Counts and checksums that a restore must give back: rows of the main tables, reports' content, files. */
export async function fingerprint(url: string): Promise<Record<string, string | number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const out: Record<string, string | number> = {};
    for (const table of [
      'User',
      'Unit',
      'Programme',
      'Task',
      'Assignment',
      'Report',
      'ReportReview',
      'Evidence',
      'AuditEvent',
    ]) {
      const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`);
      out[table] = Number(rows[0]!.n);
    }
    const { rows } = await client.query<{ h: string | null }>(
      `SELECT md5(string_agg(md5(r::text), '' ORDER BY r.id)) AS h FROM "Report" r`,
    );
    out['Report checksum'] = rows[0]!.h ?? '';
    const files = await client.query<{ h: string | null }>(
      `SELECT md5(string_agg("storageKey" || ':' || "sha256", ',' ORDER BY id)) AS h FROM "Evidence"`,
    );
    out['Evidence checksum'] = files.rows[0]!.h ?? '';
    return out;
  } finally {
    await client.end();
  }
}

/** The URL without its password (which goes in PGPASSWORD, never on a command line). */
export function pgEnv(url: string): { env: NodeJS.ProcessEnv; dbname: string } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { env: { ...process.env, PGPASSWORD: password }, dbname: u.toString() };
}
