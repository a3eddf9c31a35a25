/**
 * The session cookie's name and flags, decided by the public URL (NEXTAUTH_URL) and not by how the
 * request reached the app: behind a TLS-terminating reverse proxy the app sees plain http, yet the
 * browser is on https and the cookie must be `Secure`. Shared by lib/auth.ts (which sets it) and
 * proxy.ts (which reads it), so both always agree. Pure: safe in the proxy.
 */
export function publicUrlIsHttps(env: Record<string, string | undefined> = process.env): boolean {
  return (env.NEXTAUTH_URL ?? '').trim().toLowerCase().startsWith('https://');
}

export function sessionCookie(env: Record<string, string | undefined> = process.env) {
  const secure = publicUrlIsHttps(env);
  return {
    secure,
    name: `${secure ? '__Secure-' : ''}next-auth.session-token`,
    options: { httpOnly: true, sameSite: 'lax' as const, path: '/', secure },
  };
}
