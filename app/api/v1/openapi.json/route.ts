import { openApiDocument } from '@/lib/api/document';
import { serveApi } from '@/lib/api/handler';
import { API_OPERATIONS } from '@/lib/api/routes';

/** GET /api/v1/openapi.json — the OpenAPI 3.1 document, open to everyone (it holds no data). */
export async function GET(request: Request): Promise<Response> {
  return serveApi(request, API_OPERATIONS.document, {}, async () => openApiDocument());
}
