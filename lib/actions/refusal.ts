import 'server-only';
import { z } from 'zod';
import type { ActionState } from '../action-state';
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
