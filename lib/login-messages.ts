/**
 * What the login form says. One message whatever went wrong (never whether the user exists); when
 * the client is backed off (lib/data/login-throttle.ts), the same words plus how long to wait.
 * The form's action (lib/actions/login.ts) uses loginRefusalMessage; next-auth's endpoint throws
 * `throttledError(n)`, which its client receives as `error` (loginErrorMessage).
 */
export const LOGIN_FAILED_MESSAGE = 'Tên đăng nhập hoặc mật khẩu không đúng.';

export function throttledError(seconds: number): string {
  return `throttled:${Math.max(1, Math.ceil(seconds))}`;
}

/** The login form's refusal: the generic words, plus how long to wait when backed off. */
export function loginRefusalMessage(retryAfter: number): string {
  return retryAfter > 0
    ? `${LOGIN_FAILED_MESSAGE} Vui lòng thử lại sau ${Math.ceil(retryAfter)} giây.`
    : LOGIN_FAILED_MESSAGE;
}

/** The same for next-auth's client, which gets the thrown error's text. */
export function loginErrorMessage(error: string | null | undefined): string {
  const m = /^throttled:(\d{1,6})$/.exec(error ?? '');
  return m ? `${LOGIN_FAILED_MESSAGE} Vui lòng thử lại sau ${m[1]} giây.` : LOGIN_FAILED_MESSAGE;
}
