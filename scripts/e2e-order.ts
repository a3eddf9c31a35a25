/**
 * Runs the browser specs in another order than Playwright's (file names, alphabetical), to prove
 * that no spec relies on another having run before or after it:
 *
 *   npx tsx scripts/e2e-order.ts --reverse      every spec in one run, last file first
 *   npx tsx scripts/e2e-order.ts --each         every spec alone, each on its own server
 *   npx tsx scripts/e2e-order.ts --each a.spec.ts b.spec.ts   only those, each alone
 *
 * Needs `next build` first, like `npm run test:e2e`. Copies of the specs go to .data/e2e-order
 * (numbered so that Playwright's own sorting keeps the chosen order; their imports point back
 * into e2e/), run with playwright.config.ts and E2E_TEST_DIR set to that folder.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = process.cwd();
const e2e = path.join(root, 'e2e');
const specs = fs
  .readdirSync(e2e)
  .filter((f) => f.endsWith('.spec.ts'))
  .sort();
const mode = process.argv[2];
if (mode !== '--reverse' && mode !== '--each') {
  console.error('usage: npx tsx scripts/e2e-order.ts --reverse | --each');
  process.exit(2);
}

const playwright = path.join(root, 'node_modules', '.bin', 'playwright');
function run(files: string[]): boolean {
  const dir = path.join(root, '.data', 'e2e-order');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  files.forEach((file, i) => {
    const source = fs.readFileSync(path.join(e2e, file), 'utf8');
    const pointed = source.replace(/from '(\.\.?\/[^']+)'/g, (_, p: string) => `from '${path.resolve(e2e, p)}'`);
    fs.writeFileSync(path.join(dir, `${String(i).padStart(2, '0')}-${file}`), pointed);
  });
  console.log(`\n━━ ${files.join(' → ')}`);
  const r = spawnSync(playwright, ['test', '--reporter=list'], {
    stdio: 'inherit',
    env: { ...process.env, E2E_TEST_DIR: dir },
  });
  return r.status === 0;
}

const failed: string[] = [];
if (mode === '--reverse') {
  if (!run([...specs].reverse())) failed.push('reverse order');
} else {
  const chosen = process.argv.slice(3);
  const unknown = chosen.filter((c) => !specs.includes(c));
  if (unknown.length) {
    console.error(`no such spec in e2e/: ${unknown.join(', ')}`);
    process.exit(2);
  }
  for (const spec of chosen.length ? chosen : specs) if (!run([spec])) failed.push(spec);
}
console.log(failed.length ? `\nFAILED: ${failed.join(', ')}` : '\nall passed');
process.exit(failed.length ? 1 : 0);
