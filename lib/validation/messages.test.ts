/**
 * Every refusal a user can be shown is Vietnamese (issue 12): this walks every zod schema exported
 * from lib/validation/, feeds each one — and each field of it, nested lists included — wrong input
 * of every kind (missing, null, a number for a text, a text for a number, an object, a list, empty,
 * blank, too long, a NUL, an impossible date, an unknown choice), and checks each issue's message.
 * A message zod wrote by itself in English ("Invalid input", "Expected string, received number",
 * "Required") or its locale's technical fallback ("mong đợi string, nhận được undefined") fails it:
 * such a message means a check without its own words.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as account from './account';
import * as audit from './audit';
import * as calendar from './calendar';
import * as dashboard from './dashboard';
import * as evidenceInput from './evidence-input';
import * as extension from './extension';
import * as fields from './fields';
import * as indicator from './indicator';
import * as programme from './programme';
import * as report from './report';
import * as unit from './unit';
import * as user from './user';

const MODULES = {
  account,
  audit,
  calendar,
  dashboard,
  evidenceInput,
  extension,
  fields,
  indicator,
  programme,
  report,
  unit,
  user,
};

const LONG = 'x'.repeat(200_001);
/** Wrong values of every kind a form, a JSON body or a query string could send for one field. */
const BAD_VALUES: unknown[] = [
  undefined,
  null,
  42,
  -1,
  1.5,
  1e12,
  Number.NaN,
  true,
  {},
  [],
  [{}],
  '',
  '   ',
  '\u200B',
  'abc',
  '0x1F',
  '-5',
  '1e3',
  '99999999999',
  '31/02/2026',
  '2026-13-01',
  '01/01/1900',
  'a\u0000b',
  LONG,
];

/** English words and zod's locale phrasing that only a message nobody wrote for us contains. */
const NOT_OURS =
  /\b(invalid|expected|required|received|string|number|boolean|bigint|object|array|undefined|null|nan|too (?:small|big)|must|unrecognized|instanceof)\b|mong đợi|nhận được|Đầu vào không hợp lệ|Khóa không/i;
/** A letter only Vietnamese writes (a tone mark, ă â đ ê ô ơ ư). */
const VIETNAMESE = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;

const isSchema = (v: unknown): v is z.ZodType => v instanceof z.ZodType;

/** The object shape inside a schema (through refinements, pipes, defaults, optionals), if any. */
function shapeOf(schema: z.ZodType, depth = 0): Record<string, z.ZodType> | null {
  if (depth > 8) return null;
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  if (def.type === 'object') return def.shape as Record<string, z.ZodType>;
  for (const inner of [def.in, def.innerType, def.schema, def.out]) {
    if (isSchema(inner)) {
      const found = shapeOf(inner, depth + 1);
      if (found) return found;
    }
  }
  return null;
}

/** The element schema of a list field (through wrappers), if it is one. */
function elementOf(schema: z.ZodType, depth = 0): z.ZodType | null {
  if (depth > 8) return null;
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  if (def.type === 'array' && isSchema(def.element)) return def.element;
  for (const inner of [def.in, def.innerType, def.schema, def.out]) {
    if (isSchema(inner)) {
      const found = elementOf(inner, depth + 1);
      if (found) return found;
    }
  }
  return null;
}

/** Inputs for a schema: wrong values for the whole, then for each field alone (nested lists too). */
function inputsFor(schema: z.ZodType, depth = 0): unknown[] {
  const inputs: unknown[] = [...BAD_VALUES];
  const shape = shapeOf(schema);
  if (shape && depth < 3) {
    for (const [key, field] of Object.entries(shape)) {
      for (const bad of BAD_VALUES) inputs.push({ [key]: bad });
      const element = elementOf(field);
      if (element) for (const inner of inputsFor(element, depth + 1)) inputs.push({ [key]: [inner] });
      else if (shapeOf(field)) for (const inner of inputsFor(field, depth + 1)) inputs.push({ [key]: inner });
    }
  }
  return inputs;
}

/** Every message of an error, the branches of unions included. */
function messagesOf(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.flatMap((issue) => [
    issue.message,
    ...('errors' in issue && Array.isArray(issue.errors) ? issue.errors.flatMap((branch) => messagesOf(branch)) : []),
  ]);
}

const SCHEMAS = Object.entries(MODULES).flatMap(([file, mod]) =>
  Object.entries(mod)
    .filter(([, v]) => isSchema(v))
    .map(([name, schema]) => ({ name: `${file}.${name}`, schema: schema as z.ZodType })),
);

describe('every validation message is Vietnamese', () => {
  it('finds the schemas (a new module must be added to MODULES)', () => {
    expect(SCHEMAS.length).toBeGreaterThanOrEqual(30);
  });

  for (const { name, schema } of SCHEMAS) {
    it(name, () => {
      const leaks = new Map<string, string>();
      let refusals = 0;
      for (const input of inputsFor(schema)) {
        let result: ReturnType<typeof schema.safeParse>;
        try {
          result = schema.safeParse(input);
        } catch (error) {
          // A schema that throws instead of refusing is a defect of its own.
          throw new Error(`${name} threw on ${JSON.stringify(input)?.slice(0, 80)}: ${String(error)}`);
        }
        if (result.success) continue;
        for (const message of messagesOf(result.error.issues)) {
          refusals += 1;
          if (NOT_OURS.test(message) || !VIETNAMESE.test(message))
            leaks.set(message, JSON.stringify(input)?.slice(0, 120) ?? String(input));
        }
      }
      expect(refusals, `${name} refused nothing`).toBeGreaterThan(0);
      expect(Object.fromEntries(leaks)).toEqual({});
    });
  }
});
