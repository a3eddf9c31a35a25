/**
 * The OpenAPI document (lib/api/document.ts) against the code: every route file under app/api/v1 is
 * a path of the document and every path has its route file, each serving GET only; the document's
 * schemas compile as JSON Schema 2020-12 (what OpenAPI 3.1 uses); and real answers of every
 * operation, on the seeded city, validate against the document's own schemas (not only zod's).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { actAs, currentUser, unitId } from '../support/as-user';

vi.mock('../../lib/auth', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  getCurrentUser: async () => currentUser(),
}));

const { getDb } = await import('../../lib/db');
const { openApiDocument } = await import('../../lib/api/document');
const { API_OPERATIONS } = await import('../../lib/api/routes');
const { issueApiToken } = await import('../../lib/data/api-tokens');
const { ApiTokenInput } = await import('../../lib/validation/api-token');
const { addDays, formatDateVn, vnDateOf } = await import('../../lib/domain/time');

const ROOT = path.resolve(import.meta.dirname, '../..');
const V1 = path.join(ROOT, 'app/api/v1');

type Doc = {
  openapi: string;
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>
  >;
  components: { schemas: Record<string, object> };
};
const doc = openApiDocument() as Doc;

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? routeFiles(path.join(dir, d.name)) : d.name === 'route.ts' ? [path.join(dir, d.name)] : [],
  );
}
/** app/api/v1/assignments/[assignmentId]/reports/route.ts → /assignments/{assignmentId}/reports */
const pathOf = (file: string) =>
  '/' +
  path
    .relative(V1, path.dirname(file))
    .split(path.sep)
    .map((s) => s.replace(/^\[(\w+)\]$/, '{$1}'))
    .join('/');

function validator() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  // Each component under its document address, so that "#/components/schemas/X" resolves.
  ajv.addSchema({ $id: 'doc', components: doc.components });
  return (schema: object, value: unknown) => {
    const validate = ajv.compile({ $ref: `doc${(schema as { $ref: string }).$ref}` });
    const ok = validate(value);
    return ok ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  };
}

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 and lists exactly the route files of app/api/v1, GET only', () => {
    expect(doc.openapi).toBe('3.1.0');
    const files = routeFiles(V1);
    expect(files.map(pathOf).sort()).toEqual(Object.keys(doc.paths).sort());
    for (const file of files) {
      const methods = [...readFileSync(file, 'utf8').matchAll(/^export\s+(?:async\s+)?function\s+(\w+)/gm)].map(
        (m) => m[1],
      );
      expect(methods, file).toEqual(['GET']);
    }
    for (const item of Object.values(doc.paths)) expect(Object.keys(item)).toEqual(['get']);
  });

  it('every $ref names a component, and every component compiles', () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) expect(doc.components.schemas, ref).toHaveProperty(ref);
    const check = validator();
    for (const name of Object.keys(doc.components.schemas))
      expect(() => check({ $ref: `#/components/schemas/${name}` }, null)).not.toThrow();
  });
});

describe('answers validate against the document', () => {
  let secret = '';
  let assignment = 0;
  let programme = 0;
  beforeAll(async () => {
    await actAs('admin');
    secret = (
      await issueApiToken(
        ApiTokenInput.parse({
          name: 'Kiểm tra tài liệu',
          scope: 'UNIT',
          unitId: String(await unitId('P-TRANPHU')),
          expiresOn: formatDateVn(addDays(vnDateOf(new Date()), 5)),
        }),
      )
    ).secret;
    await actAs(null);
    const db = getDb();
    const a = await db.assignment.findFirstOrThrow({
      where: { unit: { code: 'P-TRANPHU' }, reports: { some: { status: { not: 'DRAFT' } } } },
      select: {
        id: true,
        task: { select: { programmeId: true } },
        reports: { where: { status: { not: 'DRAFT' } }, select: { id: true, createdById: true }, take: 1 },
      },
    });
    // The seed has no files: one evidence row, so that its description is validated too.
    await db.evidence.create({
      data: {
        reportId: a.reports[0]!.id,
        fileName: 'bien-ban.pdf',
        mimeType: 'application/pdf',
        sizeBytes: 1234,
        sha256: 'a'.repeat(64),
        storageKey: 'api-document-test/bien-ban.pdf',
        uploadedById: a.reports[0]!.createdById,
      },
    });
    assignment = a.id;
    programme = a.task.programmeId;
  });

  const ROUTES: Record<keyof typeof API_OPERATIONS, () => Promise<{ GET: (...a: never[]) => Promise<Response> }>> = {
    programmes: () => import('../../app/api/v1/programmes/route'),
    programmeTasks: () => import('../../app/api/v1/programmes/[programmeId]/tasks/route'),
    assignments: () => import('../../app/api/v1/assignments/route'),
    assignment: () => import('../../app/api/v1/assignments/[assignmentId]/route'),
    assignmentReports: () => import('../../app/api/v1/assignments/[assignmentId]/reports/route'),
    indicators: () => import('../../app/api/v1/indicators/route'),
    document: () => import('../../app/api/v1/openapi.json/route'),
  };

  it.each(Object.keys(API_OPERATIONS) as (keyof typeof API_OPERATIONS)[])('%s', async (name) => {
    const op = API_OPERATIONS[name];
    const ids: Record<string, string> = { programmeId: String(programme), assignmentId: String(assignment) };
    const url = op.path.replace(/\{(\w+)\}/g, (_m, p: string) => ids[p]!);
    const route = await ROUTES[name]();
    const request = new Request(`http://localhost/api/v1${url}`, { headers: { authorization: `Bearer ${secret}` } });
    const response = await (route.GET as (r: Request, c: unknown) => Promise<Response>)(request, {
      params: Promise.resolve(ids),
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    const schema = doc.paths[op.path]!.get!.responses['200']!.content!['application/json']!.schema;
    expect(validator()(schema, body)).toEqual([]);
    if (name === 'assignmentReports') expect(JSON.stringify(body)).toContain('bien-ban.pdf');
    // An error answer validates against the Error schema too.
    const refused = await (route.GET as (r: Request, c: unknown) => Promise<Response>)(
      new Request(`http://localhost/api/v1${url}?x=1`, { headers: { authorization: `Bearer ${secret}` } }),
      { params: Promise.resolve(ids) },
    );
    expect(refused.status).toBe(400);
    expect(validator()({ $ref: '#/components/schemas/Error' }, await refused.json())).toEqual([]);
  });

  it('a validation failure is caught: an answer with a stray field does not validate', () => {
    const check = validator();
    expect(
      check({ $ref: '#/components/schemas/UnitRef' }, { id: 1, code: 'X', name: 'Y', passwordHash: 'z' }),
    ).not.toEqual([]);
  });
});
