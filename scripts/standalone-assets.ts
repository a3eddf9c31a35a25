/**
 * After `next build`: completes the standalone server (.next/standalone, next.config.js `output`)
 * with what Next leaves out of it on purpose — the browser assets of .next/static (and public/,
 * when the project has one) — so that `node .next/standalone/server.js` serves everything and the
 * folder can be copied to a server as it is (docs/deployment.md). Run by `npm run build`.
 */
import fs from 'node:fs';
import path from 'node:path';

const root = process.cwd();
const standalone = path.join(root, '.next', 'standalone');
if (!fs.existsSync(path.join(standalone, 'server.js'))) {
  console.error('No .next/standalone/server.js: run `next build` first (next.config.js has output: standalone).');
  process.exit(1);
}
const copies: [string, string][] = [
  [path.join(root, '.next', 'static'), path.join(standalone, '.next', 'static')],
  [path.join(root, 'public'), path.join(standalone, 'public')],
];
for (const [from, to] of copies) {
  if (!fs.existsSync(from)) continue;
  fs.rmSync(to, { recursive: true, force: true });
  fs.cpSync(from, to, { recursive: true });
  console.log(`standalone: copied ${path.relative(root, from)}`);
}
