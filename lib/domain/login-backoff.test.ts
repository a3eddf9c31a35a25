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

  it('keys by lower-case username and address; no address, no address key', () => {
    expect(throttleKeys(' ChuTich ', '203.0.113.9')).toEqual({ pair: 'p:chutich|203.0.113.9', account: 'a:chutich', address: 'ip:203.0.113.9' });
    expect(throttleKeys('chutich', null).address).toBeNull();
  });
});
