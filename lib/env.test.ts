import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv, VARIABLES } from './env';

const root = path.resolve(import.meta.dirname, '..');

/** Set by Node, Next.js, CI or one script for another; never configured by an operator. */
const INTERNAL = new Set([
  'NODE_ENV',
  'NODE_OPTIONS',
  'NEXT_RUNTIME',
  'NEXT_TELEMETRY_DISABLED',
  'CI',
  'DEBUG_PG',
  'BENCH_FLOOR',
  'BENCH_PG_PORT',
  'BENCH_PASSWORD',
  'TEST_SERVER_URL',
  'TEST_TEMPLATE_READY',
  'TEST_TEMPLATE_DB',
  'E2E_TEST_DIR',
  'FIXTURE_FONT',
  'PRISMA_SCHEMA_ENGINE_BINARY',
  // glibc's, not the app's: set for the server by scripts/lib/launch.ts and the systemd unit.
  'MALLOC_ARENA_MAX',
  'MALLOC_MMAP_THRESHOLD_',
]);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory())
      return ['node_modules', 'generated', '.next', '.data'].includes(entry.name) ? [] : sourceFiles(full);
    return /\.(ts|tsx|js|mjs)$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

function readmeVariables(): Set<string> {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const table = readme.slice(
    readme.indexOf('## Configuration'),
    readme.indexOf('\n## ', readme.indexOf('## Configuration') + 5),
  );
  const names = [...table.matchAll(/^\| (.+?) \|/gm)].flatMap((m) =>
    [...m[1]!.matchAll(/`([A-Z0-9_]+)`/g)].map((n) => n[1]!),
  );
  return new Set(names);
}

/** The variables named in the first column of docs/deployment.md's configuration table. */
function deploymentGuideVariables(): Set<string> {
  const guide = fs.readFileSync(path.join(root, 'docs', 'deployment.md'), 'utf8');
  const start = guide.indexOf('## Configuration');
  const table = guide.slice(start, guide.indexOf('\n## ', start + 5));
  return new Set(
    [...table.matchAll(/^\| (.+?) \|/gm)].flatMap((m) => [...m[1]!.matchAll(/`([A-Z0-9_]+)`/g)].map((n) => n[1]!)),
  );
}

describe('environment variables', () => {
  it('the README table lists exactly the variables of lib/env.ts', () => {
    expect([...readmeVariables()].sort()).toEqual(Object.keys(VARIABLES).sort());
  });

  it("the deployment guide's table lists exactly the variables the app reads (not the tests' own)", () => {
    const app = Object.entries(VARIABLES)
      .filter(([, v]) => !('tooling' in v && v.tooling))
      .map(([name]) => name);
    expect([...deploymentGuideVariables()].sort()).toEqual(app.sort());
  });

  it('the code reads no variable that lib/env.ts does not know', () => {
    const read = new Set<string>();
    for (const dir of ['app', 'lib', 'components', 'scripts', 'prisma']) {
      for (const file of sourceFiles(path.join(root, dir)))
        for (const m of fs
          .readFileSync(file, 'utf8')
          .matchAll(/process\.env(?:\.([A-Z0-9_]+)|\[['"]([A-Z0-9_]+)['"]\])/g))
          read.add((m[1] ?? m[2])!);
    }
    for (const file of ['proxy.ts', 'instrumentation.ts', 'playwright.config.ts', 'next.config.js'])
      if (fs.existsSync(path.join(root, file)))
        for (const m of fs.readFileSync(path.join(root, file), 'utf8').matchAll(/process\.env\.([A-Z0-9_]+)/g))
          read.add(m[1]!);
    const unknown = [...read].filter((n) => !(n in VARIABLES) && !INTERNAL.has(n));
    expect(unknown).toEqual([]);
  });

  it('refuses a bad configuration with every problem listed, in Vietnamese and English, without the values', () => {
    let error: unknown;
    try {
      parseEnv(
        { DATABASE_POOL_SIZE: 'mười', DATABASE_URL: 'mysql://x', S3_BUCKET: 'minh-chung', AUTH_SECRET: 'ngan-qua' },
        { production: true },
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvError);
    const { problems, message } = error as EnvError;
    expect(problems.map((p) => p.split(':')[0])).toEqual([
      'DATABASE_URL',
      'DATABASE_POOL_SIZE',
      'AUTH_SECRET',
      'S3_ACCESS_KEY_ID',
      'S3_SECRET_ACCESS_KEY',
    ]);
    expect(message).toContain('DATABASE_POOL_SIZE: phải là số nguyên 1–200 / must be a whole number 1–200');
    expect(message).not.toContain('ngan-qua');
    expect(message).not.toContain('mười');
  });

  it('reads defaults as unset and numbers as numbers', () => {
    const parsed = parseEnv({ DATABASE_POOL_SIZE: '20', STATS_CACHE_ENTRIES: '', PORT: '3000' }, { production: false });
    expect(parsed.DATABASE_POOL_SIZE).toBe(20);
    expect(parsed.STATS_CACHE_ENTRIES).toBeUndefined();
    expect(parsed.PORT).toBe(3000);
  });
});

describe('the heap cap', () => {
  it('is the same number in `npm start` and in the deployment guide’s systemd unit', () => {
    const launch = fs.readFileSync(path.join(root, 'scripts', 'lib', 'launch.ts'), 'utf8');
    const guide = fs.readFileSync(path.join(root, 'docs', 'deployment.md'), 'utf8');
    const cap = /export const SERVER_HEAP_CAP_MB = (\d+);/.exec(launch)?.[1];
    expect(cap).toBeDefined();
    const inGuide = [...guide.matchAll(/--max-old-space-size=(\d+)/g)].map((m) => m[1]);
    expect(inGuide.length).toBeGreaterThan(0);
    expect(new Set(inGuide)).toEqual(new Set([cap]));
  });

  it('and so is glibc’s arena limit (MALLOC_ARENA_MAX)', () => {
    const launch = fs.readFileSync(path.join(root, 'scripts', 'lib', 'launch.ts'), 'utf8');
    const guide = fs.readFileSync(path.join(root, 'docs', 'deployment.md'), 'utf8');
    const arenas = /export const SERVER_MALLOC_ARENA_MAX = (\d+);/.exec(launch)?.[1];
    expect(arenas).toBeDefined();
    const inGuide = [...guide.matchAll(/MALLOC_ARENA_MAX=(\d+)/g)].map((m) => m[1]);
    expect(inGuide.length).toBeGreaterThan(0);
    expect(new Set(inGuide)).toEqual(new Set([arenas]));
  });

  it('and so are the mmap threshold and the semi-space (decision 035)', () => {
    const launch = fs.readFileSync(path.join(root, 'scripts', 'lib', 'launch.ts'), 'utf8');
    const guide = fs.readFileSync(path.join(root, 'docs', 'deployment.md'), 'utf8');
    for (const [constant, inGuidePattern] of [
      ['SERVER_MALLOC_MMAP_THRESHOLD', /MALLOC_MMAP_THRESHOLD_=(\d+)/g],
      ['SERVER_SEMI_SPACE_MB', /--max-semi-space-size=(\d+)/g],
    ] as const) {
      const value = new RegExp(`export const ${constant} = (\\d+);`).exec(launch)?.[1];
      expect(value, constant).toBeDefined();
      const inGuide = [...guide.matchAll(inGuidePattern)].map((m) => m[1]);
      expect(inGuide.length, constant).toBeGreaterThan(0);
      expect(new Set(inGuide), constant).toEqual(new Set([value]));
    }
  });
});
