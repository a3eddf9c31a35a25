import { describe, expect, it } from 'vitest';
import { LOGIN_FAILED_MESSAGE, loginErrorMessage, loginRefusalMessage, throttledError } from './login-messages';

describe('login messages', () => {
  it('one generic message for every failure; the wait added only when backed off', () => {
    expect(loginErrorMessage('CredentialsSignin')).toBe(LOGIN_FAILED_MESSAGE);
    expect(loginErrorMessage(undefined)).toBe(LOGIN_FAILED_MESSAGE);
    expect(loginErrorMessage('<script>alert(1)</script>')).toBe(LOGIN_FAILED_MESSAGE);
    expect(loginErrorMessage(throttledError(29.2))).toBe(
      'Tên đăng nhập hoặc mật khẩu không đúng. Vui lòng thử lại sau 30 giây.',
    );
    expect(loginErrorMessage('throttled:9999999')).toBe(LOGIN_FAILED_MESSAGE);
    expect(loginRefusalMessage(0)).toBe(LOGIN_FAILED_MESSAGE);
    expect(loginRefusalMessage(12)).toBe('Tên đăng nhập hoặc mật khẩu không đúng. Vui lòng thử lại sau 12 giây.');
  });
});
