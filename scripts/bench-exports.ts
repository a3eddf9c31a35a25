/**
 * How the exports behave on a database filled by scripts/generate-city.ts (issue 8 item 5):
 *
 *   DATABASE_URL=… npx tsx --conditions=react-server scripts/bench-exports.ts [--label "…"] [--concurrency 10] [--no-write]
 *
 * (--conditions=react-server lets the data layer's `server-only` marker load outside Next.js.)
 * It runs what GET /api/exports/xlsx and /docx run after reading the session, city-wide and for now:
 *   - Excel: the dashboard (computeDashboard, as getDashboard), then the workbook written by
 *     writeSummaryWorkbook into a Node stream turned into a web ReadableStream (as the route does),
 *     the list read through one server-side cursor (exportRows) while the bytes are consumed;
 *     measured: time to the first byte, total time, bytes, list rows, and the process's peak RSS
 *     (sampled every 10 ms) — once alone, then `--concurrency` exports at once;
 *   - Word: the dashboard with the report's unit bound, then buildReportDocument.
 * Prints the figures and writes them to docs/benchmarks/exports.md (the section of this --label is
 * replaced, the others are kept), with the date, the machine and `uptime` (shared machines: the
 * load average says how much of the CPU the run had).
 */
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { getDb } from '../lib/db';
import { computeDashboard, type DashboardScope } from '../lib/data/dashboard-sql';
import { exportRows } from '../lib/data/export-rows';
import type { ExportSource } from '../lib/data/exports';
import { buildReportDocument, REPORT_UNITS_PER_SECTION } from '../lib/exports/docx';
import { writeSummaryWorkbook } from '../lib/exports/xlsx';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const LABEL = flag('--label') ?? 'dataset';
const CONCURRENCY = Number(flag('--concurrency') ?? 10);
const WRITE = !args.includes('--no-write');
const OUT = path.join(process.cwd(), 'docs', 'benchmarks', 'exports.md');

if (!process.env.DATABASE_URL) {
  console.error('Set DATABASE_URL to a database filled by scripts/generate-city.ts.');
  process.exit(1);
}

const db = getDb();
const city: DashboardScope = { kind: 'CITY' };
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** Samples the RSS every 10 ms (memoryUsage.rss(): the full memoryUsage() walks the heap, ~3 % of the run's CPU); `peak()` is the highest seen since the last `reset()`. */
const rss = (() => {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  timer.unref();
  return {
    reset: () => (peak = process.memoryUsage.rss()),
    peak: () => Math.max(peak, process.memoryUsage.rss()),
  };
})();

async function source(now: Date, heatUnits?: number): Promise<ExportSource> {
  const computed = await computeDashboard(db, now, city, {}, { sort: 'rate', heat: 'section', heatUnits }, 'live');
  return {
    dashboard: { ...computed, scope: 'CITY', scopeLabel: 'toàn thành phố', asOf: now, isNow: true, periodLabel: null },
    programme: null,
    sectionTitle: null,
    generatedAt: now,
    preparedBy: 'Người chạy thử',
    signer: { title: 'CHỦ TỊCH', name: null },
    rows: () => exportRows(db, now, city, {}, { live: true }),
  };
}

type Run = { ttfb: number; total: number; bytes: number; rows: number };

/** One Excel export as the route serves it, consumed as a client would read it. */
async function excel(): Promise<Run> {
  const started = performance.now();
  const data = await source(new Date());
  const out = new PassThrough({ highWaterMark: 256 * 1024 });
  const writing = writeSummaryWorkbook(data, out).then(() => out.end());
  const reader = (Readable.toWeb(out) as unknown as ReadableStream<Uint8Array>).getReader();
  let ttfb = 0;
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!ttfb) ttfb = performance.now() - started;
    bytes += value.length;
  }
  await writing;
  return { ttfb, total: performance.now() - started, bytes, rows: data.dashboard.headline.total };
}

async function word(): Promise<{ total: number; bytes: number }> {
  const started = performance.now();
  const bytes = await buildReportDocument(await source(new Date(), REPORT_UNITS_PER_SECTION));
  return { total: performance.now() - started, bytes: bytes.length };
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

const [counts] = await db.$queryRaw<{ units: number; assignments: number; reports: number }[]>`
  SELECT (SELECT count(*) FROM "Unit")::int AS units, (SELECT count(*) FROM "Assignment")::int AS assignments, (SELECT count(*) FROM "Report")::int AS reports`;
const uptimeBefore = execSync('uptime').toString().trim();
console.log(`dataset: ${counts!.units} units, ${counts!.assignments} assignments, ${counts!.reports} reports`);
console.log(uptimeBefore);

const rssIdle = process.memoryUsage.rss();
await excel(); // warm-up: plans, caches, module loading, as on a server that has been up a while
rss.reset();
const alone = await excel();
const alonePeak = rss.peak();
console.log(
  `Excel alone: first byte ${s(alone.ttfb)}, total ${s(alone.total)}, ${mb(alone.bytes)}, ${alone.rows} rows, peak RSS ${mb(alonePeak)}`,
);

rss.reset();
const startedMany = performance.now();
// --concurrency 0 skips this part (a national dataset at 10 at once takes many minutes on 2 cores).
const many = await Promise.allSettled(Array.from({ length: CONCURRENCY }, () => excel()));
const manyWall = performance.now() - startedMany;
const manyPeak = rss.peak();
const ok = many.filter((r): r is PromiseFulfilledResult<Run> => r.status === 'fulfilled').map((r) => r.value);
const failed = many.length - ok.length;
for (const r of many) if (r.status === 'rejected') console.error(r.reason);
const worst = (f: (r: Run) => number) => (ok.length ? Math.max(...ok.map(f)) : NaN);
console.log(
  `Excel ×${CONCURRENCY} at once: ${failed} errors, slowest first byte ${s(worst((r) => r.ttfb))}, slowest total ${s(worst((r) => r.total))}, all done in ${s(manyWall)}, peak RSS ${mb(manyPeak)}`,
);

const docs = [await word(), await word(), await word()].sort((a, b) => a.total - b.total);
const doc = docs[1]!;
console.log(`Word: ${s(doc.total)} (median of 3), ${Math.round(doc.bytes / 1024)} KB`);
const rssAfter = process.memoryUsage.rss();
const uptimeAfter = execSync('uptime').toString().trim();
console.log(uptimeAfter);

if (WRITE) {
  const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const section = [
    `## ${LABEL}`,
    '',
    `${counts!.units} units, ${counts!.assignments} assignments, ${counts!.reports} reports. Run ${date} UTC on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}.`,
    '',
    `- before: \`${uptimeBefore}\``,
    `- after:  \`${uptimeAfter}\``,
    '',
    '| What | First byte | Total | Size | Peak RSS (process) | Note |',
    '|---|---|---|---|---|---|',
    `| Excel, one export | ${s(alone.ttfb)} | ${s(alone.total)} | ${mb(alone.bytes)} | ${mb(alonePeak)} | ${alone.rows} list rows; RSS idle ${mb(rssIdle)} |`,
    ...(CONCURRENCY > 0
      ? [
          `| Excel, ${CONCURRENCY} at once (slowest) | ${s(worst((r) => r.ttfb))} | ${s(worst((r) => r.total))} | — | ${mb(manyPeak)} | ${failed} errors; all done in ${s(manyWall)} |`,
        ]
      : []),
    `| Word | — | ${s(doc.total)} | ${Math.round(doc.bytes / 1024)} KB | — | median of 3; RSS after everything ${mb(rssAfter)} |`,
    '',
  ].join('\n');
  const header = [
    '# Exports: how fast, how much memory',
    '',
    'Figures written by `scripts/bench-exports.ts` (one section per dataset; rerun it to refresh a section):',
    '',
    '```sh',
    'DATABASE_URL=postgresql://…/national npx tsx scripts/generate-city.ts --national',
    'DATABASE_URL=… npx tsx --conditions=react-server scripts/bench-exports.ts --label "…"',
    '```',
    '',
    'What is measured is what the export routes run after reading the session, in one Node process:',
    "the dashboard's aggregates (computeDashboard, exactly getDashboard), then the Excel workbook",
    "written by exceljs's streaming WorkbookWriter into a Node stream turned into a web stream (as",
    'the route returns it) and read to the end, the list of assignments read from PostgreSQL through',
    'one server-side cursor (pg-cursor) while the bytes flow. "First byte" is the time from the',
    'start to the first chunk the client receives (the aggregates are computed before it, so that a',
    "failure there is still a proper error page). Peak RSS is the whole process's, sampled every",
    '10 ms. The Word report is built whole: it is bounded (50 units per section, 30 units behind',
    'schedule) and small.',
    '',
    'Before this (main at 3d900a5, issue 8): the workbook was built in memory with `writeBuffer`,',
    'the list cut at 20,000 rows — 29 s and 922 MB peak for those 20,000 rows on the national',
    'dataset, and every national Excel export answered 500.',
    '',
  ].join('\n');
  let text = fs.existsSync(OUT) ? fs.readFileSync(OUT, 'utf8') : header;
  const re = new RegExp(`## ${LABEL.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n[\\s\\S]*?(?=\\n## |$)`);
  text = re.test(text) ? text.replace(re, section) : `${text.trimEnd()}\n\n${section}`;
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, `${text.trimEnd()}\n`);
  console.log(`written to ${path.relative(process.cwd(), OUT)}`);
}
await db.$disconnect();
