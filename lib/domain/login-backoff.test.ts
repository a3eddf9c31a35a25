import { describe, expect, it } from 'vitest';
import { backoffSeconds, throttleKeys } from './login-backoff';

describe('login back-off', () => {
  it('gives free tries, then doubles the delay, up to each scope’s cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => backoffSeconds('pair', n))).toEqual([0, 0, 0, 1, 2, 4, 8]);
    expect(backoffSeconds('pair', 13)).toBe(512);
    expect(backoffSeconds('pair', 14)).toBe(900);
    expect(backoffSeconds('pair', 10_000)).toBe(900);
    expect(backoffSeconds('address', 20)).toBe(0);
    expect(backoffSeconds('address', 21)).toBe(1);
    expect(backoffSeconds('account', 5)).toBe(0);
    expect(backoffSeconds('account', 7)).toBe(2);
    // the account-wide delay, which others can trigger, stays bounded
    expect(backoffSeconds('account', 10_000)).toBe(30);
  });

  it('keys by lower-case username (hashed: never the text typed) and address; no address, no address key', () => {
    const keys = throttleKeys(' ChuTich ', '203.0.113.9');
    expect(keys).toEqual(throttleKeys('chutich', '203.0.113.9'));
    expect(keys.pair).toMatch(/^p:[A-Za-z0-9_-]{22}\|203\.0\.113\.9$/);
    expect(keys.account).toMatch(/^a:[A-Za-z0-9_-]{22}$/);
    expect(keys.address).toBe('ip:203.0.113.9');
    expect(JSON.stringify(throttleKeys('Mat-khau-bi-go-nham', null))).not.toContain('Mat-khau');
    expect(throttleKeys('chutich', null).account).not.toBe(throttleKeys('cb.tranphu', null).account);
    expect(throttleKeys('chutich', null).address).toBeNull();
  });
});
