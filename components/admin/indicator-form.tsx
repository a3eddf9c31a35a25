'use client';

import { useActionState } from 'react';
import { Field, FormMessage, inputClass } from '@/components/forms/field';
import { INITIAL_STATE } from '@/lib/action-state';
import { createIndicatorAction, updateIndicatorAction } from '@/lib/actions/admin-indicators';
import { FAN_OUT_GROUP_LABELS, FAN_OUT_GROUPS } from '@/lib/domain/fan-out';
import { REFORM_AREA_LABELS, UNIT_KIND_LABELS } from '@/lib/domain/labels';
import { RECURRENCE_LABELS } from '@/lib/domain/periods';
import { DIRECTION_LABELS } from '@/lib/domain/targets';
import {
  INDICATOR_DIRECTIONS,
  INDICATOR_LIMITS,
  INDICATOR_PERIODS,
  TARGET_ROWS,
} from '@/lib/validation/indicator-limits';
import { REFORM_AREAS } from '@/lib/validation/programme-limits';
import { primaryButton } from './styles';
import { UnitOptions } from './task-form';

type Section = { id: number; numeral: string; title: string };
type Unit = { id: number; name: string; kind: keyof typeof UNIT_KIND_LABELS };
type Indicator = {
  id: number;
  code: string;
  name: string;
  text: string;
  reformArea: string;
  measureUnit: string;
  direction: string;
  baselineValue: number | null;
  baselineYear: number | null;
  recurrence: string;
  targets: { year: number; value: number }[];
};

/** A number as typed in Vietnamese (decimal comma). */
const typed = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n).replace('.', ','));

/**
 * An indicator's fields (decision 023). Creating also says where its reporting task goes (a
 * section of the programme) and who reports it: one unit and/or a whole group; the task's page
 * adds or removes units afterwards.
 */
export function IndicatorForm({
  indicator,
  programmeId,
  sections = [],
  units = [],
}: {
  indicator?: Indicator;
  programmeId: number;
  sections?: Section[];
  units?: Unit[];
}) {
  const [state, action, pending] = useActionState(
    indicator ? updateIndicatorAction : createIndicatorAction,
    INITIAL_STATE,
  );
  const errors = state.fieldErrors ?? {};
  const initial: Record<string, string> = {
    sectionId: String(sections.at(-1)?.id ?? ''),
    code: indicator?.code ?? '',
    name: indicator?.name ?? '',
    text: indicator?.text ?? '',
    reformArea: indicator?.reformArea ?? '',
    measureUnit: indicator?.measureUnit ?? '%',
    direction: indicator?.direction ?? 'HIGHER_IS_BETTER',
    baselineValue: typed(indicator?.baselineValue),
    baselineYear: indicator?.baselineYear ? String(indicator.baselineYear) : '',
    recurrence: indicator?.recurrence ?? 'HALF_YEARLY',
    reporterUnitId: '',
    reporterGroup: '',
  };
  const targets = indicator?.targets ?? [
    { year: 2025, value: null },
    { year: 2030, value: null },
  ];
  for (let i = 0; i < TARGET_ROWS; i++) {
    initial[`targetYear${i + 1}`] = targets[i] ? String(targets[i]!.year) : '';
    initial[`targetValue${i + 1}`] = typed(targets[i]?.value);
  }
  const value = (name: string) => (state.fields ? (state.fields[name] ?? '') : (initial[name] ?? ''));
  const id = (name: string) => `indicator-${name}`;
  const select = (name: string, options: React.ReactNode) => (
    <Field id={id(name)} label={LABELS[name]!} errors={errors[name]}>
      {(aria) => (
        <select key={value(name)} name={name} defaultValue={value(name)} {...aria} className={inputClass}>
          {options}
        </select>
      )}
    </Field>
  );
  return (
    <form action={action} className="space-y-4" noValidate>
      {indicator ? (
        <input type="hidden" name="indicatorId" value={indicator.id} />
      ) : (
        <input type="hidden" name="programmeId" value={programmeId} />
      )}
      <div className="grid gap-4 sm:grid-cols-[10rem_1fr]">
        <Field id={id('code')} label="Mã chỉ tiêu" hint="Không trùng, ví dụ NQ76-DVC-06." errors={errors.code}>
          {(aria) => (
            <input
              {...aria}
              name="code"
              maxLength={INDICATOR_LIMITS.code}
              defaultValue={value('code')}
              className={inputClass}
            />
          )}
        </Field>
        <Field id={id('name')} label="Tên chỉ tiêu" errors={errors.name}>
          {(aria) => (
            <input
              {...aria}
              name="name"
              maxLength={INDICATOR_LIMITS.name}
              defaultValue={value('name')}
              className={inputClass}
            />
          )}
        </Field>
      </div>
      <Field
        id={id('text')}
        label="Nội dung, căn cứ"
        hint="Nguyên văn chỉ tiêu trong văn bản; bỏ trống để dùng câu mặc định."
        errors={errors.text}
      >
        {(aria) => (
          <textarea
            {...aria}
            name="text"
            rows={3}
            maxLength={INDICATOR_LIMITS.text}
            defaultValue={value('text')}
            className={inputClass}
          />
        )}
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        {select(
          'reformArea',
          <>
            <option value="">— Chọn lĩnh vực —</option>
            {REFORM_AREAS.map((r) => (
              <option key={r} value={r}>
                {REFORM_AREA_LABELS[r]}
              </option>
            ))}
          </>,
        )}
        {select(
          'recurrence',
          INDICATOR_PERIODS.map((r) => (
            <option key={r} value={r}>
              {RECURRENCE_LABELS[r]}
            </option>
          )),
        )}
      </div>
      <div className="grid gap-4 sm:grid-cols-4">
        <Field id={id('measureUnit')} label="Đơn vị tính" hint="%, hồ sơ, ngày…" errors={errors.measureUnit}>
          {(aria) => (
            <input
              {...aria}
              name="measureUnit"
              maxLength={INDICATOR_LIMITS.measureUnit}
              defaultValue={value('measureUnit')}
              className={inputClass}
            />
          )}
        </Field>
        {select(
          'direction',
          INDICATOR_DIRECTIONS.map((d) => (
            <option key={d} value={d}>
              {DIRECTION_LABELS[d]}
            </option>
          )),
        )}
        <Field id={id('baselineValue')} label="Giá trị cơ sở" hint="Ví dụ 32 hoặc 32,5." errors={errors.baselineValue}>
          {(aria) => (
            <input
              {...aria}
              name="baselineValue"
              inputMode="decimal"
              defaultValue={value('baselineValue')}
              className={inputClass}
            />
          )}
        </Field>
        <Field id={id('baselineYear')} label="Năm cơ sở" errors={errors.baselineYear}>
          {(aria) => (
            <input
              {...aria}
              name="baselineYear"
              inputMode="numeric"
              defaultValue={value('baselineYear')}
              className={inputClass}
            />
          )}
        </Field>
      </div>
      <fieldset className="rounded-md border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium">Mục tiêu theo năm (giá trị phải đạt đến cuối năm)</legend>
        <div className="grid gap-3 sm:grid-cols-2">
          {Array.from({ length: TARGET_ROWS }, (_, i) => i + 1).map((n) => (
            <div key={n} className="grid grid-cols-2 gap-2">
              <Field id={id(`targetYear${n}`)} label={`Năm (mục tiêu ${n})`} errors={errors[`targetYear${n}`]}>
                {(aria) => (
                  <input
                    {...aria}
                    name={`targetYear${n}`}
                    inputMode="numeric"
                    defaultValue={value(`targetYear${n}`)}
                    className={inputClass}
                  />
                )}
              </Field>
              <Field id={id(`targetValue${n}`)} label={`Giá trị (mục tiêu ${n})`} errors={errors[`targetValue${n}`]}>
                {(aria) => (
                  <input
                    {...aria}
                    name={`targetValue${n}`}
                    inputMode="decimal"
                    defaultValue={value(`targetValue${n}`)}
                    className={inputClass}
                  />
                )}
              </Field>
            </div>
          ))}
        </div>
      </fieldset>
      {indicator ? null : (
        <fieldset className="grid gap-4 rounded-md border border-slate-200 p-3 sm:grid-cols-3">
          <legend className="px-1 text-sm font-medium">Nhiệm vụ báo cáo và đơn vị báo cáo</legend>
          {select(
            'sectionId',
            sections.map((s) => (
              <option key={s.id} value={s.id}>
                {s.numeral ? `${s.numeral}. ` : ''}
                {s.title}
              </option>
            )),
          )}
          {select(
            'reporterUnitId',
            <>
              <option value="">— Không chọn riêng —</option>
              <UnitOptions units={units} />
            </>,
          )}
          {select(
            'reporterGroup',
            <>
              <option value="">— Không —</option>
              {FAN_OUT_GROUPS.map((g) => (
                <option key={g} value={g}>
                  {FAN_OUT_GROUP_LABELS[g]}
                </option>
              ))}
            </>,
          )}
        </fieldset>
      )}
      <FormMessage ok={state.ok} message={state.message} />
      <button type="submit" disabled={pending} className={primaryButton}>
        {pending ? 'Đang lưu…' : indicator ? 'Lưu chỉ tiêu' : 'Thêm chỉ tiêu'}
      </button>
    </form>
  );
}

const LABELS: Record<string, string> = {
  reformArea: 'Lĩnh vực cải cách',
  recurrence: 'Kỳ báo cáo (Nghị định 09/2019)',
  direction: 'Chiều đánh giá',
  sectionId: 'Thuộc mục',
  reporterUnitId: 'Đơn vị báo cáo',
  reporterGroup: 'Hoặc cả nhóm đơn vị',
};
