'use client';

import { useActionState } from 'react';
import { Field, FormMessage, inputClass } from '@/components/forms/field';
import { INITIAL_STATE } from '@/lib/action-state';
import { createProgrammeAction, updateProgrammeAction } from '@/lib/actions/admin-programmes';
import { formatDateVn } from '@/lib/domain/time';
import { PROGRAMME_LIMITS } from '@/lib/validation/programme-limits';
import { primaryButton } from './styles';

type Programme = {
  id: number;
  title: string;
  documentNumber: string | null;
  issuingBody: string;
  issuedOn: string | null;
  summary: string | null;
  periodStart: string | null;
  periodEnd: string | null;
};

/** The source document's fields: create a programme, or edit one (`programme` given). */
export function ProgrammeForm({
  programme,
  defaultIssuingBody = '',
}: {
  programme?: Programme;
  defaultIssuingBody?: string;
}) {
  const [state, action, pending] = useActionState(
    programme ? updateProgrammeAction : createProgrammeAction,
    INITIAL_STATE,
  );
  const errors = state.fieldErrors ?? {};
  const initial: Record<string, string> = {
    title: programme?.title ?? '',
    documentNumber: programme?.documentNumber ?? '',
    issuingBody: programme?.issuingBody ?? defaultIssuingBody,
    issuedOn: programme?.issuedOn ? formatDateVn(programme.issuedOn) : '',
    summary: programme?.summary ?? '',
    periodStart: programme?.periodStart ? formatDateVn(programme.periodStart) : '',
    periodEnd: programme?.periodEnd ? formatDateVn(programme.periodEnd) : '',
  };
  const value = (name: string) => state.fields?.[name] ?? initial[name] ?? '';
  const date = (name: string, label: string) => (
    <Field id={name} label={label} hint="dd/mm/yyyy" errors={errors[name]}>
      {(aria) => (
        <input
          {...aria}
          name={name}
          inputMode="numeric"
          placeholder="dd/mm/yyyy"
          defaultValue={value(name)}
          className={`${inputClass} sm:w-44`}
        />
      )}
    </Field>
  );
  return (
    <form action={action} className="space-y-4" noValidate>
      {programme ? <input type="hidden" name="programmeId" value={programme.id} /> : null}
      <Field
        id="title"
        label="Tên chương trình"
        hint="Ví dụ: Kế hoạch cải cách hành chính năm 2027."
        errors={errors.title}
      >
        {(aria) => (
          <input
            {...aria}
            name="title"
            maxLength={PROGRAMME_LIMITS.title}
            defaultValue={value('title')}
            className={inputClass}
          />
        )}
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          id="documentNumber"
          label="Số, ký hiệu văn bản"
          hint="Ví dụ: 1234/UBND-NV"
          errors={errors.documentNumber}
        >
          {(aria) => (
            <input
              {...aria}
              name="documentNumber"
              maxLength={PROGRAMME_LIMITS.documentNumber}
              defaultValue={value('documentNumber')}
              className={inputClass}
            />
          )}
        </Field>
        <Field id="issuingBody" label="Cơ quan ban hành" errors={errors.issuingBody}>
          {(aria) => (
            <input
              {...aria}
              name="issuingBody"
              maxLength={PROGRAMME_LIMITS.issuingBody}
              defaultValue={value('issuingBody')}
              className={inputClass}
            />
          )}
        </Field>
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        {date('issuedOn', 'Ngày ban hành')}
        {date('periodStart', 'Thực hiện từ ngày')}
        {date('periodEnd', 'Đến ngày')}
      </div>
      <Field id="summary" label="Trích yếu" errors={errors.summary}>
        {(aria) => (
          <textarea
            {...aria}
            name="summary"
            rows={3}
            maxLength={PROGRAMME_LIMITS.summary}
            defaultValue={value('summary')}
            className={inputClass}
          />
        )}
      </Field>
      <FormMessage ok={state.ok} message={state.message} />
      <button type="submit" disabled={pending} className={primaryButton}>
        {pending ? 'Đang lưu…' : programme ? 'Lưu thông tin văn bản' : 'Tạo chương trình'}
      </button>
    </form>
  );
}
