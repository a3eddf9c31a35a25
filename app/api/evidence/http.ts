/**
 * Shared by the evidence route handlers: errors as JSON the browser may show, and the checks made
 * before any data call. Only an AppError's message reaches the browser; anything else is logged
 * here and answered with a generic message.
 */
import 'server-only';
import { AppError, ForbiddenError, HTTP_STATUS } from '@/lib/errors';
import { isCrossOrigin } from '@/lib/same-origin';
import { log } from '@/lib/log';

export const GENERIC_ERROR =
  'Hệ thống chưa xử lý được yêu cầu này. Vui lòng thử lại; nếu vẫn lỗi, hãy báo quản trị hệ thống.';

export function jsonError(message: string, status: number): Response {
  return Response.json({ error: message }, { status, headers: { 'Cache-Control': 'no-store' } });
}

export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) return jsonError(error.message, HTTP_STATUS[error.code]);
  log().error({ err: error }, 'evidence request failed');
  return jsonError(GENERIC_ERROR, 500);
}

/**
 * Writes must come from our own pages (lib/same-origin.ts, the rule proxy.ts applies to server
 * actions). The session cookie is SameSite=Lax, which already keeps it off cross-site POSTs.
 */
export function refuseCrossSite(request: Request): Response | null {
  return isCrossOrigin(request.headers) ? jsonError(new ForbiddenError().message, 403) : null;
}
