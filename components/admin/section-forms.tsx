'use client';

import { useActionState } from 'react';
import { Field, FormMessage, inputClass } from '@/components/forms/field';
import { INITIAL_STATE } from '@/lib/action-state';
import { createSectionAction, updateSectionAction } from '@/lib/actions/admin-programmes';
import { PROGRAMME_LIMITS } from '@/lib/validation/programme-limits';
import { primaryButton, secondaryButton } from './styles';

/** Adds a section (I., II., …) to a programme. */
export function NewSectionForm({ programmeId, nextNumeral }: { programmeId: number; nextNumeral: string }) {
  const [state, action, pending] = useActionState(createSectionAction, INITIAL_STATE);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="programmeId" value={programmeId} />
      <div className="grid gap-3 sm:grid-cols-[8rem_1fr]">
        <Field id="new-section-numeral" label="Số mục" errors={errors.numeral}>
          {(aria) => (
            <input
              {...aria}
              name="numeral"
              maxLength={PROGRAMME_LIMITS.sectionNumeral}
              defaultValue={state.fields?.numeral ?? nextNumeral}
              className={inputClass}
            />
          )}
        </Field>
        <Field id="new-section-title" label="Tên mục mới" errors={errors.title}>
          {(aria) => (
            <input
              {...aria}
              name="title"
              maxLength={PROGRAMME_LIMITS.sectionTitle}
              defaultValue={state.fields?.title ?? ''}
              className={inputClass}
            />
          )}
        </Field>
      </div>
      <FormMessage ok={state.ok} message={state.message} />
      <button type="submit" disabled={pending} className={primaryButton}>
        {pending ? 'Đang thêm…' : 'Thêm mục'}
      </button>
    </form>
  );
}

/** Edits a section's numeral and title. */
export function SectionEditForm({ section }: { section: { id: number; numeral: string; title: string } }) {
  const [state, action, pending] = useActionState(updateSectionAction, INITIAL_STATE);
  const errors = state.fieldErrors ?? {};
  const id = `section-${section.id}`;
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="sectionId" value={section.id} />
      <div className="grid gap-3 sm:grid-cols-[8rem_1fr]">
        <Field id={`${id}-numeral`} label="Số mục" errors={errors.numeral}>
          {(aria) => (
            <input
              {...aria}
              name="numeral"
              maxLength={PROGRAMME_LIMITS.sectionNumeral}
              defaultValue={state.fields?.numeral ?? section.numeral}
              className={inputClass}
            />
          )}
        </Field>
        <Field id={`${id}-title`} label="Tên mục" errors={errors.title}>
          {(aria) => (
            <input
              {...aria}
              name="title"
              maxLength={PROGRAMME_LIMITS.sectionTitle}
              defaultValue={state.fields?.title ?? section.title}
              className={inputClass}
            />
          )}
        </Field>
      </div>
      <FormMessage ok={state.ok} message={state.message} />
      <button type="submit" disabled={pending} className={secondaryButton}>
        {pending ? 'Đang lưu…' : 'Lưu mục'}
      </button>
    </form>
  );
}
