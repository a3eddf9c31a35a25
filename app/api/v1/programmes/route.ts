import { serveApi } from '@/lib/api/handler';
import { API_OPERATIONS } from '@/lib/api/routes';
import { listApiProgrammes } from '@/lib/data/api';

/** GET /api/v1/programmes — lib/api/routes.ts describes it; decision 020. */
export async function GET(request: Request): Promise<Response> {
  return serveApi(request, API_OPERATIONS.programmes, {}, () => listApiProgrammes());
}
