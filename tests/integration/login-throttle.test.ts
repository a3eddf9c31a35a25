/**
 * Login throttling in PostgreSQL (lib/data/login-throttle.ts, rules in lib/domain/login-backoff.ts):
 * the back-off grows, an attacker elsewhere cannot lock the owner out, every instance shares the
 * counters, old rows are cleaned up, and every attempt is in the audit trail without the password.
 * Time is a parameter: no test waits for a clock.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, describe, expect, it } from 'vitest';
import { PrismaClient } from '../../lib/generated/prisma/client';
import { getDb } from '../../lib/db';
import {
  cleanUpLoginThrottle,
  loginRetryAfter,
  recordLoginFailure,
  recordLoginSuccess,
} from '../../lib/data/login-throttle';
import { throttleKeys } from '../../lib/domain/login-backoff';
import { attemptPasswordSignIn } from '../../lib/data/users';
import { DEMO_PASSWORD } from '../../prisma/seed/demo-users';

const db = getDb();
const T0 = new Date('2026-12-01T02:00:00Z');
const after = (ms: number) => new Date(T0.getTime() + ms);
const client = (ip: string) => ({ ip, userAgent: 'Vitest/1.0 (integration)' });

// A second client with its own connection pool stands for a second instance of the app.
const second = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL!, max: 2 }) });
afterAll(() => second.$disconnect());

describe('back-off', () => {
  it('grows with each failure past the free tries, and refuses even the right password meanwhile', async () => {
    const ip = '203.0.113.10';
    const waits: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      await recordLoginFailure('cb.bacha', ip, T0);
      waits.push(await loginRetryAfter('cb.bacha', ip, T0));
    }
    // pair: 3 free tries, then 1, 2, 4, 8, 16 s; the account's own back-off starts after 5
    expect(waits).toEqual([0, 0, 0, 1, 2, 4, 8, 16]);
    expect(waits.every((w, i) => i === 0 || w >= waits[i - 1]!)).toBe(true);
    const refused = await attemptPasswordSignIn('cb.bacha', DEMO_PASSWORD, client(ip), after(5_000));
    expect(refused).toEqual({ ok: false, retryAfter: 11 });
    // once the wait is over the right password works, and clears the account's counters
    expect(await attemptPasswordSignIn('cb.bacha', DEMO_PASSWORD, client(ip), after(16_000))).toMatchObject({
      ok: true,
    });
    expect(await loginRetryAfter('cb.bacha', ip, after(16_001))).toBe(0);
  });

  it('slows one address spraying many accounts', async () => {
    const ip = '203.0.113.20';
    for (let i = 0; i < 20; i += 1) await recordLoginFailure(`khong.co.${i}`, ip, T0);
    expect(await loginRetryAfter('cb.nguyendu', ip, T0)).toBe(0);
    await recordLoginFailure('khong.co.20', ip, T0);
    expect(await loginRetryAfter('cb.nguyendu', ip, T0)).toBe(1);
    expect(await loginRetryAfter('cb.nguyendu', '203.0.113.21', T0)).toBe(0);
  });
});

describe('the owner is not locked out by someone else', () => {
  it('an attacker’s failures on the chairman’s account do not stop the chairman at a known address, and slow a new one by 30 s at most', async () => {
    const home = '198.51.100.7';
    expect(await attemptPasswordSignIn('chutich', DEMO_PASSWORD, client(home), T0)).toMatchObject({ ok: true });
    // 60 failures from 30 addresses: the attacker's own addresses are backed off
    for (let i = 0; i < 60; i += 1) await recordLoginFailure('chutich', `203.0.113.${100 + (i % 30)}`, after(1000));
    expect(await loginRetryAfter('chutich', '203.0.113.100', after(1000))).toBeGreaterThan(0);
    // the chairman at the office: not slowed at all
    expect(await loginRetryAfter('chutich', home, after(1000))).toBe(0);
    expect(await attemptPasswordSignIn('chutich', DEMO_PASSWORD, client(home), after(1000))).toMatchObject({
      ok: true,
    });
    // the account's counter was cleared by that success; the attacker starts again
    for (let i = 0; i < 60; i += 1) await recordLoginFailure('chutich', `203.0.113.${100 + (i % 30)}`, after(2000));
    // the chairman travelling (an address never used): bounded wait
    const travelling = await loginRetryAfter('chutich', '192.0.2.44', after(2000));
    expect(travelling).toBeGreaterThan(0);
    expect(travelling).toBeLessThanOrEqual(30);
    expect(
      await attemptPasswordSignIn('chutich', DEMO_PASSWORD, client('192.0.2.44'), after(2000 + travelling * 1000)),
    ).toMatchObject({ ok: true });
  });
});

describe('shared by every instance', () => {
  it('failures recorded through two connection pools add up to one count and one back-off', async () => {
    const ip = '203.0.113.30';
    for (let i = 0; i < 6; i += 1) await recordLoginFailure('cb.thachquy', ip, T0, i % 2 === 0 ? db : second);
    const row = await second.loginThrottle.findUniqueOrThrow({ where: { key: throttleKeys('cb.thachquy', ip).pair! } });
    expect(row.failures).toBe(6);
    // 6 failures: pair 4 s (its 6th), whoever asks
    expect(await loginRetryAfter('cb.thachquy', ip, T0, db)).toBe(4);
    expect(await loginRetryAfter('cb.thachquy', ip, T0, second)).toBe(4);
  });

  it('concurrent failures from two instances are all counted', async () => {
    const ip = '203.0.113.31';
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => recordLoginFailure('cb.tckh', ip, T0, i % 2 === 0 ? db : second)),
    );
    expect(
      (await db.loginThrottle.findUniqueOrThrow({ where: { key: throttleKeys('cb.tckh', ip).pair! } })).failures,
    ).toBe(10);
  });
});

describe('clean-up', () => {
  it('deletes counters forgotten for an hour and addresses unused for 90 days, keeps the rest', async () => {
    await recordLoginFailure('cu.1', '203.0.113.40', T0);
    for (let i = 0; i < 14; i += 1) await recordLoginFailure('cu.2', '203.0.113.41', T0); // blocked 15 min
    await recordLoginSuccess('cu.3', '203.0.113.42', T0);
    await recordLoginFailure('cu.4', '203.0.113.43', after(50 * 60_000)); // recent
    const k = (u: string, ip: string) => throttleKeys(u, ip);
    const tracked = [k('cu.1', '203.0.113.40'), k('cu.2', '203.0.113.41'), k('cu.4', '203.0.113.43')].flatMap((x) => [
      x.pair!,
      x.account!,
      x.address!,
    ]);
    const present = async () =>
      new Set(
        (await db.loginThrottle.findMany({ where: { key: { in: tracked } }, select: { key: true } })).map((r) => r.key),
      );
    expect((await present()).has(k('cu.1', '203.0.113.40').pair!)).toBe(true);

    const cleaned = await cleanUpLoginThrottle(after(61 * 60_000));
    expect(cleaned.counters).toBeGreaterThanOrEqual(5); // cu.1 and cu.2: pair, account, address
    expect(await present()).toEqual(
      new Set([k('cu.4', '203.0.113.43').pair!, k('cu.4', '203.0.113.43').account!, 'ip:203.0.113.43']),
    );
    expect(await db.loginKnownAddress.count({ where: { username: 'cu.3' } })).toBe(1);
    await cleanUpLoginThrottle(after(91 * 86_400_000));
    expect(await db.loginKnownAddress.count({ where: { username: 'cu.3' } })).toBe(0);
  });

  it('cleans on write too: a later failure removes stale rows', async () => {
    await recordLoginFailure('cu.5', '203.0.113.50', T0);
    await recordLoginFailure('cu.6', '203.0.113.51', after(2 * 3600_000));
    const cu5 = throttleKeys('cu.5', '203.0.113.50');
    expect(await db.loginThrottle.count({ where: { key: { in: [cu5.pair!, cu5.account!, cu5.address!] } } })).toBe(0);
  });

  it('a counter forgotten after an hour starts again at one', async () => {
    for (let i = 0; i < 5; i += 1) await recordLoginFailure('cu.7', '203.0.113.52', T0);
    expect(await loginRetryAfter('cu.7', '203.0.113.52', T0)).toBe(2);
    await recordLoginFailure('cu.7', '203.0.113.52', after(3600_001));
    expect(
      (await db.loginThrottle.findUniqueOrThrow({ where: { key: throttleKeys('cu.7', '203.0.113.52').pair! } }))
        .failures,
    ).toBe(1);
  });
});

describe('audit trail of sign-ins', () => {
  it('records success, failure and throttling with address and user agent, never the password', async () => {
    const ip = '203.0.113.60';
    const start = await db.auditEvent.count();
    expect(await attemptPasswordSignIn('cb.vhtt', 'sai-mat-khau-1', client(ip), T0)).toEqual({
      ok: false,
      retryAfter: 0,
    });
    expect(await attemptPasswordSignIn('cb.vhtt', 'sai-mat-khau-2', client(ip), T0)).toEqual({
      ok: false,
      retryAfter: 0,
    });
    expect(await attemptPasswordSignIn('cb.vhtt', 'sai-mat-khau-3', client(ip), T0)).toEqual({
      ok: false,
      retryAfter: 0,
    });
    expect(await attemptPasswordSignIn('cb.vhtt', 'sai-mat-khau-4', client(ip), T0)).toEqual({
      ok: false,
      retryAfter: 0,
    });
    expect(await attemptPasswordSignIn('cb.vhtt', DEMO_PASSWORD, client(ip), T0)).toEqual({ ok: false, retryAfter: 1 });
    expect(await attemptPasswordSignIn('Mat-khau-go-nham-o-day', 'x', client(ip), after(1000))).toEqual({
      ok: false,
      retryAfter: 0,
    });
    expect(await attemptPasswordSignIn('cb.vhtt', DEMO_PASSWORD, client(ip), after(1000))).toMatchObject({ ok: true });

    const events = await db.auditEvent.findMany({
      where: { id: { gt: 0 } },
      orderBy: { id: 'asc' },
      skip: start,
      select: {
        action: true,
        actorId: true,
        entityType: true,
        entityId: true,
        ip: true,
        userAgent: true,
        unitId: true,
        data: true,
      },
    });
    const user = await db.user.findUniqueOrThrow({
      where: { username: 'cb.vhtt' },
      select: { id: true, unitId: true },
    });
    expect(events.map((e) => e.action)).toEqual([
      'auth.sign_in_failed',
      'auth.sign_in_failed',
      'auth.sign_in_failed',
      'auth.sign_in_failed',
      'auth.throttled',
      'auth.sign_in_failed',
      'auth.signed_in',
    ]);
    for (const e of events) expect(e).toMatchObject({ ip, userAgent: 'Vitest/1.0 (integration)' });
    expect(events[0]).toMatchObject({
      actorId: null,
      entityType: 'User',
      entityId: String(user.id),
      unitId: user.unitId,
    });
    expect(events[4]!.data).toMatchObject({ seconds: 1 });
    // the unknown "username" (a mistyped password, perhaps) is not written down
    expect(events[5]).toMatchObject({ entityType: 'Login', entityId: '?', data: { unknownUsername: true } });
    expect(events[6]).toMatchObject({ actorId: user.id, entityId: String(user.id), unitId: user.unitId });
    const text = JSON.stringify(events);
    for (const secret of ['sai-mat-khau', DEMO_PASSWORD, 'Mat-khau-go-nham']) expect(text).not.toContain(secret);
  });
});
