'use client';

import { useActionState } from 'react';
import { Field, FormMessage, inputClass } from '@/components/forms/field';
import { INITIAL_STATE } from '@/lib/action-state';
import { createTaskAction, updateTaskAction } from '@/lib/actions/admin-programmes';
import { FAN_OUT_GROUP_LABELS, FAN_OUT_GROUPS } from '@/lib/domain/fan-out';
import { REFORM_AREA_LABELS, UNIT_KIND_LABELS } from '@/lib/domain/labels';
import { RECURRENCE_LABELS } from '@/lib/domain/periods';
import { formatDateVn } from '@/lib/domain/time';
import { RECURRENCES } from '@/lib/domain/periods';
import { PROGRAMME_LIMITS, REFORM_AREAS } from '@/lib/validation/programme-limits';
import { primaryButton } from './styles';

type Section = { id: number; numeral: string; title: string };
type Unit = { id: number; name: string; kind: keyof typeof UNIT_KIND_LABELS };
type Task = {
  id: number;
  sectionId: number;
  number: string;
  title: string;
  text: string;
  reformArea: string | null;
  dueDate: string | null;
  recurrence: string;
  evidenceRequired: boolean;
};

/** Units grouped by kind for a <select>. */
export function UnitOptions({ units }: { units: Unit[] }) {
  const kinds = [...new Set(units.map((u) => u.kind))];
  return (
    <>
      {kinds.map((kind) => (
        <optgroup key={kind} label={UNIT_KIND_LABELS[kind]}>
          {units
            .filter((u) => u.kind === kind)
            .map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
        </optgroup>
      ))}
    </>
  );
}

/**
 * A task's own fields. Creating (`programmeId`, `units`) also says who it goes to in one step: a
 * lead unit and/or a whole group; the assignment table on the task's page refines it.
 */
export function TaskForm({
  task,
  programmeId,
  sections,
  units = [],
  defaultSectionId,
}: {
  task?: Task;
  programmeId: number;
  sections: Section[];
  units?: Unit[];
  defaultSectionId?: number;
}) {
  const [state, action, pending] = useActionState(task ? updateTaskAction : createTaskAction, INITIAL_STATE);
  const errors = state.fieldErrors ?? {};
  const initial: Record<string, string> = {
    sectionId: String(task?.sectionId ?? defaultSectionId ?? sections[0]?.id ?? ''),
    number: task?.number ?? '',
    title: task?.title ?? '',
    text: task?.text ?? '',
    reformArea: task?.reformArea ?? '',
    dueDate: task?.dueDate ? formatDateVn(task.dueDate) : '',
    recurrence: task?.recurrence ?? 'ONCE',
    evidenceRequired: task ? (task.evidenceRequired ? 'on' : '') : 'on',
    leadUnitId: '',
    collective: '',
  };
  // After a refused submit the form shows what was sent; an unticked checkbox sends nothing.
  const value = (name: string) => (state.fields ? (state.fields[name] ?? '') : (initial[name] ?? ''));
  const id = (name: string) => `task-${name}`;
  return (
    <form action={action} className="space-y-4" noValidate>
      {task ? (
        <input type="hidden" name="taskId" value={task.id} />
      ) : (
        <input type="hidden" name="programmeId" value={programmeId} />
      )}
      <div className="grid gap-4 sm:grid-cols-[1fr_8rem]">
        <Field id={id('sectionId')} label="Thuộc mục" errors={errors.sectionId}>
          {(aria) => (
            <select
              key={value('sectionId')}
              name="sectionId"
              defaultValue={value('sectionId')}
              {...aria}
              className={inputClass}
            >
              {sections.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.numeral ? `${s.numeral}. ` : ''}
                  {s.title}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={id('number')} label="Số thứ tự" hint="Như trong văn bản: 1, 2, a…" errors={errors.number}>
          {(aria) => (
            <input
              {...aria}
              name="number"
              maxLength={PROGRAMME_LIMITS.taskNumber}
              defaultValue={value('number')}
              className={inputClass}
            />
          )}
        </Field>
      </div>
      <Field id={id('title')} label="Tên nhiệm vụ" hint="Ngắn gọn, hiện trong danh sách." errors={errors.title}>
        {(aria) => (
          <input
            {...aria}
            name="title"
            maxLength={PROGRAMME_LIMITS.taskTitle}
            defaultValue={value('title')}
            className={inputClass}
          />
        )}
      </Field>
      <Field id={id('text')} label="Nội dung nhiệm vụ" hint="Nguyên văn trong văn bản chỉ đạo." errors={errors.text}>
        {(aria) => (
          <textarea
            {...aria}
            name="text"
            rows={6}
            maxLength={PROGRAMME_LIMITS.taskText}
            defaultValue={value('text')}
            className={inputClass}
          />
        )}
      </Field>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field id={id('recurrence')} label="Tính chất" errors={errors.recurrence}>
          {(aria) => (
            <select
              key={value('recurrence')}
              name="recurrence"
              defaultValue={value('recurrence')}
              {...aria}
              className={inputClass}
            >
              {RECURRENCES.map((r) => (
                <option key={r} value={r}>
                  {RECURRENCE_LABELS[r]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id={id('dueDate')}
          label="Thời hạn"
          hint="dd/mm/yyyy; bỏ trống nếu định kỳ hoặc không thời hạn."
          errors={errors.dueDate}
        >
          {(aria) => (
            <input
              {...aria}
              name="dueDate"
              inputMode="numeric"
              placeholder="dd/mm/yyyy"
              defaultValue={value('dueDate')}
              className={inputClass}
            />
          )}
        </Field>
        <Field id={id('reformArea')} label="Lĩnh vực cải cách" errors={errors.reformArea}>
          {(aria) => (
            <select
              key={value('reformArea')}
              name="reformArea"
              defaultValue={value('reformArea')}
              {...aria}
              className={inputClass}
            >
              <option value="">— Không xếp lĩnh vực —</option>
              {REFORM_AREAS.map((r) => (
                <option key={r} value={r}>
                  {REFORM_AREA_LABELS[r]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input
          key={value('evidenceRequired')}
          type="checkbox"
          name="evidenceRequired"
          defaultChecked={value('evidenceRequired') === 'on'}
          className="size-4 accent-red-700"
        />
        Báo cáo hoàn thành phải có tài liệu kiểm chứng
      </label>
      {task ? null : (
        <fieldset className="grid gap-4 rounded-md border border-slate-200 p-3 sm:grid-cols-2">
          <legend className="px-1 text-sm font-medium">Giao cho</legend>
          <Field id={id('leadUnitId')} label="Đơn vị chủ trì" errors={errors.leadUnitId}>
            {(aria) => (
              <select
                key={value('leadUnitId')}
                name="leadUnitId"
                defaultValue={value('leadUnitId')}
                {...aria}
                className={inputClass}
              >
                <option value="">— Không có —</option>
                <UnitOptions units={units} />
              </select>
            )}
          </Field>
          <Field
            id={id('collective')}
            label="Các đơn vị cùng thực hiện"
            hint="Mỗi đơn vị của nhóm nhận một nhiệm vụ và báo cáo."
            errors={errors.collective}
          >
            {(aria) => (
              <select
                key={value('collective')}
                name="collective"
                defaultValue={value('collective')}
                {...aria}
                className={inputClass}
              >
                <option value="">— Không —</option>
                {FAN_OUT_GROUPS.map((g) => (
                  <option key={g} value={g}>
                    {FAN_OUT_GROUP_LABELS[g]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </fieldset>
      )}
      <FormMessage ok={state.ok} message={state.message} />
      <button type="submit" disabled={pending} className={primaryButton}>
        {pending ? 'Đang lưu…' : task ? 'Lưu nhiệm vụ' : 'Thêm nhiệm vụ'}
      </button>
    </form>
  );
}
