/**
 * Shared by the suites that call every entry point as a browser would (hostile input, the
 * authorization matrix): what a call came to, whether a message is Vietnamese, and a checksum of
 * the database and the upload folder to prove that a refusal wrote nothing.
 *
 * The test file mocks next/navigation with `navigationMock` so that redirect() and notFound()
 * throw these classes: `vi.mock('next/navigation', async () => (await import('../support/outcome')).navigationMock)`.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'vitest';
import type { ActionState } from '../../lib/action-state';
import { getDb, Prisma } from '../../lib/db';
import { AppError } from '../../lib/errors';

export class Redirect extends Error {
  constructor(readonly url: string) {
    super(`redirect ${url}`);
  }
}
export class NotFound extends Error {}

export const navigationMock = {
  redirect: (url: string) => {
    throw new Redirect(url);
  },
  notFound: () => {
    throw new NotFound('not found');
  },
};

export function form(fields: Record<string, string | string[] | File>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (Array.isArray(v)) for (const x of v) fd.append(k, x);
    else fd.append(k, v);
  }
  return fd;
}

export type Outcome =
  | { kind: 'state'; state: ActionState }
  | { kind: 'redirect'; url: string }
  | { kind: 'notFound' }
  | { kind: 'response'; status: number; body: unknown; bytes: Buffer }
  | { kind: 'appError'; error: AppError }
  | { kind: 'value'; value: unknown };

/** Runs one call; only an AppError (or Next's redirect/notFound) may be thrown — anything else is a 500. */
export async function outcomeOf(call: () => Promise<unknown> | unknown): Promise<Outcome> {
  try {
    const value = await call();
    if (value instanceof Response) {
      const bytes = Buffer.from(await value.arrayBuffer());
      const type = value.headers.get('content-type') ?? '';
      const body = type.includes('json') ? JSON.parse(bytes.toString('utf8')) : null;
      return { kind: 'response', status: value.status, body, bytes };
    }
    if (value && typeof value === 'object' && 'ok' in value) return { kind: 'state', state: value as ActionState };
    return { kind: 'value', value };
  } catch (error) {
    if (error instanceof Redirect) return { kind: 'redirect', url: error.url };
    if (error instanceof NotFound) return { kind: 'notFound' };
    if (error instanceof AppError) return { kind: 'appError', error };
    throw new Error(
      `a 500: ${error instanceof Error ? `${error.name}: ${error.message.slice(0, 300)}` : String(error)}`,
    );
  }
}

const VIETNAMESE = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i;
const ENGLISH = /\b(invalid|expected|received|required|too (big|small)|must be|error)\b/i;
export function expectVietnamese(message: unknown, where: string) {
  expect(typeof message, `${where}: a message`).toBe('string');
  expect(message as string, `${where}: Vietnamese`).toMatch(VIETNAMESE);
  expect(message as string, `${where}: no English left`).not.toMatch(ENGLISH);
}

/** A checksum of every table's rows and the list of stored files: equal means nothing was written. */
const TABLES = [
  'Unit',
  'UnitLineage',
  'User',
  'Programme',
  'Section',
  'Task',
  'Indicator',
  'IndicatorTarget',
  'Assignment',
  'Report',
  'ReportReview',
  'Evidence',
  'DeadlineExtension',
  'AuditEvent',
  'Notification',
  'Setting',
  'ApiToken',
  'ApiTokenMinute',
];
export async function snapshot(uploadDir?: string): Promise<string> {
  const parts = TABLES.map(
    (t) =>
      Prisma.sql`SELECT ${t} AS t, count(*)::int AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM ${Prisma.raw(`"${t}"`)} x`,
  );
  const rows = await getDb().$queryRaw<{ t: string; n: number; h: string }[]>(
    Prisma.sql`${Prisma.join(parts, ' UNION ALL ')}`,
  );
  // Files only: an upload refused after storing removes its bytes; the empty shard folder may stay.
  const files = uploadDir
    ? (await readdir(uploadDir, { recursive: true, withFileTypes: true }))
        .filter((d) => d.isFile())
        .map((d) => path.join(d.parentPath, d.name))
        .sort()
    : [];
  return JSON.stringify({ rows, files });
}
