/**
 * Authentication — the only module that imports next-auth (swap it here and nowhere else).
 * Credentials (username + password, argon2id) → a JWT cookie holding only the user id and the
 * session version. Role and unit are read fresh from the database on every request
 * (getCurrentUser), so deactivating a user or bumping their session version ends every session
 * at once.
 */
import 'server-only';
import { getServerSession, type NextAuthOptions, type User } from 'next-auth';
import { encode, type JWT } from 'next-auth/jwt';
import CredentialsProvider from 'next-auth/providers/credentials';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { z } from 'zod';
import { getSessionUser, verifyCredentials } from './data/users';
import { loginThrottle } from './login-throttle';
import type { SessionUser } from './permissions';
import { safeRedirectPath } from './safe-url';
import { sessionCookie } from './session-cookie';

const SESSION_HOURS = 10; // one working day

// A NUL or other control character can never be part of a username, and would reach PostgreSQL.
const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/;
const LoginInput = z.object({
  username: z.string().trim().min(1).max(100).regex(NO_CONTROL),
  password: z.string().min(1).max(200),
});

/**
 * The one check of a username and password, for both ways in: the login form's server action
 * (signInWithPassword) and next-auth's credentials endpoint.
 */
async function authorizeCredentials(raw: unknown): Promise<User | null> {
  const parsed = LoginInput.safeParse(raw);
  if (!parsed.success) return null;
  const key = parsed.data.username.toLowerCase();
  if (!loginThrottle.allowed(key)) return null;
  const result = await verifyCredentials(parsed.data.username, parsed.data.password);
  if (!result) {
    loginThrottle.failed(key);
    return null;
  }
  loginThrottle.succeeded(key);
  return { id: String(result.id), sv: result.sessionVersion } as User;
}

/** What the session token holds: the user id and session version, nothing else. */
function sessionClaims(user: User): JWT & { uid: number; sv: number } {
  return { sub: user.id, uid: Number(user.id), sv: (user as { sv?: number }).sv ?? 0 };
}

export const authOptions: NextAuthOptions = {
  secret: process.env.AUTH_SECRET,
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
      authorize: authorizeCredentials,
    }),
  ],
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

/** The signed-in user for this request, or null. Deduplicated per request. */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = (await getServerSession(authOptions)) as { uid?: number; sv?: number } | null;
  if (!session || typeof session.uid !== 'number' || typeof session.sv !== 'number') return null;
  return getSessionUser(session.uid, session.sv);
});

/**
 * Signs in from a server action (the login form, which must work without JavaScript, so it
 * cannot use next-auth's client): the same check as the credentials endpoint, then the same
 * encrypted session cookie next-auth would set. False when the credentials are refused.
 */
export async function signInWithPassword(username: string, password: string): Promise<boolean> {
  const user = await authorizeCredentials({ username, password });
  if (!user) return false;
  const maxAge = SESSION_HOURS * 3600;
  const token = await encode({ token: sessionClaims(user), secret: process.env.AUTH_SECRET ?? '', maxAge });
  const cookie = sessionCookie();
  (await cookies()).set(cookie.name, token, { ...cookie.options, maxAge });
  return true;
}

/** For pages: the signed-in user, or a redirect to the login page. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect('/login');
  return user;
}
