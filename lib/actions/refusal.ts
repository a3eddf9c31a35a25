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

/** How a form action reads and answers, where it differs from the plain case. */
export type FormOptions = {
  /**
   * A schema refusal: each message next to its field ('fields', the default); one message for
   * buttons that post only ids and an intent ('operation'); or the form's own shape (rows).
   */
  invalid?: 'fields' | 'operation' | ((error: z.ZodError, fields: Record<string, string>) => ActionState);
  /** What a refusal sends back of what was typed (never a password). */
  echo?: (fields: Record<string, string>) => Record<string, string>;
  /** The schema's input when it is not the posted text fields as they are (lists, table rows). */
  input?: (fields: Record<string, string>, formData: FormData) => unknown;
};

/**
 * The steps every form action takes (shared/STYLE.md convention 4): read the posted fields, check
 * them against the schema, run the data-layer call (which checks permission), and turn its refusal
 * into form state — what was typed always comes back (but a password never does: `echo`).
 * `redirect()` throws, so it is called here, after the data layer's try.
 */
export async function handleForm<S extends z.ZodType>(
  formData: FormData,
  schema: S,
  run: (input: z.output<S>, fields: Record<string, string>) => Promise<FormOutcome>,
  options: FormOptions = {},
): Promise<ActionState> {
  const fields = formFields(formData);
  const parsed = schema.safeParse(options.input ? options.input(fields, formData) : fields);
  const echoed = () => (options.echo ? options.echo(fields) : fields);
  if (!parsed.success) {
    if (options.invalid === 'operation') return { ok: false, message: 'Thao tác không hợp lệ.', fields: echoed() };
    if (typeof options.invalid === 'function') return options.invalid(parsed.error, echoed());
    return invalid(parsed.error, echoed());
  }
  let outcome: FormOutcome;
  try {
    outcome = await run(parsed.data, fields);
  } catch (error) {
    return refusal(error, echoed());
  }
  if ('redirectTo' in outcome) redirect(outcome.redirectTo);
  return outcome;
}

/** For `echo`: a password typed into a form is never sent back to the browser. */
export function withoutPassword(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter(([key]) => key !== 'password'));
}
