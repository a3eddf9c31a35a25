/**
 * npm run bench — the statistics benchmarks at three scales, side by side:
 *
 *   npm run bench [-- --scales city,tenth,national] [--runs 5] [--load]
 *
 * Starts its own embedded PostgreSQL under .data/postgres-bench (port BENCH_PG_PORT, 54349), so it
 * never touches the development or test databases; generates each dataset once with
 * scripts/generate-city.ts (city: Hà Tĩnh's 27 units; tenth: ~1,000 units; national: ~10,000 units
 * and ~0.9 million reports — the first national run takes a few minutes) and keeps it for the next
 * run; then runs scripts/bench-dashboard.ts on each (figures in docs/benchmarks/dashboard.md, with
 * the machine's load average). With --load it also runs scripts/bench-load.ts on the city
 * (HTTP load on a production build, which must exist: `npm run build`; figures in
 * docs/benchmarks/load.md).
 * Benchmarks print figures; they never pass or fail on speed.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ensureDatabase, startEmbeddedDatabase } from '../lib/database/embedded';
import { withDatabaseName } from '../lib/database/open';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const SCALES: Record<string, { args: string[]; label: string }> = {
  city: { args: [], label: 'Generated city: 15 wards and communes, 12 departments, one year' },
  tenth: { args: ['--local', '950', '--departments', '50', '--monthly', '8'], label: 'One tenth of national: 1,000 units' },
  national: { args: ['--national'], label: 'National: 10,000 units' },
};
const scales = (flag('--scales') ?? 'city,tenth,national').split(',').filter((s) => s in SCALES);
const runs = flag('--runs') ?? '5';

const server = await startEmbeddedDatabase({
  dataDir: path.join(process.cwd(), '.data', 'postgres-bench'),
  port: Number(process.env.BENCH_PG_PORT ?? 54349),
  database: 'postgres',
  log: () => {},
});

function run(title: string, command: string, commandArgs: string[], env: Record<string, string>): void {
  console.log(`\n━━ ${title}  (load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')})`);
  const r = spawnSync(command, commandArgs, { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env } });
  if (r.status !== 0) console.log(`━━ ${title}: exited with ${r.status}`);
}

try {
  for (const scale of scales) {
    const database = `bench_${scale}`;
    await ensureDatabase(server.url, database);
    const url = withDatabaseName(server.url, database);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const filled = (await client.query(`SELECT to_regclass('public."Assignment"') IS NOT NULL AND EXISTS (SELECT 1 FROM "Assignment") AS filled`).catch(() => ({ rows: [{ filled: false }] }))).rows[0]?.filled;
    await client.end();
    if (!filled) run(`generating ${scale}`, 'npx', ['tsx', 'scripts/generate-city.ts', ...SCALES[scale]!.args], { DATABASE_URL: url });
    run(`dashboard data layer: ${scale}`, 'npx', ['tsx', '--conditions=react-server', 'scripts/bench-dashboard.ts', '--runs', runs, '--label', SCALES[scale]!.label], { DATABASE_URL: url });
  }
  if (args.includes('--load')) {
    run('HTTP load: city', 'npx', ['tsx', 'scripts/bench-load.ts'], { DATABASE_URL: withDatabaseName(server.url, 'bench_city') });
  }
} finally {
  await server.stop();
}
