/**
 * The security headers of every page that depend on the request (a nonce) or on the public URL,
 * built per request by proxy.ts. The static ones (nosniff, Referrer-Policy, Permissions-Policy,
 * the API's policy) are in next.config.js. See docs/security.md. Pure: safe in the proxy and tests.
 *
 * Scripts: a fresh nonce per request and 'strict-dynamic', no 'unsafe-inline' (Next.js reads the
 * nonce from the request's Content-Security-Policy header and puts it on its own scripts, which is
 * why every page must render dynamically: see app/layout.tsx). Styles: the stylesheet and Next's
 * inline <style> tags need 'self' and the nonce; style *attributes* (React's `style` prop in
 * server-rendered HTML, Recharts' SVG) cannot carry a nonce, hence 'unsafe-inline' for
 * style-src-attr only.
 */
import { publicUrlIsHttps } from './session-cookie';

type Env = Record<string, string | undefined>;

export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy(nonce: string, env: Env = process.env): string {
  const dev = env.NODE_ENV === 'development';
  const directives = [
    "default-src 'self'",
    // React in development uses eval for its debugging stacks; never in production.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    `style-src 'self' ${dev ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'self'",
    "manifest-src 'self'",
  ];
  if (publicUrlIsHttps(env)) directives.push('upgrade-insecure-requests');
  return directives.join('; ');
}

/** Headers that depend on the public URL, so they are decided at run time, not at build time. */
export function transportHeaders(env: Env = process.env): Record<string, string> {
  // Two years, subdomains included: only ever sent when the app is served over https.
  return publicUrlIsHttps(env) ? { 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains' } : {};
}
