/** The one shape every form action returns (shared/STYLE.md convention 4). */
export type ActionState = {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  /** The submitted values, echoed so that React 19's form reset never loses what the user typed. */
  fields?: Record<string, string>;
  /** True when the user's copy was out of date (someone else changed the record). */
  stale?: boolean;
  /** Values the client needs after success (e.g. the new report version). */
  result?: Record<string, number | string>;
};

export const INITIAL_STATE: ActionState = { ok: false };

/**
 * The text fields of a posted form. A server action is a public endpoint: whatever is posted in
 * place of a form (a hand-made request) reads as an empty form, which the schema then refuses.
 */
export function formFields(formData: FormData): Record<string, string> {
  const fields: Record<string, string> = {};
  if (!(formData instanceof FormData)) return fields;
  for (const [key, value] of formData.entries()) {
    if (typeof value === 'string' && !key.startsWith('$ACTION')) fields[key] = value;
  }
  return fields;
}
