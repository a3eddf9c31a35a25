import { describe, expect, it } from 'vitest';
import { clientInfoFrom } from './client-info';

describe('client info', () => {
  it('takes the first hop of X-Forwarded-For, from Headers or a plain object', () => {
    expect(
      clientInfoFrom(new Headers({ 'x-forwarded-for': '203.0.113.9, 10.0.0.1', 'user-agent': 'Firefox' })),
    ).toEqual({ ip: '203.0.113.9', userAgent: 'Firefox' });
    expect(clientInfoFrom({ 'x-forwarded-for': '::ffff:192.0.2.4' }).ip).toBe('192.0.2.4');
    expect(clientInfoFrom({ 'x-forwarded-for': '2001:db8::1' }).ip).toBe('2001:db8::1');
    expect(clientInfoFrom({ 'x-real-ip': '192.0.2.5' }).ip).toBe('192.0.2.5');
  });

  it('refuses what is not an address, and strips control characters from the user agent', () => {
    expect(clientInfoFrom({ 'x-forwarded-for': "'; DROP TABLE x; --" }).ip).toBeNull();
    expect(clientInfoFrom({ 'user-agent': 'a\u0000b\nc' }).userAgent).toBe('abc');
    expect(clientInfoFrom(undefined)).toEqual({ ip: null, userAgent: null });
  });
});
