/**
 * The server Playwright tests run against: the production build (`next start`) on a fresh copy of
 * the seeded test template, reached through DATABASE_URL — the production path.
 * Started by playwright.config.ts (webServer); writes the database URL to .data/e2e-database-url
 * so specs can check the numbers they see against the database.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildTemplate, copyOfTemplate, openSharedTestServer } from '../tests/support/test-databases';
import { launch } from './lib/launch';

const server = await openSharedTestServer();
if (process.env.TEST_TEMPLATE_READY !== '1') await buildTemplate(server.url);
const url = await copyOfTemplate(server.url, 'dondoc_e2e');
fs.mkdirSync(path.join(process.cwd(), '.data'), { recursive: true });
fs.writeFileSync(path.join(process.cwd(), '.data', 'e2e-database-url'), url);
process.env.DATABASE_URL = url;

const stopServer = () => void server.stop();
process.on('exit', stopServer);

await launch({
  nextArgs: ['start'],
  env: { AUTH_SECRET: 'e2e-secret-e2e-secret-e2e-secret-0123456789' },
  prepare: async () => {},
});
