/**
 * Is the database reachable? One small pool of its own (not the app's: a full app pool must not
 * make the instance look dead), a 2-second limit, and one probe at a time per instance: concurrent
 * callers within PROBE_TTL_MS share the last answer, so a gate in front of every request costs at
 * most one `SELECT 1` a second.
 */
import pg from 'pg';
import { env } from './env';

const PROBE_TTL_MS = 1_000;
const LIMIT_MS = 2_000;

type Probe = { pool: pg.Pool | null; at: number; result: Promise<boolean> | null };
const state = ((globalThis as unknown as { dondocHealth?: Probe }).dondocHealth ??= {
  pool: null,
  at: 0,
  result: null,
});

function pool(): pg.Pool | null {
  const url = env().DATABASE_URL;
  if (!url) return null;
  state.pool ??= new pg.Pool({
    connectionString: url,
    max: 1,
    connectionTimeoutMillis: LIMIT_MS,
    query_timeout: LIMIT_MS,
    idleTimeoutMillis: 30_000,
    application_name: 'dondoc-health',
  });
  // A dropped connection is an error event on the pool; the next probe opens a new one.
  if (state.pool.listenerCount('error') === 0) state.pool.on('error', () => {});
  return state.pool;
}

async function probe(): Promise<boolean> {
  const p = pool();
  if (!p) return false;
  try {
    await p.query('SELECT 1');
    return true;
  } catch {
    return false;
  }
}

/**
 * The database answered within 2 s (shared answer, at most PROBE_TTL_MS old; `fresh` asks again,
 * e.g. after a query failed, to tell an outage from any other error).
 */
export function databaseReachable({ fresh = false }: { fresh?: boolean } = {}): Promise<boolean> {
  const now = Date.now();
  if (fresh || !state.result || now - state.at >= PROBE_TTL_MS) {
    state.at = now;
    state.result = probe();
  }
  return state.result;
}

/** What every request sees while the database is unreachable: a Vietnamese page, HTTP 503. */
export function unavailableResponse(reqId: string, wantsJson: boolean): Response {
  const headers = {
    'Retry-After': '10',
    'Cache-Control': 'no-store',
    'X-Request-Id': reqId,
    'Content-Security-Policy':
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  };
  if (wantsJson)
    return Response.json(
      { error: 'Hệ thống tạm thời gián đoạn. Vui lòng thử lại sau ít phút.' },
      { status: 503, headers },
    );
  return new Response(UNAVAILABLE_HTML, {
    status: 503,
    headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' },
  });
}

// Self-contained (no script, inline style only): it must render with the app's CSP and no database.
const UNAVAILABLE_HTML = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Hệ thống tạm thời gián đoạn — Đôn đốc</title></head>
<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#0f172a">
<h1 style="font-size:1.4rem">Hệ thống tạm thời gián đoạn</h1>
<p>Hệ thống đang không kết nối được cơ sở dữ liệu. Dữ liệu đã lưu không bị mất.</p>
<p>Vui lòng thử lại sau ít phút (tải lại trang). Nếu tình trạng kéo dài, hãy báo quản trị hệ thống.</p>
</body></html>`;
