/**
 * Health (issue 11): liveness never needs the database; readiness and the request gate answer 503
 * with the Vietnamese page while the database is unreachable, and recover without a restart.
 */
import { describe, expect, it } from 'vitest';

process.env.LOG_LEVEL = 'silent';
const { GET: live } = await import('../../app/api/health/route');
const { GET: ready } = await import('../../app/api/health/ready/route');
const { databaseReachable, unavailableResponse } = await import('../../lib/health');

describe('health', () => {
  it('liveness answers ok without the database', async () => {
    const before = process.env.DATABASE_URL;
    process.env.DATABASE_URL = 'postgresql://nobody@127.0.0.1:1/none';
    try {
      const response = live();
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok' });
    } finally {
      process.env.DATABASE_URL = before;
    }
  });

  it('readiness is green when the database answers', async () => {
    const response = await ready();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', database: 'ok' });
  });

  it('the probe says unreachable for a database that does not answer', async () => {
    // a fresh probe state on an unreachable server (the probe is per process, keyed by time)
    const state = (globalThis as unknown as { dondocHealth: { pool: unknown; at: number; result: unknown } })
      .dondocHealth;
    const before = process.env.DATABASE_URL;
    const saved = { ...state };
    Object.assign(state, { pool: null, at: 0, result: null });
    process.env.DATABASE_URL = 'postgresql://nobody@127.0.0.1:1/none';
    try {
      expect(await databaseReachable()).toBe(false);
      const response = await ready();
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: 'unavailable', database: 'unreachable' });
    } finally {
      process.env.DATABASE_URL = before;
      Object.assign(state, saved);
    }
  });

  it('the outage page is Vietnamese, 503, not cached, with the request id and no script', async () => {
    const page = unavailableResponse('req-12345678', false);
    expect(page.status).toBe(503);
    expect(page.headers.get('retry-after')).toBe('10');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('x-request-id')).toBe('req-12345678');
    const html = await page.text();
    expect(html).toContain('Hệ thống tạm thời gián đoạn');
    expect(html).not.toContain('<script');
    const api = unavailableResponse('req-12345678', true);
    expect(api.status).toBe(503);
    expect(await api.json()).toEqual({ error: 'Hệ thống tạm thời gián đoạn. Vui lòng thử lại sau ít phút.' });
  });
});
