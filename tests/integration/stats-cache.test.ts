/**
 * The statistics cache (lib/data/stats-cache.ts, decision 008): shared by users of one scope only,
 * invalidated by any committed write to what the status is computed from, one computation for
 * concurrent requests.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { actAs, currentUser, unitId } from '../support/as-user';

vi.mock('../../lib/auth', () => ({ getCurrentUser: async () => currentUser() }));

const { getDb } = await import('../../lib/db');
const { getHeadline } = await import('../../lib/data/stats');
const { getDashboard } = await import('../../lib/data/dashboard');
const { statsVersion, statsCacheCounters, resetStatsCache, createStatsStore } =
  await import('../../lib/data/stats-cache');
const { parseDashboardParams } = await import('../../lib/validation/dashboard');

beforeEach(() => resetStatsCache());

describe('the data version', () => {
  it('moves once per committed transaction that touches the status facts, and not for a rolled-back one', async () => {
    const db = getDb();
    const before = Number(await statsVersion());
    const ids = (await db.assignment.findMany({ take: 3, select: { id: true } })).map((a) => a.id);
    await db.$transaction(
      ids.map((id) => db.assignment.update({ where: { id }, data: { progress: { increment: 0 } } })),
    );
    expect(Number(await statsVersion())).toBe(before + 1);
    await expect(
      db.$transaction(async (tx) => {
        await tx.assignment.update({ where: { id: ids[0]! }, data: { progress: { increment: 0 } } });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(Number(await statsVersion())).toBe(before + 1);
    // A draft's text is not a status fact: editing it keeps the cache.
    const report = await db.report.findFirstOrThrow({ select: { id: true } });
    await db.report.update({ where: { id: report.id }, data: { content: 'Sửa nội dung nháp.' } });
    expect(Number(await statsVersion())).toBe(before + 1);
  });
});

describe('cached numbers', () => {
  it('a second look is served from the cache, and a write makes the next look recompute', async () => {
    await actAs('chutich');
    const first = await getHeadline();
    const again = await getHeadline();
    expect(again).toEqual(first);
    expect(statsCacheCounters()).toMatchObject({ hits: 1, misses: 1 });

    // Complete an open assignment: the city's done count must follow at once.
    const db = getDb();
    const open = await db.assignment.findFirstOrThrow({
      where: { completedAt: null, task: { recurrence: 'ONCE', archivedAt: null } },
      select: { id: true },
    });
    await db.assignment.update({
      where: { id: open.id },
      data: { completedAt: new Date(), startedAt: new Date(), progress: 100 },
    });
    const after = await getHeadline();
    expect(statsCacheCounters().misses).toBe(2);
    expect(after.DONE_ON_TIME + after.DONE_LATE).toBe(first.DONE_ON_TIME + first.DONE_LATE + 1);
    expect(after.total).toBe(first.total);
  });

  it('never serves one scope’s numbers to another: each equals its own uncached computation', async () => {
    const pinned = new Date(); // a pinned instant is keyed apart from the day's shared entry
    await actAs('chutich');
    const city = await getHeadline();
    const cityFresh = await getHeadline({ now: pinned });
    await actAs('cb.tranphu');
    const ward = await getHeadline();
    const wardFresh = await getHeadline({ now: pinned });
    expect(city).toEqual(cityFresh);
    expect(ward).toEqual(wardFresh);
    expect(ward.total).toBeLessThan(city.total);
    expect(ward.total).toBe(
      await getDb().assignment.count({ where: { unitId: await unitId('P-TRANPHU'), task: { archivedAt: null } } }),
    );
    // The ward officer asks again: their own entry, not the chairman's.
    expect(await getHeadline()).toEqual(wardFresh);
  });

  it('fifty chairmen opening the dashboard at once run one computation', async () => {
    await actAs('chutich');
    const filters = parseDashboardParams({});
    const results = await Promise.all(Array.from({ length: 50 }, () => getDashboard(filters)));
    expect(statsCacheCounters()).toMatchObject({ misses: 1, hits: 49 });
    for (const r of results) expect(r.headline).toEqual(results[0]!.headline);
  });
});

describe('the bound by size (decision 035)', () => {
  const result = (n: number) => Promise.resolve('x'.repeat(n));
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  it('counts each result once it arrives and lets the least recently used go when the size is over', async () => {
    const store = createStatsStore({ maxEntries: 100, maxBytes: 1000 });
    store.set('a', result(400));
    store.set('b', result(400));
    await settle();
    expect(store.size().entries).toBe(2);
    expect(store.size().bytes).toBeGreaterThan(800);
    store.get('a'); // a is now the most recently used: b goes first
    store.set('c', result(400));
    await settle();
    expect(store.get('b')).toBeUndefined();
    expect(await store.get('a')).toHaveLength(400);
    expect(await store.get('c')).toHaveLength(400);
    expect(store.size().bytes).toBeLessThanOrEqual(1000);
  });

  it('shares a result bigger than the whole budget while it is computed, then does not keep it', async () => {
    const store = createStatsStore({ maxEntries: 100, maxBytes: 1000 });
    store.set('small', result(100));
    let finish: (v: string) => void = () => {};
    store.set('big', new Promise<string>((resolve) => (finish = resolve)));
    expect(store.get('big')).toBeDefined(); // pending: a second asker waits for the same computation
    finish('x'.repeat(5000));
    await settle();
    expect(store.get('big')).toBeUndefined();
    expect(await store.get('small')).toHaveLength(100);
    expect(store.size()).toEqual({ entries: 1, bytes: expect.any(Number) });
  });

  it('still bounds the count, and forgets a failure', async () => {
    const store = createStatsStore({ maxEntries: 2, maxBytes: 1_000_000 });
    store.set('a', result(1));
    store.set('b', Promise.reject(new Error('query failed')));
    store.get('b')?.catch(() => {});
    await settle();
    expect(store.get('b')).toBeUndefined();
    store.set('c', result(1));
    store.set('d', result(1));
    await settle();
    expect(store.size().entries).toBe(2);
    expect(store.get('a')).toBeUndefined();
  });
});
