/** A labelled field with its hint and errors wired for screen readers (aria-describedby). */
export function Field({
  id,
  label,
  hint,
  errors,
  children,
}: {
  id: string;
  label: string;
  hint?: React.ReactNode;
  errors?: string[];
  children: (aria: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => React.ReactNode;
}) {
  const describedBy =
    [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      <div className="mt-1">
        {children({ id, 'aria-invalid': errors?.length ? true : undefined, 'aria-describedby': describedBy })}
      </div>
      <ErrorList id={`${id}-error`} errors={errors} />
    </div>
  );
}

export function ErrorList({ id, errors }: { id: string; errors?: string[] }) {
  return (
    <div id={id} aria-live="polite" className="text-sm text-red-700">
      {errors?.map((e) => (
        <p key={e} className="mt-1">
          {e}
        </p>
      ))}
    </div>
  );
}

export const inputClass =
  'block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base focus:border-red-700 focus:outline-none focus:ring-1 focus:ring-red-700 aria-invalid:border-red-600';

export function FormMessage({ ok, message }: { ok: boolean; message?: string }) {
  return (
    <div aria-live="polite">
      {message ? (
        <p
          role="status"
          className={`rounded-md p-3 text-sm ${ok ? 'bg-green-50 text-green-800' : 'bg-red-50 text-red-800'}`}
        >
          {message}
        </p>
      ) : null}
    </div>
  );
}
