/**
 * What code reaches the browser (issue 8: "no zod or other server-only code in client bundles").
 * Every module that starts with 'use client', and everything it imports at run time (type-only
 * imports are erased by the compiler and skipped here), is walked from the source; the walk stops
 * at packages and at 'use server' modules (the browser gets references to their actions, not code). A client module that reaches zod, a database client, a Node built-in or a server
 * library ships it to every browser that opens the page (the report form once shipped zod through
 * REPORT_LIMITS: 189 KB of JavaScript on the assignment page). Limits and choices a form shares
 * with its server schema live in a zod-free `*-limits.ts` module beside it (lib/validation/).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Packages no client module may reach, with the reason shown when one does. */
const SERVER_ONLY: [RegExp, string][] = [
  [/^zod(\/|$)/, 'zod (the schemas run on the server; share limits through a *-limits.ts module)'],
  [/^server-only$/, 'a server-only module'],
  [/^(@prisma\/|pg$|pg\/)/, 'the database client'],
  [/^node:|^(fs|path|crypto|stream|zlib|os|child_process)$/, 'a Node built-in'],
  [/^(next-auth|@auth\/)/, 'next-auth (sign-out is a server action)'],
  [
    /^(exceljs|docx|pino|argon2|@node-rs\/argon2|pg-boss|nodemailer|pdfjs-dist|tesseract\.js|mammoth)(\/|$)/,
    'a server library',
  ],
];
/** The generated Prisma enums are plain objects and may be used in the browser; the client may not. */
const GENERATED_OK = /lib\/generated\/prisma\/enums\.ts$/;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
}

function directive(source: ts.SourceFile): string | undefined {
  const first = source.statements[0];
  return first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression)
    ? first.expression.text
    : undefined;
}

/** The specifiers a module imports at run time (type-only imports and exports are erased). */
function runtimeImports(source: ts.SourceFile): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings;
      const typeOnly =
        clause?.isTypeOnly ||
        (clause && !clause.name && named && ts.isNamedImports(named) && named.elements.length > 0
          ? named.elements.every((e) => e.isTypeOnly)
          : false);
      if (!typeOnly) found.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      if (!node.isTypeOnly) found.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** A file of this repository for a relative or `@/` specifier, or null for a package. */
function resolveLocal(from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith('@/')) base = path.join(ROOT, specifier.slice(2));
  else if (specifier.startsWith('.')) base = path.resolve(path.dirname(from), specifier);
  else return null;
  for (const candidate of [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    path.join(base, 'index.ts'),
    path.join(base, 'index.tsx'),
  ])
    if (/\.tsx?$/.test(candidate) && fs.existsSync(candidate)) return candidate;
  return `${base} (not found)`;
}

/** Every forbidden package a client module reaches, with the chain of imports that reaches it. */
function forbiddenReach(entry: string): { chain: string[]; why: string }[] {
  const problems: { chain: string[]; why: string }[] = [];
  const seen = new Set<string>();
  const walk = (file: string, chain: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of runtimeImports(parse(file))) {
      const local = resolveLocal(file, specifier);
      const here = [...chain, path.relative(ROOT, file)];
      if (local === null) {
        const rule = SERVER_ONLY.find(([pattern]) => pattern.test(specifier));
        if (rule) problems.push({ chain: [...here, specifier], why: rule[1] });
        if (specifier === 'recharts' && !path.relative(ROOT, file).startsWith('components/charts/'))
          problems.push({ chain: [...here, specifier], why: 'Recharts outside components/charts (chart pages only)' });
      } else if (local.endsWith('(not found)')) {
        problems.push({ chain: [...here, specifier], why: 'an import this test cannot resolve' });
      } else if (/lib\/generated\/prisma\//.test(local) && !GENERATED_OK.test(local)) {
        problems.push({ chain: [...here, path.relative(ROOT, local)], why: 'the generated database client' });
      } else if (directive(parse(local)) !== 'use server') {
        // A server action's module reaches the browser as references to its actions, not as code.
        walk(local, here);
      }
    }
  };
  walk(entry, []);
  return problems;
}

const clientModules = ['app', 'components', 'lib']
  .flatMap((dir) => sourceFiles(path.join(ROOT, dir)))
  .filter((file) => directive(parse(file)) === 'use client');

describe('code that reaches the browser', () => {
  it('finds the client modules', () => {
    // The walk below is only as good as this list: the report form and the menu are client modules.
    const names = clientModules.map((f) => path.relative(ROOT, f));
    expect(names).toContain('components/reports/report-form.tsx');
    expect(names.length).toBeGreaterThan(20);
  });

  it.each(clientModules.map((f) => [path.relative(ROOT, f), f]))('%s reaches no server-only code', (_name, file) => {
    const problems = forbiddenReach(file).map((p) => `${p.chain.join(' → ')}: ${p.why}`);
    expect(problems).toEqual([]);
  });

  it('sees a leak through a chain of imports, and not through a type-only import', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'client-imports-'));
    try {
      fs.writeFileSync(path.join(dir, 'limits.ts'), "import { z } from 'zod';\nexport const L = z.string();\n");
      fs.writeFileSync(path.join(dir, 'types.ts'), "import type { ZodType } from 'zod';\nexport type T = ZodType;\n");
      fs.writeFileSync(
        path.join(dir, 'form.tsx'),
        "'use client';\nimport { L } from './limits';\nimport type { T } from './types';\nexport const x: T = L;\n",
      );
      const problems = forbiddenReach(path.join(dir, 'form.tsx'));
      expect(problems.map((p) => p.chain.at(-1))).toEqual(['zod']);
      expect(problems[0]!.chain.at(-2)).toMatch(/limits\.ts$/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
