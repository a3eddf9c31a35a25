'use client';

import { useActionState } from 'react';
import { ErrorList, Field, FormMessage, inputClass } from '@/components/forms/field';
import { INITIAL_STATE } from '@/lib/action-state';
import {
  createUnitAction,
  deactivateUnitAction,
  mergeUnitsAction,
  splitUnitAction,
  updateUnitAction,
} from '@/lib/actions/admin-units';
import { UNIT_KIND_LABELS } from '@/lib/domain/labels';
import { formatDateVn } from '@/lib/domain/time';
import { UNIT_KINDS, UNIT_LIMITS } from '@/lib/validation/unit-limits';
import { dangerButton, primaryButton } from './styles';

type Unit = {
  id: number;
  code: string;
  name: string;
  shortName: string | null;
  kind: (typeof UNIT_KINDS)[number];
  validFrom: string;
};
type UnitOption = { id: number; name: string; kind: (typeof UNIT_KINDS)[number] };

function KindSelect({
  name,
  value,
  aria,
}: {
  name: string;
  value: string;
  aria: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string };
}) {
  return (
    <select key={value} name={name} {...aria} defaultValue={value} className={inputClass}>
      <option value="">— Chọn —</option>
      {UNIT_KINDS.map((k) => (
        <option key={k} value={k}>
          {UNIT_KIND_LABELS[k]}
        </option>
      ))}
    </select>
  );
}

/** Create a unit, or edit one (`unit` given). */
export function UnitForm({ unit }: { unit?: Unit }) {
  const [state, action, pending] = useActionState(unit ? updateUnitAction : createUnitAction, INITIAL_STATE);
  const errors = state.fieldErrors ?? {};
  const initial: Record<string, string> = {
    code: unit?.code ?? '',
    name: unit?.name ?? '',
    shortName: unit?.shortName ?? '',
    kind: unit?.kind ?? '',
    validFrom: unit ? formatDateVn(unit.validFrom) : '',
  };
  const value = (n: string) => state.fields?.[n] ?? initial[n] ?? '';
  return (
    <form action={action} className="space-y-4" noValidate>
      {unit ? <input type="hidden" name="unitId" value={unit.id} /> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="unit-name" label="Tên đơn vị" errors={errors.name}>
          {(aria) => (
            <input
              {...aria}
              name="name"
              maxLength={UNIT_LIMITS.name}
              defaultValue={value('name')}
              className={inputClass}
            />
          )}
        </Field>
        <Field
          id="unit-code"
          label="Mã đơn vị"
          hint="Chữ không dấu, số, gạch ngang; ví dụ P-THANHSEN."
          errors={errors.code}
        >
          {(aria) => (
            <input
              {...aria}
              name="code"
              maxLength={UNIT_LIMITS.code}
              defaultValue={value('code')}
              className={`${inputClass} uppercase`}
            />
          )}
        </Field>
        <Field
          id="unit-shortName"
          label="Tên viết tắt, tên gọi khác"
          hint="Giúp đọc văn bản chỉ đạo: ví dụ «Phòng VH-TT»."
          errors={errors.shortName}
        >
          {(aria) => (
            <input
              {...aria}
              name="shortName"
              maxLength={UNIT_LIMITS.shortName}
              defaultValue={value('shortName')}
              className={inputClass}
            />
          )}
        </Field>
        <Field id="unit-kind" label="Loại đơn vị" errors={errors.kind}>
          {(aria) => <KindSelect name="kind" value={value('kind')} aria={aria} />}
        </Field>
        <Field id="unit-validFrom" label="Hoạt động từ ngày" hint="dd/mm/yyyy" errors={errors.validFrom}>
          {(aria) => (
            <input
              {...aria}
              name="validFrom"
              inputMode="numeric"
              placeholder="dd/mm/yyyy"
              defaultValue={value('validFrom')}
              className={`${inputClass} sm:w-44`}
            />
          )}
        </Field>
      </div>
      <FormMessage ok={state.ok} message={state.message} />
      <button type="submit" disabled={pending} className={primaryButton}>
        {pending ? 'Đang lưu…' : unit ? 'Lưu đơn vị' : 'Thêm đơn vị'}
      </button>
    </form>
  );
}

/** The unit stops existing from a date (no successor). */
export function DeactivateUnitForm({ unitId, today }: { unitId: number; today: string }) {
  const [state, action, pending] = useActionState(deactivateUnitAction, INITIAL_STATE);
  return (
    <form
      action={action}
      onSubmit={(e) => {
        if (!window.confirm('Cho đơn vị thôi hoạt động?')) e.preventDefault();
      }}
      className="space-y-3"
      noValidate
    >
      <input type="hidden" name="unitId" value={unitId} />
      <Field
        id="deactivate-date"
        label="Thôi hoạt động từ ngày"
        hint="dd/mm/yyyy; từ ngày này đơn vị không còn."
        errors={state.fieldErrors?.effectiveDate}
      >
        {(aria) => (
          <input
            {...aria}
            name="effectiveDate"
            inputMode="numeric"
            placeholder="dd/mm/yyyy"
            defaultValue={state.fields?.effectiveDate ?? formatDateVn(today)}
            className={`${inputClass} sm:w-44`}
          />
        )}
      </Field>
      <FormMessage ok={state.ok} message={state.message} />
      <button type="submit" disabled={pending} className={dangerButton}>
        {pending ? 'Đang xử lý…' : 'Cho thôi hoạt động'}
      </button>
    </form>
  );
}

/** Two or more units end on a date and a new unit starts that day. */
export function MergeForm({ units, today }: { units: UnitOption[]; today: string }) {
  const [state, action, pending] = useActionState(mergeUnitsAction, INITIAL_STATE);
  const errors = state.fieldErrors ?? {};
  const chosen = new Set((state.fields?.predecessorIds ?? '').split(',').filter(Boolean));
  const value = (n: string, d = '') => state.fields?.[n] ?? d;
  const kinds = UNIT_KINDS.filter((k) => k !== 'LEADERSHIP' && units.some((u) => u.kind === k));
  return (
    <form action={action} className="space-y-4" noValidate>
      <fieldset aria-describedby="predecessorIds-error">
        <legend className="text-sm font-medium">Các đơn vị sáp nhập (chọn từ hai đơn vị)</legend>
        <div className="mt-2 grid gap-x-6 gap-y-1 sm:grid-cols-2 lg:grid-cols-3">
          {kinds.map((k) => (
            <div key={k}>
              <p className="text-xs font-semibold text-slate-500 uppercase">{UNIT_KIND_LABELS[k]}</p>
              {units
                .filter((u) => u.kind === k)
                .map((u) => (
                  <label key={u.id} className="flex items-center gap-2 text-sm">
                    <input
                      key={String(chosen.has(String(u.id)))}
                      type="checkbox"
                      name="predecessorIds"
                      value={u.id}
                      defaultChecked={chosen.has(String(u.id))}
                      className="size-4 accent-red-700"
                    />
                    {u.name}
                  </label>
                ))}
            </div>
          ))}
        </div>
        <ErrorList id="predecessorIds-error" errors={errors.predecessorIds} />
      </fieldset>
      <Field
        id="merge-date"
        label="Ngày có hiệu lực"
        hint="Các đơn vị cũ kết thúc và đơn vị mới bắt đầu từ ngày này (dd/mm/yyyy)."
        errors={errors.effectiveDate}
      >
        {(aria) => (
          <input
            {...aria}
            name="effectiveDate"
            inputMode="numeric"
            placeholder="dd/mm/yyyy"
            defaultValue={value('effectiveDate', formatDateVn(today))}
            className={`${inputClass} sm:w-44`}
          />
        )}
      </Field>
      <fieldset className="grid gap-4 rounded-md border border-slate-200 p-3 sm:grid-cols-2">
        <legend className="px-1 text-sm font-medium">Đơn vị mới</legend>
        <Field id="merge-name" label="Tên đơn vị mới" errors={errors.name}>
          {(aria) => (
            <input
              {...aria}
              name="name"
              maxLength={UNIT_LIMITS.name}
              defaultValue={value('name')}
              className={inputClass}
            />
          )}
        </Field>
        <Field id="merge-code" label="Mã đơn vị mới" errors={errors.code}>
          {(aria) => (
            <input
              {...aria}
              name="code"
              maxLength={UNIT_LIMITS.code}
              defaultValue={value('code')}
              className={`${inputClass} uppercase`}
            />
          )}
        </Field>
        <Field id="merge-kind" label="Loại đơn vị mới" errors={errors.kind}>
          {(aria) => <KindSelect name="kind" value={value('kind', 'WARD')} aria={aria} />}
        </Field>
        <Field id="merge-shortName" label="Tên viết tắt" errors={errors.shortName}>
          {(aria) => (
            <input
              {...aria}
              name="shortName"
              maxLength={UNIT_LIMITS.shortName}
              defaultValue={value('shortName')}
              className={inputClass}
            />
          )}
        </Field>
      </fieldset>
      <Field id="merge-note" label="Căn cứ (số nghị quyết, quyết định)" errors={errors.note}>
        {(aria) => (
          <input
            {...aria}
            name="note"
            maxLength={UNIT_LIMITS.note}
            defaultValue={value('note')}
            className={inputClass}
          />
        )}
      </Field>
      <label className="flex items-center gap-2 text-sm">
        <input
          key={String(state.fields ? state.fields.moveUsers === 'on' : true)}
          type="checkbox"
          name="moveUsers"
          defaultChecked={state.fields ? state.fields.moveUsers === 'on' : true}
          className="size-4 accent-red-700"
        />
        Chuyển người dùng của các đơn vị cũ sang đơn vị mới
      </label>
      <p className="text-sm text-slate-600">
        Nhiệm vụ đã hoàn thành giữ lại ở đơn vị cũ (vẫn được tính cho đơn vị đó); nhiệm vụ chưa hoàn thành chuyển sang
        đơn vị mới cùng báo cáo, tài liệu và gia hạn — mỗi nhiệm vụ một lần.
      </p>
      <FormMessage ok={state.ok} message={state.message} />
      <button type="submit" disabled={pending} className={primaryButton}>
        {pending ? 'Đang ghi nhận…' : 'Ghi nhận sáp nhập'}
      </button>
    </form>
  );
}

/** One unit ends and two or more new units start on a date. */
export function SplitForm({ units, today }: { units: UnitOption[]; today: string }) {
  const [state, action, pending] = useActionState(splitUnitAction, INITIAL_STATE);
  const errors = state.fieldErrors ?? {};
  const value = (n: string, d = '') => state.fields?.[n] ?? d;
  return (
    <form action={action} className="space-y-4" noValidate>
      <Field id="split-predecessor" label="Đơn vị chia tách" errors={errors.predecessorId}>
        {(aria) => (
          <select
            key={value('predecessorId')}
            name="predecessorId"
            defaultValue={value('predecessorId')}
            {...aria}
            className={inputClass}
          >
            <option value="">— Chọn —</option>
            {units
              .filter((u) => u.kind !== 'LEADERSHIP')
              .map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
          </select>
        )}
      </Field>
      <Field id="split-date" label="Ngày có hiệu lực" hint="dd/mm/yyyy" errors={errors.effectiveDate}>
        {(aria) => (
          <input
            {...aria}
            name="effectiveDate"
            inputMode="numeric"
            placeholder="dd/mm/yyyy"
            defaultValue={value('effectiveDate', formatDateVn(today))}
            className={`${inputClass} sm:w-44`}
          />
        )}
      </Field>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Các đơn vị mới (ít nhất hai)</legend>
        <ErrorList id="successors-error" errors={errors.successors} />
        {Array.from({ length: UNIT_LIMITS.splitRows }, (_, i) => (
          <div
            key={i}
            className="grid gap-2 rounded-md border border-slate-200 p-2 sm:grid-cols-[1fr_10rem_10rem_auto] sm:items-end"
          >
            <Field id={`split-${i}-name`} label={`Tên đơn vị mới ${i + 1}`} errors={errors[`successors.${i}.name`]}>
              {(aria) => (
                <input
                  {...aria}
                  name={`successors.${i}.name`}
                  defaultValue={value(`successors.${i}.name`)}
                  className={inputClass}
                />
              )}
            </Field>
            <Field id={`split-${i}-code`} label={`Mã ${i + 1}`} errors={errors[`successors.${i}.code`]}>
              {(aria) => (
                <input
                  {...aria}
                  name={`successors.${i}.code`}
                  defaultValue={value(`successors.${i}.code`)}
                  className={`${inputClass} uppercase`}
                />
              )}
            </Field>
            <Field id={`split-${i}-kind`} label={`Loại ${i + 1}`} errors={errors[`successors.${i}.kind`]}>
              {(aria) => (
                <KindSelect name={`successors.${i}.kind`} value={value(`successors.${i}.kind`, 'WARD')} aria={aria} />
              )}
            </Field>
            <label className="flex items-center gap-1 pb-2 text-sm">
              <input
                key={value('mainIndex', '0')}
                type="radio"
                name="mainIndex"
                value={i}
                defaultChecked={value('mainIndex', '0') === String(i)}
                className="size-4 accent-red-700"
              />
              Tiếp nhận hồ sơ
            </label>
          </div>
        ))}
        <ErrorList id="mainIndex-error" errors={errors.mainIndex} />
      </fieldset>
      <Field id="split-note" label="Căn cứ (số nghị quyết, quyết định)" errors={errors.note}>
        {(aria) => (
          <input
            {...aria}
            name="note"
            maxLength={UNIT_LIMITS.note}
            defaultValue={value('note')}
            className={inputClass}
          />
        )}
      </Field>
      <label className="flex items-center gap-2 text-sm">
        <input
          key={String(state.fields ? state.fields.moveUsers === 'on' : true)}
          type="checkbox"
          name="moveUsers"
          defaultChecked={state.fields ? state.fields.moveUsers === 'on' : true}
          className="size-4 accent-red-700"
        />
        Chuyển người dùng sang đơn vị tiếp nhận hồ sơ
      </label>
      <p className="text-sm text-slate-600">
        Nhiệm vụ đã hoàn thành giữ lại ở đơn vị cũ; nhiệm vụ chưa hoàn thành chuyển sang đơn vị tiếp nhận hồ sơ, và mỗi
        đơn vị mới khác nhận một nhiệm vụ tương ứng.
      </p>
      <FormMessage ok={state.ok} message={state.message} />
      <button type="submit" disabled={pending} className={primaryButton}>
        {pending ? 'Đang ghi nhận…' : 'Ghi nhận chia tách'}
      </button>
    </form>
  );
}
