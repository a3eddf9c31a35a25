import { serveApi } from '@/lib/api/handler';
import { API_OPERATIONS } from '@/lib/api/routes';
import { listApiAssignments } from '@/lib/data/api';

/** GET /api/v1/assignments — lib/api/routes.ts describes it; decision 020. */
export async function GET(request: Request): Promise<Response> {
  return serveApi(request, API_OPERATIONS.assignments, {}, ({ query }) =>
    listApiAssignments({
      programme: query.programme,
      unit: query.unit,
      status: query.status,
      after: query.cursor,
      limit: query.limit ?? 50,
    }),
  );
}
