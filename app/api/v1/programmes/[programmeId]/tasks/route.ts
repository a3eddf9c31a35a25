import { serveApi } from '@/lib/api/handler';
import { API_OPERATIONS } from '@/lib/api/routes';
import { listApiTasks } from '@/lib/data/api';

type Context = { params: Promise<{ programmeId: string }> };

/** GET /api/v1/programmes/{programmeId}/tasks — lib/api/routes.ts describes it; decision 020. */
export async function GET(request: Request, context: Context): Promise<Response> {
  return serveApi(request, API_OPERATIONS.programmeTasks, await context.params, ({ ids }) =>
    listApiTasks(ids.programmeId!),
  );
}
