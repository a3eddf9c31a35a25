/**
 * Authentication — the only module that imports next-auth (swap it here and nowhere else).
 * Credentials (username + password, argon2id) → a JWT cookie holding only the user id and the
 * session version. Role and unit are read fresh from the database on every request
 * (getCurrentUser), so deactivating a user or bumping their session version ends every session
 * at once.
 */
import 'server-only';
import type { NextAuthOptions, User } from 'next-auth';
import { decode, encode, type JWT } from 'next-auth/jwt';
import CredentialsProvider from 'next-auth/providers/credentials';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { z } from 'zod';
import { clientInfoFrom, type ClientInfo } from './client-info';
import { attemptPasswordSignIn, getSession, recordSignOut } from './data/users';
import { throttledError } from './login-messages';
import type { SessionUser } from './permissions';
import { safeRedirectPath } from './safe-url';
import { sessionCookie } from './session-cookie';
import { env } from './env';

const SESSION_HOURS = 10; // one working day

// A NUL or other control character can never be part of a username, and would reach PostgreSQL.
const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/;
const LoginInput = z.object({
  username: z.string().trim().min(1).max(100).regex(NO_CONTROL),
  password: z.string().min(1).max(200),
});

type Attempt = { user: User; retryAfter: 0 } | { user: null; retryAfter: number };

/**
 * The one check of a username and password, for both ways in: the login form's server action
 * (signInWithPassword) and next-auth's credentials endpoint. Throttled per account, per address
 * and per both, in PostgreSQL, and audited (lib/data/users.ts attemptPasswordSignIn).
 */
async function authorizeCredentials(raw: unknown, client: ClientInfo): Promise<Attempt> {
  const parsed = LoginInput.safeParse(raw);
  if (!parsed.success) return { user: null, retryAfter: 0 };
  const result = await attemptPasswordSignIn(parsed.data.username, parsed.data.password, client);
  if (!result.ok) return { user: null, retryAfter: result.retryAfter };
  return { user: { id: String(result.id), sv: result.sessionVersion } as User, retryAfter: 0 };
}

/** The client of the request being served (nulls outside one). */
async function currentClient(): Promise<ClientInfo> {
  try {
    return clientInfoFrom(await headers());
  } catch {
    return { ip: null, userAgent: null };
  }
}

/** What the session token holds: the user id and session version, nothing else. */
function sessionClaims(user: User): JWT & { uid: number; sv: number } {
  return { sub: user.id, uid: Number(user.id), sv: (user as { sv?: number }).sv ?? 0 };
}

export const authOptions: NextAuthOptions = {
  secret: env().AUTH_SECRET,
  session: { strategy: 'jwt', maxAge: SESSION_HOURS * 3600 },
  pages: { signIn: '/login' },
  // Secure (and `__Secure-`-prefixed) whenever the public URL is https, even behind a proxy
  // that speaks http to the app; the proxy's getToken reads the same name (lib/session-cookie.ts).
  useSecureCookies: sessionCookie().secure,
  cookies: { sessionToken: { name: sessionCookie().name, options: sessionCookie().options } },
  providers: [
    CredentialsProvider({
      name: 'credentials',
      credentials: { username: { type: 'text' }, password: { type: 'password' } },
      async authorize(raw, req) {
        const attempt = await authorizeCredentials(raw, clientInfoFrom(req?.headers));
        if (attempt.user) return attempt.user;
        // next-auth hands a thrown message to its client as `error` (lib/login-messages.ts reads it).
        if (attempt.retryAfter > 0) throw new Error(throttledError(attempt.retryAfter));
        return null;
      },
    }),
  ],
  events: {
    async signOut({ token }) {
      if (typeof token?.uid !== 'number') return;
      await recordSignOut(token.uid, await currentClient());
    },
  },
  callbacks: {
    async jwt({ token, user }) {
      return user ? { ...token, ...sessionClaims(user) } : token;
    },
    // Every redirect next-auth makes (sign-out, its own endpoints) stays on the app's origin.
    async redirect({ url, baseUrl }) {
      return new URL(safeRedirectPath(url, baseUrl), baseUrl).toString();
    },
    async session({ session, token }) {
      // Expose only what getCurrentUser needs; nothing else from the token reaches the browser.
      return { expires: session.expires, uid: token.uid as number, sv: token.sv as number } as never;
    },
  },
};

/**
 * The signed-in user for this request, or null. Deduplicated per request (React `cache`).
 *
 * Reads the session cookie with next-auth's own `decode` (the same key, algorithm and expiry
 * check) rather than through `getServerSession`, which on every render also set up next-auth's
 * whole request handler (options, a CSRF token) and re-encrypted a renewed cookie that a server
 * component cannot send anyway: a third of the session's cost per request for nothing
 * (docs/benchmarks/load.md). The token is never split into chunks: it holds three numbers.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => (await readSession())?.user ?? null);

/** The session of this request: its user and their unread notifications, one query (lib/data/users.ts). */
const readSession = cache(async () => {
  const token = (await cookies()).get(sessionCookie().name)?.value;
  if (!token) return null;
  const claims = await decode({ token, secret: env().AUTH_SECRET ?? '' }).catch(() => null);
  if (!claims || typeof claims.uid !== 'number' || typeof claims.sv !== 'number') return null;
  return getSession(claims.uid, claims.sv);
});

/**
 * How many of user `userId`'s notifications are unread, as read with this request's session; null
 * when the session is someone else's or none. Only for lib/data/notifications.ts
 * `countUnreadNotifications`, which checks the permission first.
 */
export async function sessionUnreadNotifications(userId: number): Promise<number | null> {
  const session = await readSession();
  return session && session.user.id === userId ? session.unreadNotifications : null;
}

async function setSessionCookie(claims: JWT): Promise<void> {
  const maxAge = SESSION_HOURS * 3600;
  const token = await encode({ token: claims, secret: env().AUTH_SECRET ?? '', maxAge });
  const cookie = sessionCookie();
  (await cookies()).set(cookie.name, token, { ...cookie.options, maxAge });
}

/**
 * Signs in from a server action (the login form, which must work without JavaScript, so it
 * cannot use next-auth's client): the same check as the credentials endpoint, then the same
 * encrypted session cookie next-auth would set. `retryAfter` > 0 when this client is backed off.
 */
export async function signInWithPassword(
  username: string,
  password: string,
): Promise<{ ok: boolean; retryAfter: number }> {
  const attempt = await authorizeCredentials({ username, password }, await currentClient());
  if (!attempt.user) return { ok: false, retryAfter: attempt.retryAfter };
  await setSessionCookie(sessionClaims(attempt.user));
  return { ok: true, retryAfter: 0 };
}

/**
 * Signs out from a server action (the header's "Đăng xuất", a plain form that works without
 * JavaScript and keeps next-auth's client out of every page's bundle): records the sign-out like
 * next-auth's own `signOut` event, then deletes the session cookie. As with next-auth's JWT
 * sessions, other browsers of the same user stay signed in.
 */
export async function signOutHere(): Promise<void> {
  const jar = await cookies();
  const cookie = sessionCookie();
  const current = jar.get(cookie.name)?.value;
  const token = current ? await decode({ token: current, secret: env().AUTH_SECRET ?? '' }).catch(() => null) : null;
  if (typeof token?.uid === 'number') await recordSignOut(token.uid, await currentClient());
  jar.delete({ name: cookie.name, path: cookie.options.path, secure: cookie.secure, httpOnly: true, sameSite: 'lax' });
}

export const CHANGE_PASSWORD_PATH = '/account/password';

/**
 * For pages: the signed-in user, or a redirect to the login page. A user whose password was reset
 * by an administrator is sent to the change-password page (the data layer refuses them anyway:
 * lib/data/guard.ts); only that page passes `allowPasswordChange`.
 */
export async function requireUser({ allowPasswordChange = false } = {}): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect('/login');
  if (user.mustChangePassword && !allowPasswordChange) redirect(CHANGE_PASSWORD_PATH);
  return user;
}

/**
 * After the user changed their own password (which bumped their session version and so ended
 * every other session), re-issues this browser's session cookie with the new version so that this
 * session alone carries on. For server actions only (they may set cookies).
 */
export async function renewSessionCookie(sessionVersion: number): Promise<void> {
  const current = (await cookies()).get(sessionCookie().name)?.value;
  if (!current) return;
  const token = await decode({ token: current, secret: env().AUTH_SECRET ?? '' });
  if (!token || typeof token.uid !== 'number') return;
  await setSessionCookie({ sub: token.sub, uid: token.uid, sv: sessionVersion });
}
