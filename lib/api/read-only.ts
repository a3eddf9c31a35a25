/**
 * The API (/api/v1, decision 020) only reads: any other method than GET (and HEAD, OPTIONS) is a
 * 405 with the API's JSON error, answered by proxy.ts before routing, so no route can forget it.
 * Edge-safe (no Node APIs).
 */
export const API_PATH_PREFIX = '/api/v1/';

export const METHOD_NOT_ALLOWED_MESSAGE = 'API chỉ cho phép đọc dữ liệu (phương thức GET).';

export function isApiPath(pathname: string): boolean {
  return pathname.startsWith(API_PATH_PREFIX);
}

export function refuseApiWrite(request: Request): Response | null {
  if (['GET', 'HEAD', 'OPTIONS'].includes(request.method.toUpperCase())) return null;
  return Response.json(
    { error: { code: 'method_not_allowed', message: METHOD_NOT_ALLOWED_MESSAGE } },
    { status: 405, headers: { Allow: 'GET', 'Cache-Control': 'no-store' } },
  );
}
