/**
 * Three jobs, nothing else:
 * 0. Writes from another origin are refused with a 403 (lib/same-origin.ts).
 * 1. Security headers that change per request: a fresh nonce for the Content-Security-Policy
 *    (Next.js reads it from the request header and puts it on its own scripts) and, when the
 *    public URL is https, Strict-Transport-Security (lib/security-headers.ts).
 * 2. Visitors without a session cookie are redirected to the login page. Authorization is not
 *    here: it lives in the data layer (lib/data), which checks the user on every read and write.
 * The API for other systems (/api/v1, decision 020) authenticates with a bearer token, not the
 * session: it passes without a cookie, and anything but a read is refused here with a 405.
 * Other API routes that answer JSON (auth, evidence, jobs) are left out: they refuse with 401 themselves,
 * uploads are not buffered twice, and next.config.js gives them a policy that allows nothing.
 */
import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';
import { isApiPath, refuseApiWrite } from './lib/api/read-only';
import { databaseReachable, unavailableResponse } from './lib/health';
import { log, requestIdFrom } from './lib/log';
import { refuseCrossOriginWrite } from './lib/same-origin';
import { contentSecurityPolicy, newNonce, transportHeaders } from './lib/security-headers';
import { sessionCookie } from './lib/session-cookie';

/** Open without a session: the login page and the API's reference (it shows no data). */
const PUBLIC_PAGES = new Set(['/login', '/api-docs']);

export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  // The API only reads (lib/api/read-only.ts).
  if (isApiPath(pathname)) {
    const notRead = refuseApiWrite(request);
    if (notRead) return withTransportHeaders(notRead);
  }
  // A write from another origin (a forged server-action POST) is the client's fault: a Vietnamese
  // 403 here, before Next's action handler would answer it with a 500 (decision 010).
  const refused = refuseCrossOriginWrite(request);
  if (refused) return refused;
  // One id per request, on every log line of it and in the answer (lib/log.ts).
  const reqId = requestIdFrom(request.headers.get('x-request-id'));
  log().info({ reqId, method: request.method, path: pathname }, 'request');
  // The database is down: a Vietnamese page with 503 at once, instead of a request that waits
  // and ends in an error boundary (lib/health.ts; one shared probe a second).
  if (!(await databaseReachable())) {
    log().warn({ reqId, path: pathname }, 'database unreachable: 503');
    return withTransportHeaders(unavailableResponse(reqId, pathname.startsWith('/api/')));
  }
  if (!PUBLIC_PAGES.has(pathname) && !isApiPath(pathname)) {
    const token = await getToken({
      req: request,
      secret: process.env.AUTH_SECRET,
      secureCookie: sessionCookie().secure,
    });
    if (!token) {
      const login = new URL('/login', request.url);
      const target = pathname + request.nextUrl.search;
      if (target !== '/') login.searchParams.set('callbackUrl', target);
      return withTransportHeaders(NextResponse.redirect(login));
    }
  }
  if (pathname.startsWith('/api/')) {
    const apiHeaders = new Headers(request.headers);
    apiHeaders.set('x-request-id', reqId);
    const response = NextResponse.next({ request: { headers: apiHeaders } });
    response.headers.set('X-Request-Id', reqId);
    return withTransportHeaders(response);
  }

  const nonce = newNonce();
  const policy = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('x-request-id', reqId);
  requestHeaders.set('Content-Security-Policy', policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', policy);
  response.headers.set('X-Request-Id', reqId);
  return withTransportHeaders(response);
}

function withTransportHeaders<R extends Response>(response: R): R {
  for (const [key, value] of Object.entries(transportHeaders())) response.headers.set(key, value);
  return response;
}

export const config = {
  matcher: [
    '/((?!api/auth|api/jobs|api/evidence|api/health|_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)',
  ],
};
