/**
 * HTTP load on the production build, as an outsider would measure it:
 *
 *   npm run build
 *   DATABASE_URL=… npx tsx scripts/bench-load.ts [--duration 20] [--connections 10,50] [--port 3200] [--targets a,b] [--label "national"] [--no-write]
 *     [--export-connections 10] [--node-args "--max-old-space-size=384"]
 *
 * (or `npm run bench -- --scales city --load`, which brings its own database). Starts `next start`
 * on loopback against DATABASE_URL (a database filled by scripts/generate-city.ts, whose users have
 * the demo password), signs in through the real login (next-auth's credentials endpoint, with its
 * CSRF token), and loads each page with autocannon for --duration seconds at each concurrency,
 * interleaved with the same load on the floor (app/bench-floor: one cookie read, two trivial
 * queries, a 10-item list), so that every figure is also a ratio to the floor measured in the same
 * run on the same machine. Counts non-2xx answers, transport errors and errors rendered INSIDE
 * 200 pages (the `data-error-boundary` marker of app/error.tsx and components/ui/safe-section.tsx),
 * and samples the server's resident memory before, at its peak and after. Each page is opened once
 * before it is measured (one request, not timed), so the figures are of the warm statistics cache
 * and not of the first computation after start (which at national scale outlasts autocannon's
 * 10 s timeout on a busy machine and was counted as errors). The export is measured as whole files
 * (`downloads`: --export-connections clients, each file waited for however long it takes), not
 * with autocannon. The server runs with `npm start`'s Node options and environment
 * (scripts/lib/launch.ts: heap cap, MALLOC_ARENA_MAX) unless --node-args or the environment say
 * otherwise. Prints a table and writes
 * docs/benchmarks/load.md with the machine and the load average (not with --no-write, for a
 * comparison run). It never fails on speed.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { serverEnv, serverNodeArgs } from './lib/launch';
import { pageScripts } from './lib/page-scripts';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const DURATION = Number(flag('--duration') ?? 20);
const CONNECTIONS = (flag('--connections') ?? '10,50').split(',').map(Number);
const PORT = Number(flag('--port') ?? 3200);
const BASE = `http://127.0.0.1:${PORT}`;
const PASSWORD = process.env.BENCH_PASSWORD ?? 'DonDoc@2026';
const OUT = path.join(process.cwd(), 'docs', 'benchmarks', 'load.md');
const LABEL = flag('--label');
const WRITE = !args.includes('--no-write');
/** Node options for the server instead of `npm start`'s (experiments: `--node-args "--max-old-space-size=384"`). */
const NODE_ARGS = flag('--node-args')?.split(/\s+/).filter(Boolean) ?? serverNodeArgs(undefined);
/** Concurrent downloads of the export target (its own concurrency: a national file takes seconds). */
const EXPORT_CONNECTIONS = Number(flag('--export-connections') ?? 10);
const DATABASE_URL = process.env.DATABASE_URL;
if (!DATABASE_URL) {
  console.error(
    'Set DATABASE_URL to a database filled by scripts/generate-city.ts (or use `npm run bench -- --load`).',
  );
  process.exit(1);
}
if (!fs.existsSync(path.join(process.cwd(), '.next', 'BUILD_ID'))) {
  console.error('No production build: run `npm run build` first.');
  process.exit(1);
}

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

// ── who signs in, and what they open ────────────────────────────────────────────────────────────
const db = new pg.Client({ connectionString: DATABASE_URL });
await db.connect();
const pick = async (sql: string) => (await db.query(sql)).rows[0] as Record<string, string | number> | undefined;
const officer = await pick(`
  SELECT u.username, (SELECT a.id FROM "Assignment" a WHERE a."unitId" = u."unitId" ORDER BY a.id LIMIT 1) AS assignment
  FROM "User" u JOIN "Unit" n ON n.id = u."unitId" WHERE u.role = 'OFFICER' AND u.active AND n.kind = 'WARD' ORDER BY u.id LIMIT 1`);
// The head with the fullest inbox: most reports of other units waiting on tasks their unit leads
// (rule 1 of lib/domain/review-routing.ts). Counting lead assignments instead picked, at national
// scale where every department leads one task, a head whose inbox was empty.
const head = await pick(`
  SELECT u.username FROM "User" u
  LEFT JOIN (
    SELECT l."unitId", count(*) AS waiting
    FROM "Report" r
    JOIN "Assignment" a ON a.id = r."assignmentId" AND a.role <> 'LEAD'
    JOIN "Assignment" l ON l."taskId" = a."taskId" AND l.role = 'LEAD'
    WHERE r.status = 'SUBMITTED'
    GROUP BY l."unitId"
  ) w ON w."unitId" = u."unitId"
  WHERE u.role = 'DEPARTMENT_HEAD' AND u.active
  ORDER BY coalesce(w.waiting, 0) DESC, u.id LIMIT 1`);
const chairman = await pick(`SELECT username FROM "User" WHERE role = 'CHAIRMAN' AND active ORDER BY id LIMIT 1`);
const sizes = await pick(
  `SELECT (SELECT count(*) FROM "Unit")::int AS units, (SELECT count(*) FROM "Assignment")::int AS assignments, (SELECT count(*) FROM "Report")::int AS reports`,
);
await db.end();
if (!officer || !head || !chairman)
  throw new Error(
    'The database needs an officer, a department head and a chairman (scripts/generate-city.ts makes them).',
  );

// ── the server ──────────────────────────────────────────────────────────────────────────────────
const server = spawn(
  process.execPath,
  [
    // The Node options of `npm start` (scripts/lib/launch.ts): the server measured as it runs.
    ...NODE_ARGS,
    path.join('node_modules', 'next', 'dist', 'bin', 'next'),
    'start',
    '-p',
    String(PORT),
    '-H',
    '127.0.0.1',
  ],
  {
    env: {
      ...process.env,
      ...serverEnv(),
      DATABASE_URL,
      PORT: String(PORT),
      NEXTAUTH_URL: BASE,
      AUTH_SECRET: process.env.AUTH_SECRET ?? 'bench-secret-bench-secret-bench-secret-0123',
      BENCH_FLOOR: '1',
      // The pages are measured, not the scheduled jobs: at national scale the urging ladder and the
      // deadline reminders ran for minutes on the bench server and stalled every page, the floor too.
      JOBS: 'off',
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);
const stopServer = () => {
  if (server.exitCode === null) server.kill('SIGTERM');
};
process.on('exit', stopServer);

function rssMb(): number {
  try {
    const status = fs.readFileSync(`/proc/${server.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

async function waitForServer(): Promise<void> {
  for (let i = 0; i < 120; i += 1) {
    try {
      const r = await fetch(`${BASE}/login`);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('next start did not answer within 60 s');
}

/** Signs in through next-auth's credentials endpoint and returns the Cookie header of the session. */
async function signIn(username: string): Promise<string> {
  const csrf = await fetch(`${BASE}/api/auth/csrf`);
  const jar = new Map<string, string>();
  const keep = (r: Response) => {
    for (const c of r.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [name, ...value] = pair!.split('=');
      jar.set(name!.trim(), value.join('='));
    }
  };
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const r = await fetch(`${BASE}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie() },
    body: new URLSearchParams({ csrfToken, username, password: PASSWORD, json: 'true' }),
  });
  keep(r);
  if (![...jar.keys()].some((k) => k.includes('session-token')))
    throw new Error(`Could not sign in as ${username} (HTTP ${r.status})`);
  return cookie();
}

type Row = {
  target: string;
  connections: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
  errors: number;
  inPage: number;
  rssPeak: number;
  kb: number;
};

async function hammer(target: string, url: string, cookie: string, connections: number): Promise<Row> {
  let inPage = 0;
  let peak = rssMb();
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMb());
  }, 250);
  const result = await autocannon({
    url,
    connections,
    duration: DURATION,
    headers: { cookie },
    setupClient: (client) => {
      client.on('body', (body: Buffer) => {
        if (body.includes('data-error-boundary')) inPage += 1;
      });
    },
  });
  clearInterval(sampler);
  return {
    target,
    connections,
    rps: result.requests.average,
    p50: result.latency.p50,
    p95: result.latency.p97_5 !== undefined ? percentile(result, 95) : result.latency.p90,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    inPage,
    rssPeak: peak,
    kb: result.requests.total > 0 ? result.throughput.total / result.requests.total / 1024 : 0,
  };
}

/**
 * The export target, measured as files: `connections` clients each download whole files one after
 * another until the duration has passed (the last ones are waited for, however long they take —
 * autocannon's 10 s time-out counted every national file as an error, since one takes ~10 s alone).
 * A file counts as complete when it answered 200 and its bytes end with a zip's end-of-directory
 * record; anything else (a status, a broken or cut transfer) is an error. Latency is per file.
 */
async function downloads(target: string, url: string, cookie: string, connections: number): Promise<Row> {
  let peak = rssMb();
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMb());
  }, 250);
  const started = performance.now();
  const until = started + DURATION * 1000;
  const times: number[] = [];
  const firstBytes: number[] = [];
  let non2xx = 0;
  let errors = 0;
  let bytes = 0;
  const client = async () => {
    while (performance.now() < until) {
      const t0 = performance.now();
      try {
        const r = await fetch(url, { headers: { cookie }, signal: AbortSignal.timeout(15 * 60_000) });
        const reader = r.body!.getReader();
        let first = 0;
        let size = 0;
        let tail = Buffer.alloc(0);
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          if (!first) first = performance.now() - t0;
          size += value.length;
          tail = Buffer.concat([tail, Buffer.from(value)]).subarray(-64);
        }
        if (r.status < 200 || r.status >= 300) non2xx += 1;
        // The end-of-central-directory record (22 bytes, no comment): a whole zip, not a cut one.
        else if (tail.length < 22 || tail.readUInt32LE(tail.length - 22) !== 0x06054b50) errors += 1;
        else {
          times.push(performance.now() - t0);
          firstBytes.push(first);
          bytes += size;
        }
      } catch {
        errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, client));
  clearInterval(sampler);
  const wall = (performance.now() - started) / 1000;
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : 0;
  console.log(
    `${target}: ${times.length} files in ${wall.toFixed(1)} s, slowest first byte ${Math.round(Math.max(0, ...firstBytes))} ms, ` +
      `file p50 ${Math.round(at(0.5))} ms, slowest ${Math.round(at(1))} ms, ${non2xx} non-2xx, ${errors} errors`,
  );
  return {
    target,
    connections,
    rps: times.length / wall,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    non2xx,
    errors,
    inPage: 0,
    rssPeak: peak,
    kb: times.length ? bytes / times.length / 1024 : 0,
  };
}

/** autocannon reports p90, p97.5 and p99; p95 is interpolated between p90 and p97.5. */
function percentile(result: autocannon.Result, p: 95): number {
  const { p90, p97_5 } = result.latency;
  return p90 + ((p97_5 - p90) * (p - 90)) / 7.5;
}

await waitForServer();
const rssStart = rssMb();
const cookies = {
  officer: await signIn(String(officer.username)),
  head: await signIn(String(head.username)),
  chairman: await signIn(String(chairman.username)),
};
const targets: { name: string; path: string; who: keyof typeof cookies }[] = [
  { name: 'Officer home', path: '/', who: 'officer' },
  { name: 'Assignment page', path: `/assignments/${officer.assignment}`, who: 'officer' },
  { name: 'Head inbox (home)', path: '/', who: 'head' },
  { name: 'Dashboard', path: '/dashboard', who: 'chairman' },
  { name: 'Excel export', path: '/api/exports/xlsx', who: 'chairman' },
];
const chosen = flag('--targets')?.split(',');
const rows: Row[] = [];
/** Gzipped JavaScript each page makes a browser load (scripts/lib/page-scripts.ts), the floor first. */
const scriptsKb = new Map<string, number>();
const countScripts = (name: string, html: string) => scriptsKb.set(name, pageScripts(html).gzipBytes / 1024);
countScripts('Floor', await (await fetch(`${BASE}/bench-floor`, { headers: { cookie: cookies.officer } })).text());
for (const t of targets.filter((t) => !chosen || chosen.includes(t.name))) {
  // Warm-up: the first view after start computes the statistics (see the header).
  const first = await fetch(`${BASE}${t.path}`, { headers: { cookie: cookies[t.who] } });
  if ((first.headers.get('content-type') ?? '').includes('text/html')) countScripts(t.name, await first.text());
  else await first.arrayBuffer();
  const isExport = t.path.startsWith('/api/exports/');
  for (const c of isExport ? [EXPORT_CONNECTIONS] : CONNECTIONS) {
    const floor = await hammer('Floor', `${BASE}/bench-floor`, cookies[t.who], c);
    const row = await (isExport ? downloads : hammer)(t.name, `${BASE}${t.path}`, cookies[t.who], c);
    rows.push(floor, row);
    console.log(
      `${t.name} @${c}: ${row.rps.toFixed(1)} req/s (floor ${floor.rps.toFixed(1)}, ×${(row.rps / floor.rps).toFixed(2)}), ` +
        `p95 ${Math.round(row.p95)} ms (floor ${Math.round(floor.p95)}), non-2xx ${row.non2xx}, errors ${row.errors}, in-page errors ${row.inPage}, RSS peak ${Math.round(row.rssPeak)} MB  [load ${load()}]`,
    );
  }
}
await new Promise((r) => setTimeout(r, 3000));
const rssEnd = rssMb();
stopServer();

const fmt = (n: number) => (n < 1 ? n.toFixed(3) : n < 10 ? n.toFixed(1) : Math.round(n).toString());
const lines = [
  `## Load on the production build${LABEL ? ` — ${LABEL}` : ''} (${new Date().toISOString().slice(0, 10)})`,
  '',
  `${sizes?.units} units, ${sizes?.assignments} assignments, ${sizes?.reports} reports; ${os.cpus().length} CPU (${os.cpus()[0]?.model.trim()}), ` +
    `load average at the end ${load()}; ${DURATION} s per run with autocannon on loopback, the floor run just before each page at the same concurrency. ` +
    `Server RSS ${Math.round(rssStart)} MB after start, ${Math.round(Math.max(...rows.map((r) => r.rssPeak)))} MB at the peak, ${Math.round(rssEnd)} MB after. ` +
    `Server started as \`${[...Object.entries(serverEnv()).map(([k, v]) => `${k}=${v}`), 'node', ...NODE_ARGS].join(' ')}\`.` +
    (rows.some((r) => r.target === 'Excel export')
      ? ` The export row counts whole files (${EXPORT_CONNECTIONS} clients downloading one file after another for the duration, the last ones waited for): "req/s" is files per second, latencies are per file.`
      : ''),
  '',
  `JavaScript a browser loads per page (gzip, noModule polyfills left out): ${[...scriptsKb].map(([name, kb]) => `${name} ${Math.round(kb)} KB`).join(', ')}.`,
  '',
  '| Page | conns | req/s | × floor | p50 ms | p95 ms | p95 ÷ floor | p99 ms | non-2xx | errors | errors in 200 pages | KB per answer | RSS peak MB |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
];
for (let i = 0; i < rows.length; i += 2) {
  const [f, r] = [rows[i]!, rows[i + 1]!];
  for (const x of [f, r]) {
    lines.push(
      `| ${x === f ? `Floor (before ${r.target})` : x.target} | ${x.connections} | ${fmt(x.rps)} | ${x === f ? '' : (r.rps / f.rps).toFixed(2)} | ${fmt(x.p50)} | ${fmt(x.p95)} | ${x === f ? '' : (r.p95 / f.p95).toFixed(2)} | ${fmt(x.p99)} | ${x.non2xx} | ${x.errors} | ${x.inPage} | ${fmt(x.kb)} | ${Math.round(x.rssPeak)} |`,
    );
  }
}
const section = `${lines.join('\n')}\n`;
console.log(`\n${section}`);
const header =
  '# Load: requests per second, latency and errors under concurrency\n\nWritten by `scripts/bench-load.ts`; newest run first.\n\n';
if (!WRITE) {
  console.log('--no-write: docs/benchmarks/load.md left as it was');
  process.exit(0);
}
const existing = fs.existsSync(OUT) ? fs.readFileSync(OUT, 'utf8').replace(header, '') : '';
fs.mkdirSync(path.dirname(OUT), { recursive: true });
fs.writeFileSync(OUT, `${header}${section}\n${existing}`);
console.log(`wrote ${path.relative(process.cwd(), OUT)}`);
process.exit(0);
