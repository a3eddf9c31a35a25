/**
 * Only redirects visitors without a session cookie to the login page. Authorization is not here:
 * it lives in the data layer (lib/data), which checks the user on every read and write. API routes
 * that answer JSON (evidence, jobs) are left out: they refuse with 401 themselves, and uploads are
 * not buffered twice.
 */
import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';

export async function proxy(request: NextRequest) {
  const token = await getToken({ req: request, secret: process.env.AUTH_SECRET });
  if (token) return NextResponse.next();
  const login = new URL('/login', request.url);
  const target = request.nextUrl.pathname + request.nextUrl.search;
  if (target !== '/') login.searchParams.set('callbackUrl', target);
  return NextResponse.redirect(login);
}

export const config = {
  matcher: ['/((?!login|api/auth|api/jobs|api/evidence|_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)'],
};
