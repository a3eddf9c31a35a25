/**
 * Runs once when a server instance starts (`next start`, `next dev`, the standalone server): the
 * configuration is checked (the instance refuses to start with the list of problems), and the
 * scheduled jobs start on this instance unless JOBS=off (decision 013).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { checkEnv } = await import('./lib/env');
  const config = checkEnv();
  const { log } = await import('./lib/log');
  if (config.JOBS === 'off' || !config.DATABASE_URL) {
    log().info({ jobs: 'off' }, 'instance started without scheduled jobs');
    return;
  }
  const { startScheduler } = await import('./lib/jobs/runner');
  // The database may be down at this moment: keep trying in the background, serve meanwhile.
  const start = async (attempt: number): Promise<void> => {
    try {
      await startScheduler({ connectionString: config.DATABASE_URL! });
      log().info('scheduled jobs started');
    } catch (error) {
      log().warn({ err: error, attempt }, 'scheduled jobs could not start; retrying in 30 s');
      setTimeout(() => void start(attempt + 1), 30_000).unref();
    }
  };
  void start(1);
}

/** Every error of a request, as one structured line with the request's id (never its body). */
export async function onRequestError(
  error: unknown,
  request: { path: string; method: string; headers: Record<string, string | string[] | undefined> },
  context: { routePath: string; routeType: string },
) {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { log } = await import('./lib/log');
  const reqId = request.headers['x-request-id'];
  log().error(
    {
      reqId: typeof reqId === 'string' ? reqId : undefined,
      method: request.method,
      path: request.path.split('?')[0],
      route: context.routePath,
      err: error,
    },
    'request failed',
  );
}
