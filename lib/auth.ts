/**
 * Authentication — the only module that imports next-auth (swap it here and nowhere else).
 * Credentials (username + password, argon2id) → a JWT cookie holding only the user id and the
 * session version. Role and unit are read fresh from the database on every request
 * (getCurrentUser), so deactivating a user or bumping their session version ends every session
 * at once.
 */
import 'server-only';
import { getServerSession, type NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { z } from 'zod';
import { getSessionUser, verifyCredentials } from './data/users';
import { loginThrottle } from './login-throttle';
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
      async authorize(raw) {
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
        return { id: String(result.id), sv: result.sessionVersion };
      },
    }),
  ],
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

/** For pages: the signed-in user, or a redirect to the login page. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect('/login');
  return user;
}
