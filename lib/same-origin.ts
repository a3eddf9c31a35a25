/**
 * Writes must come from our own pages. Next.js 16 refuses a server action whose Origin does not
 * match Host / X-Forwarded-Host (app-render/action-handler.js), but answers that refusal with a
 * 500 ("Invalid Server Actions request.") for fetch actions and throws for form posts — an error
 * in the logs and an error page, for what is a client's fault. Refusing here first makes it a 403.
 *
 * The rule is Next's own: a request that names an Origin must name ours (the host the browser
 * addressed, as the proxy forwards it); browsers that send `Sec-Fetch-Site: cross-site` are
 * refused too. A request without Origin (old browsers, hand-made requests without a user's cookie)
 * is let through, as Next does — the session cookie is SameSite=Lax and stays off cross-site POSTs.
 * Edge-safe (no Node APIs): proxy.ts may call it.
 */

export const CROSS_ORIGIN_MESSAGE =
  'Yêu cầu không đến từ trang của hệ thống nên đã bị từ chối. Vui lòng mở lại trang và thử lại.';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** True when the request says it comes from another site or origin. */
export function isCrossOrigin(headers: Headers): boolean {
  if (headers.get('sec-fetch-site') === 'cross-site') return true;
  const origin = headers.get('origin');
  if (origin === null) return false;
  if (origin === 'null') return true; // sandboxed frames, data: URLs, file: pages
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return true;
  }
  // As Next compares: the first X-Forwarded-Host when a proxy sets it, else Host.
  const host = headers.get('x-forwarded-host')?.split(',')[0]?.trim() || headers.get('host');
  return originHost !== host;
}

/**
 * For proxy.ts and route handlers: a 403 for a write (POST, PUT, PATCH, DELETE — server actions
 * are POSTs) from another origin, or null to carry on. Reads are never refused here.
 */
export function refuseCrossOriginWrite(request: Request): Response | null {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return null;
  if (!isCrossOrigin(request.headers)) return null;
  return Response.json({ error: CROSS_ORIGIN_MESSAGE }, { status: 403, headers: { 'Cache-Control': 'no-store' } });
}
