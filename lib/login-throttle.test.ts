import { describe, expect, it } from 'vitest';
import { loginThrottle } from './login-throttle';

describe('login throttle', () => {
  it('allows 8 failures in 15 minutes, then refuses until the window passes; success clears it', () => {
    const key = `user-${Math.random()}`;
    const t0 = 1_000_000;
    for (let i = 0; i < 8; i += 1) {
      expect(loginThrottle.allowed(key, t0 + i)).toBe(true);
      loginThrottle.failed(key, t0 + i);
    }
    expect(loginThrottle.allowed(key, t0 + 100)).toBe(false);
    expect(loginThrottle.allowed(key, t0 + 15 * 60 * 1000 + 1)).toBe(true);
    loginThrottle.failed(key, t0 + 16 * 60 * 1000);
    loginThrottle.succeeded(key);
    expect(loginThrottle.allowed(key, t0 + 16 * 60 * 1000 + 1)).toBe(true);
  });
});
