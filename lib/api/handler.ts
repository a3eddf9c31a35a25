/**
 * One way to answer every API call (decision 020): the token (401 / 429), the parameters (400 or
 * 404), the read — run as the token's reader, so lib/data applies the same permissions and scope
 * as on the pages — and the answer parsed by its zod schema before it leaves (strict schemas: no
 * field that is not documented). Every refusal is `{ error: { code, message } }` in Vietnamese; an
 * unexpected failure is logged with the request id and answered with a generic 500.
 */
import 'server-only';
import type { z } from 'zod';
import { clientInfoFrom } from '../client-info';
import { authenticateApiToken } from '../data/api-tokens';
import { runAsApiReader } from '../data/guard';
import { AppError, NotFoundError } from '../errors';
import { log, requestIdFrom } from '../log';
import { METHOD_NOT_ALLOWED_MESSAGE } from './read-only';
import type { ApiOperation } from './routes';
import { ApiError } from './schemas';

type ErrorCode = z.infer<typeof ApiError>['error']['code'];

export const API_MESSAGES = {
  unauthorized:
    'Thiếu mã truy cập, hoặc mã truy cập không đúng, đã bị thu hồi hay đã hết hạn. Gửi tiêu đề Authorization: Bearer <mã truy cập> do quản trị hệ thống cấp.',
  rate_limited: 'Mã truy cập đã gọi quá số lần cho phép trong một phút. Vui lòng thử lại sau ít giây.',
  method_not_allowed: METHOD_NOT_ALLOWED_MESSAGE,
  internal: 'Hệ thống gặp lỗi khi trả lời yêu cầu này. Vui lòng thử lại; nếu vẫn lỗi, hãy báo quản trị hệ thống.',
  invalid: 'Tham số không hợp lệ.',
} as const;

const APP_ERROR_CODES: Record<AppError['code'], { status: number; code: ErrorCode }> = {
  NOT_FOUND: { status: 404, code: 'not_found' },
  FORBIDDEN: { status: 403, code: 'forbidden' },
  INVALID: { status: 400, code: 'invalid' },
  CONFLICT: { status: 400, code: 'invalid' },
  UNAUTHENTICATED: { status: 401, code: 'unauthorized' },
};

export function apiError(status: number, code: ErrorCode, message: string, headers: HeadersInit = {}): Response {
  return Response.json(ApiError.parse({ error: { code, message } }), {
    status,
    headers: { 'Cache-Control': 'no-store', ...headers },
  });
}

type Parsed<Q extends z.ZodObject> = { query: z.infer<Q>; ids: Record<string, number> };

/**
 * Serves one GET of `operation`. `ids` are the path parameters (already read from Next's params);
 * one that is not a plain id names nothing: 404, like a page.
 */
export async function serveApi<Q extends z.ZodObject, R>(
  request: Request,
  operation: ApiOperation & { query: Q },
  pathParams: Record<string, string | undefined>,
  read: (input: Parsed<Q>) => Promise<R>,
): Promise<Response> {
  const reqId = requestIdFrom(request.headers.get('x-request-id'));
  const url = new URL(request.url);
  const headers = { 'X-Request-Id': reqId };
  const done = (response: Response, tokenId: number | null) => {
    log().info({ reqId, tokenId, method: request.method, path: url.pathname, status: response.status }, 'api call');
    for (const [k, v] of Object.entries(headers)) response.headers.set(k, v);
    return response;
  };
  let tokenId: number | null = null;
  try {
    let reader = null;
    if (operation.authenticated) {
      const auth = await authenticateApiToken(request.headers.get('authorization'), {
        method: request.method,
        path: url.pathname,
        client: clientInfoFrom(request.headers),
      });
      if (!auth.ok && auth.status === 429) {
        return done(
          apiError(429, 'rate_limited', API_MESSAGES.rate_limited, { 'Retry-After': String(auth.retryAfter) }),
          null,
        );
      }
      if (!auth.ok) {
        return done(
          apiError(401, 'unauthorized', API_MESSAGES.unauthorized, { 'WWW-Authenticate': 'Bearer realm="dondoc"' }),
          null,
        );
      }
      tokenId = auth.tokenId;
      reader = auth.reader;
    }
    const ids: Record<string, number> = {};
    for (const name of Object.keys(operation.pathParams ?? {})) {
      const raw = pathParams[name];
      const n = raw !== undefined && /^[1-9][0-9]{0,9}$/.test(raw) ? Number(raw) : NaN;
      if (!(n <= 2_147_483_647)) throw new NotFoundError();
      ids[name] = n;
    }
    const parsed = operation.query.safeParse(Object.fromEntries(url.searchParams));
    if (!parsed.success || new Set(url.searchParams.keys()).size !== [...url.searchParams.keys()].length) {
      const first = parsed.success ? 'Mỗi tham số chỉ được gửi một lần.' : parsed.error.issues[0]?.message;
      const unknown = !parsed.success && parsed.error.issues.some((i) => i.code === 'unrecognized_keys');
      const message = unknown
        ? `${API_MESSAGES.invalid} Tham số được nhận: ${Object.keys(operation.query.shape).join(', ') || '(không có)'}.`
        : `${API_MESSAGES.invalid} ${first ?? ''}`.trim();
      return done(apiError(400, 'invalid', message), tokenId);
    }
    const input = { query: parsed.data, ids };
    const result = reader ? await runAsApiReader(reader, () => read(input)) : await read(input);
    // The documented shape, and nothing more: a field outside the schema is a bug, not an answer.
    const body = operation.response.parse(result);
    return done(Response.json(body, { headers: { 'Cache-Control': 'no-store' } }), tokenId);
  } catch (error) {
    if (error instanceof AppError) {
      const { status, code } = APP_ERROR_CODES[error.code];
      return done(apiError(status, code, error.message), tokenId);
    }
    log().error({ reqId, tokenId, path: url.pathname, err: error }, 'api call failed');
    return done(apiError(500, 'internal', API_MESSAGES.internal), tokenId);
  }
}
