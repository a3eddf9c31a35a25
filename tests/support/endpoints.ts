/**
 * Every public entry point of the app that takes input: the server actions (each export of a
 * 'use server' file in lib/actions/) and the route handlers (each HTTP method exported by an
 * app/**\/route.ts). Suites that must cover all of them (the hostile-input suite) wrap the modules
 * with `track` and compare what was called with `listEndpoints()`: a new action or route without
 * a row fails the suite.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

function walk(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? walk(path.join(dir, d.name)) : [path.join(dir, d.name)],
  );
}

/** "lib/actions/reports.ts#saveReportAction", "app/api/evidence/route.ts#POST", … */
export function listEndpoints(): string[] {
  const out: string[] = [];
  for (const file of walk('lib/actions').filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
    const source = readFileSync(path.join(ROOT, file), 'utf8');
    if (!/^\s*(\/\/[^\n]*\n|\/\*[\s\S]*?\*\/\s*)*['"]use server['"]/.test(source)) continue;
    for (const m of source.matchAll(/^export\s+(?:async\s+)?function\s+(\w+)/gm)) out.push(`${file}#${m[1]}`);
  }
  for (const file of walk('app').filter((f) => /(^|\/)route\.tsx?$/.test(f))) {
    const source = readFileSync(path.join(ROOT, file), 'utf8');
    for (const m of source.matchAll(/^export\s+(?:async\s+)?function\s+(\w+)|^export\s+(?:const\s+)?\{([^}]*)\}/gm)) {
      const names = m[1]
        ? [m[1]]
        : (m[2] ?? '').split(',').map((n) =>
            n
              .trim()
              .split(/\s+as\s+/)
              .pop()!
              .trim(),
          );
      for (const name of names) if (METHODS.includes(name)) out.push(`${file}#${name}`);
    }
  }
  return out.sort();
}

const called = new Set<string>();

/** The module with each exported function recording, under `file#name`, that it was called. */
export function track<T extends object>(file: string, mod: T): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(mod)) {
    wrapped[name] =
      typeof value === 'function'
        ? (...args: unknown[]) => {
            called.add(`${file}#${name}`);
            return (value as (...a: unknown[]) => unknown)(...args);
          }
        : value;
  }
  return wrapped as T;
}

export function calledEndpoints(): Set<string> {
  return called;
}
