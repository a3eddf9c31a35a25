/**
 * Authentication — the only module that imports next-auth (swap it here and nowhere else).
 * Credentials (username + password, argon2id) → a JWT cookie holding only the user id and the
 * session version. Role and unit are read fresh from the database on every request
 * (getCurrentUser), so deactivating a user or bumping their session version ends every session
 * at once.
 */
import 'server-only';
import { getServerSession, type NextAuthOptions } from 'next-auth';
import { decode, encode } from 'next-auth/jwt';
import CredentialsProvider from 'next-auth/providers/credentials';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { z } from 'zod';
import { clientInfoFrom } from './client-info';
import { getSessionUser, recordSignOut, signInWithPassword } from './data/users';
import { throttledError } from './login-messages';
import type { SessionUser } from './permissions';

const SESSION_HOURS = 10; // one working day

const LoginInput = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});

export const authOptions: NextAuthOptions = {
  secret: process.env.AUTH_SECRET,
  session: { strategy: 'jwt', maxAge: SESSION_HOURS * 3600 },
  pages: { signIn: '/login' },
  providers: [
    CredentialsProvider({
      name: 'credentials',
      credentials: { username: { type: 'text' }, password: { type: 'password' } },
      async authorize(raw, req) {
        const parsed = LoginInput.safeParse(raw);
        if (!parsed.success) return null;
        // Throttled per account, per address and per both, in PostgreSQL (lib/data/login-throttle.ts).
        const result = await signInWithPassword(parsed.data.username, parsed.data.password, clientInfoFrom(req?.headers));
        if (result.ok) return { id: String(result.id), sv: result.sessionVersion };
        // next-auth hands a thrown message to the form as `error` (lib/login-messages.ts reads it).
        if (result.retryAfter > 0) throw new Error(throttledError(result.retryAfter));
        return null;
      },
    }),
  ],
  events: {
    async signOut({ token }) {
      if (typeof token?.uid !== 'number') return;
      let client = { ip: null as string | null, userAgent: null as string | null };
      try {
        client = clientInfoFrom(await headers());
      } catch {
        // outside a request: no client to record
      }
      await recordSignOut(token.uid, client);
    },
  },
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.sv = (user as { sv?: number }).sv ?? 0;
      }
      return token;
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
  const jar = await cookies();
  const configured = authOptions.cookies?.sessionToken;
  const name = [configured?.name, '__Secure-next-auth.session-token', 'next-auth.session-token'].find((n): n is string => !!n && !!jar.get(n));
  const secret = authOptions.secret ?? process.env.NEXTAUTH_SECRET;
  if (!name || !secret) return;
  const token = await decode({ token: jar.get(name)!.value, secret });
  if (!token) return;
  const maxAge = SESSION_HOURS * 3600;
  const value = await encode({ token: { ...token, sv: sessionVersion }, secret, maxAge });
  jar.set(name, value, { httpOnly: true, sameSite: 'lax', path: '/', secure: configured?.options?.secure ?? name.startsWith('__Secure-'), maxAge });
}
