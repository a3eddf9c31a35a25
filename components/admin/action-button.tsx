'use client';

import { useActionState } from 'react';
import { FormMessage } from '@/components/forms/field';
import { INITIAL_STATE, type ActionState } from '@/lib/action-state';
import { secondaryButton } from './styles';

/**
 * One button that posts a few hidden fields to a server action (archive, restore, delete,
 * deactivate…), asks for confirmation first when `confirm` is given, and shows the result.
 */
export function ActionButton({
  action,
  fields,
  label,
  pendingLabel = 'Đang xử lý…',
  confirm,
  className = secondaryButton,
}: {
  action: (prev: ActionState, formData: FormData) => Promise<ActionState>;
  fields: Record<string, string | number>;
  label: string;
  pendingLabel?: string;
  confirm?: string;
  className?: string;
}) {
  const [state, formAction, pending] = useActionState(action, INITIAL_STATE);
  return (
    <form
      action={formAction}
      onSubmit={(e) => {
        if (confirm && !window.confirm(confirm)) e.preventDefault();
      }}
      className="space-y-2"
    >
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" disabled={pending} className={className}>
        {pending ? pendingLabel : label}
      </button>
      <FormMessage ok={state.ok} message={state.message} />
    </form>
  );
}
