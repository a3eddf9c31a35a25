import { serveApi } from '@/lib/api/handler';
import { API_OPERATIONS } from '@/lib/api/routes';
import { getApiAssignment } from '@/lib/data/api';

type Context = { params: Promise<{ assignmentId: string }> };

/** GET /api/v1/assignments/{assignmentId} — lib/api/routes.ts describes it; decision 020. */
export async function GET(request: Request, context: Context): Promise<Response> {
  return serveApi(request, API_OPERATIONS.assignment, await context.params, ({ ids }) =>
    getApiAssignment(ids.assignmentId!),
  );
}
