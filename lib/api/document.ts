/**
 * The OpenAPI 3.1 document of the API, generated from the zod schemas (z.toJSONSchema, JSON Schema
 * 2020-12, which OpenAPI 3.1 uses as is) and the operation list of lib/api/routes.ts. Served at
 * /api/v1/openapi.json and rendered for people at /api-docs. Pure: built once per process.
 */
import { z } from 'zod';
import { API_CALLS_PER_MINUTE } from '../domain/api-tokens';
import { API_BASE, API_OPERATIONS, type ApiOperation } from './routes';
import { apiRegistry } from './schemas';

type Json = Record<string, unknown>;

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });

/** A schema without the keys that only make sense for a standalone JSON Schema document. */
function component(schema: Json): Json {
  return Object.fromEntries(Object.entries(schema).filter(([key]) => key !== '$schema' && key !== '$id'));
}

function errorResponse(description: string): Json {
  return { description, content: { 'application/json': { schema: ref('Error') } } };
}

function operationOf(name: string, op: ApiOperation): Json {
  const responseId = apiRegistry.get(op.response)?.id;
  if (!responseId) throw new Error(`API operation ${name}: its response schema has no id in apiRegistry`);
  const query = z.toJSONSchema(op.query, { target: 'draft-2020-12', io: 'input' }) as {
    properties?: Record<string, Json>;
    required?: string[];
  };
  const parameters = [
    ...Object.entries(op.pathParams ?? {}).map(([param, description]) => ({
      name: param,
      in: 'path',
      required: true,
      description,
      schema: { type: 'string', pattern: '^[1-9][0-9]{0,9}$' },
    })),
    ...Object.entries(query.properties ?? {}).map(([param, schema]) => {
      const { description, ...rest } = schema;
      return {
        name: param,
        in: 'query',
        required: query.required?.includes(param) ?? false,
        description,
        schema: rest,
      };
    }),
  ];
  const responses: Json = {
    200: { description: 'Thành công.', content: { 'application/json': { schema: ref(responseId) } } },
  };
  if (parameters.some((p) => p.in === 'query')) responses[400] = errorResponse('Tham số không hợp lệ.');
  if (op.authenticated) {
    responses[401] = errorResponse('Thiếu mã truy cập, hoặc mã không đúng, đã bị thu hồi hay đã hết hạn.');
    if (op.pathParams) responses[404] = errorResponse('Không có trong phạm vi của mã truy cập (hoặc không tồn tại).');
    responses[429] = {
      ...errorResponse(`Quá ${API_CALLS_PER_MINUTE} lần gọi trong một phút; thử lại sau số giây ở Retry-After.`),
      headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Số giây cần chờ.' } },
    };
  }
  responses[405] = errorResponse('Chỉ đọc: API không nhận phương thức nào khác GET.');
  return {
    operationId: name,
    summary: op.summary,
    description: op.description,
    tags: [op.tag],
    ...(op.authenticated ? {} : { security: [] }),
    ...(parameters.length > 0 ? { parameters } : {}),
    responses,
  };
}

let built: Json | null = null;

export function openApiDocument(): Json {
  if (built) return built;
  const { schemas } = z.toJSONSchema(apiRegistry, {
    target: 'draft-2020-12',
    uri: (id) => `#/components/schemas/${id}`,
  }) as { schemas: Record<string, Json> };
  const paths: Json = {};
  for (const [name, op] of Object.entries(API_OPERATIONS) as [string, ApiOperation][]) {
    paths[op.path] = { get: operationOf(name, op) };
  }
  built = {
    openapi: '3.1.0',
    info: {
      title: 'API Đôn đốc',
      version: '1.0.0',
      description: [
        'API chỉ đọc để hệ thống của tỉnh và các hệ thống khác liên thông dữ liệu theo dõi, đôn đốc nhiệm vụ.',
        'Xác thực: tiêu đề `Authorization: Bearer <mã truy cập>`; mã do quản trị hệ thống cấp tại trang Quản trị → API, chỉ hiển thị một lần.',
        'Phạm vi: mã đọc toàn bộ thấy như Lãnh đạo UBND thành phố; mã của một đơn vị thấy như công chức của đơn vị đó — ngoài phạm vi là 404, như trên giao diện.',
        `Giới hạn: ${API_CALLS_PER_MINUTE} lần gọi mỗi phút cho mỗi mã (429 kèm Retry-After khi vượt).`,
        'Ngày (hạn, kỳ) dạng YYYY-MM-DD theo lịch Việt Nam (Asia/Ho_Chi_Minh); thời điểm theo ISO 8601 giờ UTC (…Z). Mỗi giá trị liệt kê là { code, label }: mã ổn định và thuật ngữ tiếng Việt.',
        'Lỗi: { "error": { "code", "message" } } với thông báo tiếng Việt.',
      ].join('\n\n'),
    },
    servers: [{ url: API_BASE }],
    security: [{ bearer: [] }],
    tags: [...new Set(Object.values(API_OPERATIONS).map((op) => op.tag))].map((tag) => ({ name: tag })),
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'Mã truy cập do quản trị hệ thống cấp (dd_…).' },
      },
      schemas: Object.fromEntries(Object.entries(schemas).map(([id, s]) => [id, component(s)])),
    },
  };
  return built;
}
