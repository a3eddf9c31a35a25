import type { TestProject } from 'vitest/node';
import { buildTemplate, openSharedTestServer } from './test-databases';

declare module 'vitest' {
  export interface ProvidedContext {
    testServerUrl: string;
  }
}

/** Vitest global setup: the test server and its seeded template database, once per run. */
export default async function setup(project: TestProject) {
  const server = await openSharedTestServer();
  if (process.env.TEST_TEMPLATE_READY !== '1') await buildTemplate(server.url);
  project.provide('testServerUrl', server.url);
  return async () => {
    await server.stop();
  };
}
