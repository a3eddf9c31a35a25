/**
 * What the login form says. One message whatever went wrong (never whether the user exists); when
 * the client is backed off (lib/data/login-throttle.ts), the same words plus how long to wait.
 * lib/auth.ts throws `throttledError(n)`; next-auth hands that text to the form as `error`.
 */
export const LOGIN_FAILED_MESSAGE = 'Tên đăng nhập hoặc mật khẩu không đúng.';

export function throttledError(seconds: number): string {
  return `throttled:${Math.max(1, Math.ceil(seconds))}`;
}

export function loginErrorMessage(error: string | null | undefined): string {
  const m = /^throttled:(\d{1,6})$/.exec(error ?? '');
  return m ? `${LOGIN_FAILED_MESSAGE} Vui lòng thử lại sau ${m[1]} giây.` : LOGIN_FAILED_MESSAGE;
}
