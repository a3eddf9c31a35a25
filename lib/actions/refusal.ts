import 'server-only';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { formFields, type ActionState } from '../action-state';
import { AppError, FieldError } from '../errors';

/**
 * Turns a refusal from the data layer into form state: a field error next to its field, any other
 * AppError as the form's message. Unknown errors are rethrown and end in error.tsx, never shown raw.
 */
export function refusal(error: unknown, fields: Record<string, string>): ActionState {
  if (error instanceof FieldError) {
    return {
      ok: false,
      message: 'Vui lòng kiểm tra mục được đánh dấu.',
      fieldErrors: { [error.field]: [error.message] },
      fields,
    };
  }
  if (error instanceof AppError) return { ok: false, message: error.message, fields, stale: error.code === 'CONFLICT' };
  throw error;
}

/** A form that failed its zod schema: each message next to its field, what was typed kept. */
export function invalid(error: z.ZodError, fields: Record<string, string>): ActionState {
  return {
    ok: false,
    message: 'Vui lòng kiểm tra các mục được đánh dấu.',
    fieldErrors: z.flattenError(error).fieldErrors as Record<string, string[]>,
    fields,
  };
}

/** What a form action's step returns: the state to show, or where to go (a create's new page). */
export type FormOutcome = ActionState | { redirectTo: string };

/**
 * The steps every form action takes (shared/STYLE.md convention 4): read the posted fields, check
 * them against the schema, run the data-layer call (which checks permission), and turn its refusal
 * into form state — what was typed always comes back. A schema refusal is shown next to each field,
 * or, for buttons that post only ids and an intent (`invalid: 'operation'`), as one message.
 * `redirect()` throws, so it is called here, after the data layer's try.
 */
export async function handleForm<S extends z.ZodType>(
  formData: FormData,
  schema: S,
  run: (input: z.output<S>, fields: Record<string, string>) => Promise<FormOutcome>,
  options: { invalid?: 'fields' | 'operation' } = {},
): Promise<ActionState> {
  const fields = formFields(formData);
  const parsed = schema.safeParse(fields);
  if (!parsed.success) {
    return options.invalid === 'operation'
      ? { ok: false, message: 'Thao tác không hợp lệ.', fields }
      : invalid(parsed.error, fields);
  }
  let outcome: FormOutcome;
  try {
    outcome = await run(parsed.data, fields);
  } catch (error) {
    return refusal(error, fields);
  }
  if ('redirectTo' in outcome) redirect(outcome.redirectTo);
  return outcome;
}
