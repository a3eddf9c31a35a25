'use client';

import { FilePicker } from '@/components/forms/file-picker';
import { memo, useActionState, useReducer, useRef, useState, useTransition } from 'react';
import { ErrorList, FormMessage, inputClass } from '@/components/forms/field';
import { INITIAL_STATE, type ActionState } from '@/lib/action-state';
import { analyzeDirectiveAction, importProgrammeAction } from '@/lib/actions/admin-import';
import { taskTitle } from '@/lib/domain/directive/text-utils';
import { FAN_OUT_GROUP_LABELS, FAN_OUT_GROUPS, type FanOutGroup } from '@/lib/domain/fan-out';
import { ASSIGNMENT_ROLE_LABELS, REFORM_AREA_LABELS, UNIT_KIND_LABELS } from '@/lib/domain/labels';
import { RECURRENCE_LABELS, RECURRENCES } from '@/lib/domain/periods';
import { PROGRAMME_LIMITS, REFORM_AREAS, utf8Length } from '@/lib/validation/programme-limits';
import type {
  ImportDraft,
  FieldCheck,
  FieldConfidence,
  Proposal,
  ProposalRef,
  ProposalSection,
  ProposalTask,
} from '@/lib/validation/programme';
import { formatBytes } from '@/lib/format';
import { dangerButton, primaryButton, secondaryButton, smallButton } from './styles';

type RegistryUnit = { code: string; name: string; kind: string };
type Draft = Proposal & { units: RegistryUnit[] };
type Errors = Record<string, string[] | undefined>;

// ---------------------------------------------------------------------------------------------
// The proposal's state: a reducer, so each task card gets a stable `dispatch` and re-renders only
// when its own task changes (a thousand-task grid must stay usable while typing).

type Action =
  | { type: 'programme'; field: keyof Draft['programme']; value: string }
  | { type: 'section'; s: number; field: 'numeral' | 'title'; value: string }
  | { type: 'task'; s: number; t: number; patch: Partial<ProposalTask> }
  | { type: 'moveTask'; s: number; t: number; dir: -1 | 1 }
  | { type: 'mergeTask'; s: number; t: number }
  | { type: 'splitTask'; s: number; t: number; at: number; key: string }
  | { type: 'removeTask'; s: number; t: number }
  | { type: 'addTask'; s: number; key: string }
  | { type: 'addSection'; key: string }
  | { type: 'moveSection'; s: number; dir: -1 | 1 }
  | { type: 'removeSection'; s: number }
  | { type: 'renumber'; s: number };

function withSection(d: Draft, s: number, f: (sec: ProposalSection) => ProposalSection): Draft {
  return { ...d, sections: d.sections.map((sec, i) => (i === s ? f(sec) : sec)) };
}

function swap<T>(list: T[], i: number, j: number): T[] {
  if (j < 0 || j >= list.length) return list;
  const out = [...list];
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}

function blankTask(key: string, number: string): ProposalTask {
  return {
    key,
    number,
    title: '',
    text: '',
    reformArea: '',
    dueDate: '',
    recurrence: 'ONCE',
    evidenceRequired: true,
    lead: null,
    coordinators: [],
    coordinatingGroup: null,
    collective: null,
    refs: [],
    deadlineText: null,
    deadlineKind: null,
    review: null,
  };
}

const FIELD_NAMES = { lead: 'Chủ trì', coordinators: 'Phối hợp', dueDate: 'Thời hạn' } as const;
type CheckedField = keyof typeof FIELD_NAMES;

/** The fields of a task the parser is unsure of, in the card's order. */
function unsureFields(task: ProposalTask): CheckedField[] {
  const r = task.review;
  if (!r) return [];
  return (['lead', 'coordinators', 'dueDate'] as const).filter((f) => isUnsure(r[f]));
}

/** A field the reviewer changed is theirs now: no longer flagged as the parser's guess. */
function reviewed(task: ProposalTask, patch: Partial<ProposalTask>): Partial<ProposalTask> {
  if (!task.review) return patch;
  const done: FieldCheck = { level: 'NONE', note: 'Đã sửa khi rà soát' };
  const review = { ...task.review };
  let changed = false;
  if ('lead' in patch || 'collective' in patch) {
    review.lead = done;
    changed = true;
  }
  if ('coordinators' in patch || 'coordinatingGroup' in patch) {
    review.coordinators = done;
    changed = true;
  }
  if ('dueDate' in patch || 'recurrence' in patch) {
    review.dueDate = done;
    changed = true;
  }
  return changed ? { ...patch, review } : patch;
}

/** "1, 2, 3 …": the section's numbers are a plain count, so they can be redone after a split. */
function isPlainCount(tasks: ProposalTask[]): boolean {
  return tasks.every((t, i) => t.number === String(i + 1));
}

function renumbered(tasks: ProposalTask[]): ProposalTask[] {
  return tasks.map((t, i) => ({ ...t, number: String(i + 1) }));
}

/** Where to split a task's text: at the cursor, else at the last paragraph break. */
function splitPoint(text: string, at: number): number | null {
  if (at > 0 && at < text.length && text.slice(0, at).trim() && text.slice(at).trim()) return at;
  const para = text.lastIndexOf('\n');
  return para > 0 && text.slice(para).trim() ? para : null;
}

function reducer(d: Draft | null, a: Action | { type: 'load'; draft: Draft | null }): Draft | null {
  if (a.type === 'load') return a.draft;
  if (!d) return d;
  switch (a.type) {
    case 'programme':
      return { ...d, programme: { ...d.programme, [a.field]: a.value } };
    case 'section':
      return withSection(d, a.s, (sec) => ({ ...sec, [a.field]: a.value }));
    case 'task':
      return withSection(d, a.s, (sec) => ({
        ...sec,
        tasks: sec.tasks.map((t, j) => (j === a.t ? { ...t, ...a.patch } : t)),
      }));
    case 'moveTask': {
      const sec = d.sections[a.s]!;
      const target = a.t + a.dir;
      if (target >= 0 && target < sec.tasks.length)
        return withSection(d, a.s, (x) => ({ ...x, tasks: swap(x.tasks, a.t, target) }));
      // Past the end of its section: into the neighbouring section.
      const other = a.s + a.dir;
      if (other < 0 || other >= d.sections.length) return d;
      const task = sec.tasks[a.t]!;
      const sections = d.sections.map((x, i) => {
        if (i === a.s) return { ...x, tasks: x.tasks.filter((_, j) => j !== a.t) };
        if (i === other) return { ...x, tasks: a.dir === 1 ? [task, ...x.tasks] : [...x.tasks, task] };
        return x;
      });
      return { ...d, sections };
    }
    case 'mergeTask': {
      if (a.t === 0) return d;
      return withSection(d, a.s, (sec) => {
        const prev = sec.tasks[a.t - 1]!;
        const cur = sec.tasks[a.t]!;
        const merged: ProposalTask = {
          ...prev,
          text: `${prev.text}\n${cur.text}`.trim(),
          lead: prev.lead ?? cur.lead,
          coordinators: [...new Set([...prev.coordinators, ...cur.coordinators])].filter(
            (c) => c !== (prev.lead ?? cur.lead),
          ),
          coordinatingGroup: prev.coordinatingGroup ?? cur.coordinatingGroup,
          collective: prev.collective ?? cur.collective,
          dueDate: prev.dueDate || cur.dueDate,
          deadlineText: prev.deadlineText ?? cur.deadlineText,
          refs: [...prev.refs, ...cur.refs],
        };
        const tasks = sec.tasks.filter((_, j) => j !== a.t).map((t, j) => (j === a.t - 1 ? merged : t));
        return { ...sec, tasks: isPlainCount(sec.tasks) ? renumbered(tasks) : tasks };
      });
    }
    case 'splitTask':
      return withSection(d, a.s, (sec) => {
        const cur = sec.tasks[a.t]!;
        const at = splitPoint(cur.text, a.at);
        if (at === null) return sec;
        const before = cur.text.slice(0, at).trim();
        const after = cur.text.slice(at).trim();
        const next: ProposalTask = {
          ...cur,
          key: a.key,
          number: `${cur.number}b`,
          title: taskTitle(after).slice(0, PROGRAMME_LIMITS.taskTitle),
          text: after,
          dueDate: '',
          deadlineText: null,
          deadlineKind: null,
          review: null,
          refs: [],
        };
        const tasks = [...sec.tasks.slice(0, a.t), { ...cur, text: before }, next, ...sec.tasks.slice(a.t + 1)];
        return { ...sec, tasks: isPlainCount(sec.tasks) ? renumbered(tasks) : tasks };
      });
    case 'removeTask':
      return withSection(d, a.s, (sec) => ({ ...sec, tasks: sec.tasks.filter((_, j) => j !== a.t) }));
    case 'addTask':
      return withSection(d, a.s, (sec) => ({
        ...sec,
        tasks: [...sec.tasks, blankTask(a.key, String(sec.tasks.length + 1))],
      }));
    case 'addSection':
      return { ...d, sections: [...d.sections, { key: a.key, numeral: '', title: '', tasks: [] }] };
    case 'moveSection':
      return { ...d, sections: swap(d.sections, a.s, a.s + a.dir) };
    case 'removeSection':
      return { ...d, sections: d.sections.filter((_, i) => i !== a.s) };
    case 'renumber':
      return withSection(d, a.s, (sec) => ({ ...sec, tasks: renumbered(sec.tasks) }));
  }
}

/** What is posted: the proposal without what only the grid needs (keys, how units were read). */
function payload(d: Draft): ImportDraft {
  return {
    programme: d.programme,
    sourceText: d.sourceText,
    sections: d.sections.map((s) => ({
      numeral: s.numeral,
      title: s.title,
      tasks: s.tasks.map((t) => ({
        number: t.number,
        title: t.title,
        text: t.text,
        reformArea: t.reformArea,
        dueDate: t.dueDate,
        recurrence: t.recurrence,
        evidenceRequired: t.evidenceRequired,
        lead: t.lead,
        coordinators: t.coordinators,
        coordinatingGroup: t.coordinatingGroup,
        collective: t.collective,
      })),
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Pieces of the grid

const CHECK_STYLES: Record<FieldConfidence, string> = {
  EXACT: 'text-emerald-800',
  FUZZY: 'rounded bg-amber-50 px-1 text-amber-900',
  MISSING: 'rounded bg-red-50 px-1 text-red-800',
  NONE: 'text-slate-500',
};
const CHECK_LABELS: Record<FieldConfidence, string> = {
  EXACT: '✓ Khớp chính xác',
  FUZZY: '⚠ Cần kiểm tra',
  MISSING: '✗ Không tìm thấy',
  NONE: '',
};

/** A field the parser is unsure of: it needs the reviewer's eye. */
export function isUnsure(check: FieldCheck | undefined | null): check is FieldCheck {
  return check?.level === 'FUZZY' || check?.level === 'MISSING';
}

function GridField({
  id,
  label,
  errors,
  check,
  className = '',
  children,
}: {
  id: string;
  label: React.ReactNode;
  errors?: string[];
  /** The parser's confidence in the value it proposed, shown under the field. */
  check?: FieldCheck | null;
  className?: string;
  children: (aria: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => React.ReactNode;
}) {
  const unsure = isUnsure(check);
  const describedBy = [errors?.length ? `${id}-error` : '', check && check.note ? `${id}-check` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={className} data-confidence={check?.level}>
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">
        {label}
      </label>
      <div className={`mt-0.5 ${unsure ? 'rounded-md ring-2 ring-amber-400' : ''}`}>
        {children({
          id,
          'aria-invalid': errors?.length ? true : undefined,
          'aria-describedby': describedBy || undefined,
        })}
      </div>
      {check && check.note ? (
        <p id={`${id}-check`} className={`mt-0.5 text-xs ${CHECK_STYLES[check.level]}`}>
          {CHECK_LABELS[check.level] ? `${CHECK_LABELS[check.level]}: ` : ''}
          {check.note}
        </p>
      ) : null}
      <ErrorList id={`${id}-error`} errors={errors} />
    </div>
  );
}

function UnitSelect({
  units,
  value,
  onChange,
  id,
  empty,
  ...aria
}: {
  units: RegistryUnit[];
  value: string;
  onChange: (v: string) => void;
  id: string;
  empty: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}) {
  const kinds = [...new Set(units.map((u) => u.kind))];
  return (
    <select
      id={id}
      {...aria}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      className={`${inputClass} text-sm`}
    >
      <option value="">{empty}</option>
      {kinds.map((k) => (
        <optgroup key={k} label={UNIT_KIND_LABELS[k as keyof typeof UNIT_KIND_LABELS] ?? k}>
          {units
            .filter((u) => u.kind === k)
            .map((u) => (
              <option key={u.code} value={u.code}>
                {u.name}
              </option>
            ))}
        </optgroup>
      ))}
    </select>
  );
}

const percent = (c: number) => `${Math.round(c * 100)}%`;

/** How the parser read each unit named in the task: matched, approximate, a group, or unknown. */
function RefList({ refs }: { refs: ProposalRef[] }) {
  if (refs.length === 0) return null;
  return (
    <ul className="mt-1 space-y-0.5 text-xs" aria-label="Đơn vị đọc được trong văn bản">
      {refs.map((r, i) => {
        const role = r.coLead ? 'Cùng chủ trì (đề xuất phối hợp)' : ASSIGNMENT_ROLE_LABELS[r.role];
        if (r.group) {
          return (
            <li key={i} className="text-blue-800">
              {role}: «{r.text}» → nhóm: {FAN_OUT_GROUP_LABELS[r.group]}
            </li>
          );
        }
        if (!r.unitCode) {
          return (
            <li key={i} className="rounded bg-red-50 px-1 text-red-800" data-testid="unmatched-unit">
              {role}: «{r.text}» — không có trong danh mục đơn vị ({percent(r.confidence)}); không được giao
            </li>
          );
        }
        const weak = r.confidence < 0.85;
        return (
          <li key={i} className={weak ? 'rounded bg-amber-50 px-1 text-amber-900' : 'text-slate-600'}>
            {role}: «{r.text}» → {r.unitName} (độ tin cậy {percent(r.confidence)})
            {weak ? ' — khớp gần đúng, cần kiểm tra' : ''}
          </li>
        );
      })}
    </ul>
  );
}

type CardProps = {
  task: ProposalTask;
  s: number;
  t: number;
  label: string;
  isFirst: boolean;
  isLast: boolean;
  units: RegistryUnit[];
  errors: Errors;
  dispatch: (a: Action) => void;
  newKey: () => string;
};

const TaskCard = memo(function TaskCard({
  task,
  s,
  t,
  label,
  isFirst,
  isLast,
  units,
  errors,
  dispatch,
  newKey,
}: CardProps) {
  const textRef = useRef<HTMLTextAreaElement>(null);
  const path = `sections.${s}.tasks.${t}`;
  const err = (field: string) => errors[`${path}.${field}`];
  const id = (field: string) => `g-${task.key}-${field}`;
  const set = (patch: Partial<ProposalTask>) => dispatch({ type: 'task', s, t, patch: reviewed(task, patch) });
  const names = new Map(units.map((u) => [u.code, u.name]));
  const hasAssignee = task.lead || task.collective || task.coordinatingGroup || task.coordinators.length > 0;
  const hidden = <span className="sr-only"> {label}</span>;
  return (
    <li
      className={`rounded-md border bg-white p-3 ${unsureFields(task).length > 0 ? 'border-l-4 border-amber-400' : 'border-slate-200'}`}
      aria-label={`Nhiệm vụ ${label}`}
      data-unsure={unsureFields(task).length > 0 ? 'true' : undefined}
    >
      <div className="grid gap-2 sm:grid-cols-[5rem_1fr]">
        <GridField id={id('number')} label={<>Số{hidden}</>} errors={err('number')}>
          {(aria) => (
            <input
              {...aria}
              value={task.number}
              maxLength={PROGRAMME_LIMITS.taskNumber}
              onChange={(e) => set({ number: e.target.value })}
              className={`${inputClass} text-sm`}
            />
          )}
        </GridField>
        <GridField id={id('title')} label={<>Tên nhiệm vụ{hidden}</>} errors={err('title')}>
          {(aria) => (
            <input
              {...aria}
              value={task.title}
              maxLength={PROGRAMME_LIMITS.taskTitle}
              onChange={(e) => set({ title: e.target.value })}
              className={`${inputClass} text-sm`}
            />
          )}
        </GridField>
      </div>
      <GridField id={id('text')} label={<>Nội dung{hidden}</>} errors={err('text')} className="mt-2">
        {(aria) => (
          <textarea
            {...aria}
            ref={textRef}
            value={task.text}
            rows={Math.min(8, 2 + Math.ceil(task.text.length / 160))}
            maxLength={PROGRAMME_LIMITS.taskText}
            onChange={(e) => set({ text: e.target.value })}
            className={`${inputClass} text-sm`}
          />
        )}
      </GridField>
      <div className="mt-2 grid gap-2 md:grid-cols-2 lg:grid-cols-4">
        <GridField id={id('lead')} label={<>Chủ trì{hidden}</>} errors={err('lead')} check={task.review?.lead}>
          {(aria) => (
            <UnitSelect
              {...aria}
              units={units}
              value={task.lead ?? ''}
              empty="— Không có —"
              onChange={(v) => set({ lead: v || null, coordinators: task.coordinators.filter((c) => c !== v) })}
            />
          )}
        </GridField>
        <GridField id={id('collective')} label={<>Thực hiện (cả nhóm){hidden}</>} errors={err('collective')}>
          {(aria) => (
            <select
              {...aria}
              value={task.collective ?? ''}
              onChange={(e) => set({ collective: (e.target.value || null) as FanOutGroup | null })}
              className={`${inputClass} text-sm`}
            >
              <option value="">— Không —</option>
              {FAN_OUT_GROUPS.map((g) => (
                <option key={g} value={g}>
                  {FAN_OUT_GROUP_LABELS[g]}
                </option>
              ))}
            </select>
          )}
        </GridField>
        <GridField
          id={id('coordinatingGroup')}
          label={<>Phối hợp (cả nhóm){hidden}</>}
          errors={err('coordinatingGroup')}
        >
          {(aria) => (
            <select
              {...aria}
              value={task.coordinatingGroup ?? ''}
              onChange={(e) => set({ coordinatingGroup: (e.target.value || null) as FanOutGroup | null })}
              className={`${inputClass} text-sm`}
            >
              <option value="">— Không —</option>
              {FAN_OUT_GROUPS.map((g) => (
                <option key={g} value={g}>
                  {FAN_OUT_GROUP_LABELS[g]}
                </option>
              ))}
            </select>
          )}
        </GridField>
        <GridField
          id={id('coordinators')}
          label={<>Thêm đơn vị phối hợp{hidden}</>}
          errors={err('coordinators')}
          check={task.review?.coordinators}
        >
          {(aria) => (
            <UnitSelect
              {...aria}
              units={units.filter((u) => u.code !== task.lead && !task.coordinators.includes(u.code))}
              value=""
              empty="— Chọn đơn vị —"
              onChange={(v) => v && set({ coordinators: [...task.coordinators, v] })}
            />
          )}
        </GridField>
      </div>
      {task.coordinators.length > 0 ? (
        <ul className="mt-1 flex flex-wrap gap-1" aria-label={`Đơn vị phối hợp ${label}`}>
          {task.coordinators.map((c) => (
            <li key={c} className="inline-flex items-center gap-1 rounded-full bg-slate-100 px-2 py-0.5 text-xs">
              {names.get(c) ?? c}
              <button
                type="button"
                aria-label={`Bỏ ${names.get(c) ?? c}`}
                className="text-slate-500 hover:text-red-700"
                onClick={() => set({ coordinators: task.coordinators.filter((x) => x !== c) })}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <RefList refs={task.refs} />
      {!hasAssignee ? (
        <p className="mt-1 rounded bg-red-50 px-1 text-xs text-red-800">
          Chưa giao cho đơn vị nào: chọn đơn vị chủ trì hoặc nhóm thực hiện.
        </p>
      ) : null}
      <div className="mt-2 grid gap-2 sm:grid-cols-4">
        <GridField
          id={id('dueDate')}
          label={<>Thời hạn{hidden}</>}
          errors={err('dueDate')}
          check={task.review?.dueDate}
        >
          {(aria) => (
            <input
              {...aria}
              value={task.dueDate ?? ''}
              inputMode="numeric"
              placeholder="dd/mm/yyyy"
              onChange={(e) => set({ dueDate: e.target.value })}
              className={`${inputClass} text-sm`}
            />
          )}
        </GridField>
        <GridField id={id('recurrence')} label={<>Tính chất{hidden}</>} errors={err('recurrence')}>
          {(aria) => (
            <select
              {...aria}
              value={task.recurrence}
              onChange={(e) => set({ recurrence: e.target.value as ProposalTask['recurrence'] })}
              className={`${inputClass} text-sm`}
            >
              {RECURRENCES.map((r) => (
                <option key={r} value={r}>
                  {RECURRENCE_LABELS[r]}
                </option>
              ))}
            </select>
          )}
        </GridField>
        <GridField
          id={id('reformArea')}
          label={<>Lĩnh vực{hidden}</>}
          errors={err('reformArea')}
          className="sm:col-span-2"
        >
          {(aria) => (
            <select
              {...aria}
              value={task.reformArea ?? ''}
              onChange={(e) => set({ reformArea: e.target.value })}
              className={`${inputClass} text-sm`}
            >
              <option value="">— Không xếp lĩnh vực —</option>
              {REFORM_AREAS.map((r) => (
                <option key={r} value={r}>
                  {REFORM_AREA_LABELS[r]}
                </option>
              ))}
            </select>
          )}
        </GridField>
      </div>
      {task.deadlineText && (task.deadlineKind === 'RECURRING' || task.deadlineKind === 'EVENT') ? (
        <p className="mt-1 text-xs text-slate-700" data-testid="deadline-not-date">
          Thời hạn trong văn bản không phải một ngày (
          {task.deadlineKind === 'EVENT' ? 'tính từ một sự kiện' : 'việc lặp lại theo chu kỳ'}): «{task.deadlineText}»
        </p>
      ) : task.deadlineText ? (
        <p className="mt-1 text-xs text-slate-600">Thời hạn đọc từ: «{task.deadlineText}»</p>
      ) : null}
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <label className="mr-auto flex items-center gap-1 text-xs">
          <input
            type="checkbox"
            checked={task.evidenceRequired}
            onChange={(e) => set({ evidenceRequired: e.target.checked })}
            className="size-4 accent-red-700"
          />
          Cần tài liệu kiểm chứng
        </label>
        <button
          type="button"
          className={smallButton}
          disabled={isFirst}
          onClick={() => dispatch({ type: 'moveTask', s, t, dir: -1 })}
          aria-label={`Đưa nhiệm vụ ${label} lên`}
        >
          ↑
        </button>
        <button
          type="button"
          className={smallButton}
          disabled={isLast}
          onClick={() => dispatch({ type: 'moveTask', s, t, dir: 1 })}
          aria-label={`Đưa nhiệm vụ ${label} xuống`}
        >
          ↓
        </button>
        <button
          type="button"
          className={smallButton}
          disabled={t === 0}
          onClick={() => dispatch({ type: 'mergeTask', s, t })}
          aria-label={`Gộp với nhiệm vụ trên: nhiệm vụ ${label}`}
        >
          Gộp với nhiệm vụ trên
        </button>
        <button
          type="button"
          className={smallButton}
          title="Đặt con trỏ trong ô Nội dung tại chỗ bắt đầu nhiệm vụ mới, rồi bấm Tách"
          onClick={() => dispatch({ type: 'splitTask', s, t, at: textRef.current?.selectionStart ?? 0, key: newKey() })}
          aria-label={`Tách nhiệm vụ ${label} tại con trỏ`}
        >
          Tách
        </button>
        <button
          type="button"
          className={`${smallButton} text-red-800`}
          onClick={() => dispatch({ type: 'removeTask', s, t })}
          aria-label={`Xóa nhiệm vụ ${label}`}
        >
          Xóa
        </button>
      </div>
    </li>
  );
});

/** At most this many unsure fields are listed; the cards stay highlighted beyond it. */
const QUEUE_MAX = 200;

/**
 * The fields the parser is unsure of, as a list of buttons: each moves the focus to its field, so
 * the reviewer goes through them with the keyboard (Tab, Enter) instead of scanning the grid.
 */
function ReviewQueue({
  sections,
  onGo,
}: {
  sections: ProposalSection[];
  onGo: (sectionKey: string, fieldId: string) => void;
}) {
  const items = sections.flatMap((sec) =>
    sec.tasks.flatMap((task) =>
      unsureFields(task).map((field) => ({
        sectionKey: sec.key,
        fieldId: `g-${task.key}-${field}`,
        label: sec.numeral ? `${sec.numeral}.${task.number}` : task.number,
        field,
        check: task.review![field],
      })),
    ),
  );
  if (items.length === 0) return null;
  return (
    <nav
      aria-labelledby="review-queue-heading"
      className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950"
    >
      <h3 id="review-queue-heading" className="font-medium">
        Ô cần kiểm tra ({items.length}): hệ thống chưa chắc chắn, bấm để đến ô đó
      </h3>
      <ul className="mt-1 max-h-64 space-y-0.5 overflow-auto" data-testid="review-queue">
        {items.slice(0, QUEUE_MAX).map((it) => (
          <li key={it.fieldId}>
            <button
              type="button"
              className="text-left underline decoration-amber-400 underline-offset-2 hover:text-amber-800 focus-visible:outline-2 focus-visible:outline-amber-600"
              onClick={() => onGo(it.sectionKey, it.fieldId)}
            >
              Nhiệm vụ {it.label} — {FIELD_NAMES[it.field]}: {it.check.note}
            </button>
          </li>
        ))}
      </ul>
      {items.length > QUEUE_MAX ? (
        <p className="mt-1">… và {(items.length - QUEUE_MAX).toLocaleString('vi-VN')} ô khác (viền vàng trong bảng).</p>
      ) : null}
    </nav>
  );
}

// ---------------------------------------------------------------------------------------------

export function ImportWizard() {
  const [draft, dispatchRaw] = useReducer(reducer, null);
  const [errors, setErrors] = useState<Errors>({});
  const [saveState, setSaveState] = useState<ActionState>(INITIAL_STATE);
  const [saving, startSaving] = useTransition();
  const [text, setText] = useState('');
  const [expanded, setExpanded] = useState<Record<string, boolean>>({});
  const counter = useRef(0);
  const [newKey] = useState(() => () => `n${(counter.current += 1)}`);
  const [dispatch] = useState(() => (a: Action) => {
    dispatchRaw(a);
    // Field edits clear their own message; moving tasks around makes every position stale.
    if (a.type === 'task')
      setErrors((e) => {
        const prefix = `sections.${a.s}.tasks.${a.t}.`;
        const next = { ...e };
        for (const field of Object.keys(a.patch)) delete next[`${prefix}${field}`];
        return next;
      });
    else if (a.type !== 'programme' && a.type !== 'section') setErrors({});
  });

  const [analysis, analyze, analyzing] = useActionState(async (prev: ActionState, formData: FormData) => {
    const result = await analyzeDirectiveAction(prev, formData);
    if (result.ok && typeof result.result?.proposal === 'string') {
      dispatchRaw({ type: 'load', draft: JSON.parse(result.result.proposal) as Draft });
      setErrors({});
      setSaveState(INITIAL_STATE);
      setExpanded({});
    }
    return result;
  }, INITIAL_STATE);

  const bytes = utf8Length(text);
  const total = draft?.sections.reduce((n, s) => n + s.tasks.length, 0) ?? 0;
  const collapseByDefault = total > 150;

  function save() {
    if (!draft) return;
    startSaving(async () => {
      const result = await importProgrammeAction(JSON.stringify(payload(draft)));
      // Success redirects to the new programme; only a refusal comes back.
      setSaveState(result);
      setErrors(result.fieldErrors ?? {});
    });
  }

  const pErr = (field: string) => errors[`programme.${field}`];
  const pField = (
    field: keyof Draft['programme'],
    label: string,
    props: React.InputHTMLAttributes<HTMLInputElement> = {},
  ) => (
    <GridField id={`p-${field}`} label={label} errors={pErr(field)}>
      {(aria) => (
        <input
          {...aria}
          {...props}
          value={draft?.programme[field] ?? ''}
          onChange={(e) => dispatch({ type: 'programme', field, value: e.target.value })}
          className={`${inputClass} text-sm`}
        />
      )}
    </GridField>
  );

  return (
    <div className="space-y-6">
      <form action={analyze} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" noValidate>
        <h2 className="font-semibold">1. Văn bản chỉ đạo</h2>
        <div>
          <label htmlFor="import-text" className="block text-sm font-medium">
            Nội dung văn bản
          </label>
          <p id="import-text-hint" className="text-xs text-slate-600">
            Dán toàn bộ văn bản (từ Word hoặc trang web). Tối đa 1 MB — hiện có {formatBytes(bytes)}.
          </p>
          <textarea
            id="import-text"
            name="text"
            rows={10}
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-describedby="import-text-hint import-text-error"
            aria-invalid={analysis.fieldErrors?.text ? true : undefined}
            className={`${inputClass} mt-1 text-sm`}
          />
          <ErrorList id="import-text-error" errors={analysis.fieldErrors?.text} />
        </div>
        <div>
          <label htmlFor="import-file" className="block text-sm font-medium">
            Hoặc chọn tệp (.txt, .docx, .pdf)
          </label>
          <p className="text-xs text-slate-600">
            Tối đa 8 MB. Khi đã chọn tệp, nội dung tệp được dùng thay cho ô văn bản. PDF xuất từ Word đọc chính xác
            nhất; PDF bản scan (tối đa 10 trang) được nhận dạng chữ tự động (OCR), mất thêm thời gian và cần kiểm tra
            kỹ.
          </p>
          <FilePicker
            id="import-file"
            name="file"
            accept=".txt,.docx,.pdf,.htm,.html,text/plain,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            aria-describedby="import-file-error"
            aria-invalid={analysis.fieldErrors?.file ? true : undefined}
          />
          <ErrorList id="import-file-error" errors={analysis.fieldErrors?.file} />
        </div>
        <FormMessage ok={false} message={analysis.ok ? undefined : analysis.message} />
        <button type="submit" disabled={analyzing || bytes > PROGRAMME_LIMITS.sourceBytes} className={primaryButton}>
          {analyzing ? 'Đang phân tích…' : 'Phân tích văn bản'}
        </button>
        {bytes > PROGRAMME_LIMITS.sourceBytes ? (
          <p className="text-sm text-red-700">Văn bản quá dài: tối đa 1 MB. Hãy tách thành nhiều lần nhập.</p>
        ) : null}
      </form>

      {draft ? (
        <section aria-labelledby="review-heading" className="space-y-4">
          <h2 id="review-heading" className="text-lg font-semibold">
            2. Rà soát trước khi lưu ({draft.sections.length} mục, {total} nhiệm vụ)
          </h2>
          <p className="text-sm text-slate-600">
            Chưa có gì được lưu. Sửa mọi ô cần thiết rồi bấm «Lưu chương trình» ở cuối trang.
          </p>
          {draft.warnings.length > 0 ? (
            <div role="status" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
              <p className="font-medium">Cần kiểm tra ({draft.warnings.length}):</p>
              <ul className="mt-1 list-disc space-y-0.5 pl-5">
                {draft.warnings.map((w, i) => (
                  <li key={i}>{w}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <ReviewQueue
            sections={draft.sections}
            onGo={(sectionKey, fieldId) => {
              setExpanded((e) => ({ ...e, [sectionKey]: true }));
              // The section renders its tasks in this event's commit; focus once it has.
              requestAnimationFrame(() => {
                const el = document.getElementById(fieldId);
                el?.scrollIntoView({ block: 'center' });
                el?.focus();
              });
            }}
          />
          {total > PROGRAMME_LIMITS.tasks || draft.sections.length > PROGRAMME_LIMITS.sections ? (
            <p className="rounded-md bg-red-50 p-3 text-sm text-red-800">
              Văn bản có {total.toLocaleString('vi-VN')} nhiệm vụ trong {draft.sections.length} mục, vượt giới hạn một
              chương trình ({PROGRAMME_LIMITS.tasks.toLocaleString('vi-VN')} nhiệm vụ, {PROGRAMME_LIMITS.sections} mục).
              Hãy tách văn bản và nhập từng phần.
            </p>
          ) : null}

          <fieldset className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
            <legend className="px-1 font-semibold">Thông tin văn bản</legend>
            {pField('title', 'Tên chương trình', { maxLength: PROGRAMME_LIMITS.title })}
            <div className="grid gap-3 sm:grid-cols-2">
              {pField('documentNumber', 'Số, ký hiệu văn bản', { maxLength: PROGRAMME_LIMITS.documentNumber })}
              {pField('issuingBody', 'Cơ quan ban hành', { maxLength: PROGRAMME_LIMITS.issuingBody })}
            </div>
            <div className="grid gap-3 sm:grid-cols-3">
              {pField('issuedOn', 'Ngày ban hành', { placeholder: 'dd/mm/yyyy', inputMode: 'numeric' })}
              {pField('periodStart', 'Thực hiện từ ngày', { placeholder: 'dd/mm/yyyy', inputMode: 'numeric' })}
              {pField('periodEnd', 'Đến ngày', { placeholder: 'dd/mm/yyyy', inputMode: 'numeric' })}
            </div>
            <GridField id="p-summary" label="Trích yếu" errors={pErr('summary')}>
              {(aria) => (
                <textarea
                  {...aria}
                  rows={3}
                  value={draft.programme.summary ?? ''}
                  maxLength={PROGRAMME_LIMITS.summary}
                  onChange={(e) => dispatch({ type: 'programme', field: 'summary', value: e.target.value })}
                  className={`${inputClass} text-sm`}
                />
              )}
            </GridField>
          </fieldset>

          <ErrorList id="sections-error" errors={errors.sections} />
          <ol className="space-y-4">
            {draft.sections.map((sec, s) => {
              const open = expanded[sec.key] ?? !collapseByDefault;
              const sErr = (field: string) => errors[`sections.${s}.${field}`];
              const name = sec.numeral || String(s + 1);
              return (
                <li
                  key={sec.key}
                  className="rounded-lg border border-slate-300 bg-slate-50 p-3"
                  aria-label={`Mục ${name}`}
                >
                  <div className="grid gap-2 sm:grid-cols-[6rem_1fr_auto] sm:items-end">
                    <GridField
                      id={`s-${sec.key}-numeral`}
                      label={
                        <>
                          Số mục<span className="sr-only"> {s + 1}</span>
                        </>
                      }
                      errors={sErr('numeral')}
                    >
                      {(aria) => (
                        <input
                          {...aria}
                          value={sec.numeral}
                          maxLength={PROGRAMME_LIMITS.sectionNumeral}
                          onChange={(e) => dispatch({ type: 'section', s, field: 'numeral', value: e.target.value })}
                          className={`${inputClass} text-sm`}
                        />
                      )}
                    </GridField>
                    <GridField
                      id={`s-${sec.key}-title`}
                      label={
                        <>
                          Tên mục<span className="sr-only"> {name}</span>
                        </>
                      }
                      errors={sErr('title')}
                    >
                      {(aria) => (
                        <input
                          {...aria}
                          value={sec.title}
                          maxLength={PROGRAMME_LIMITS.sectionTitle}
                          onChange={(e) => dispatch({ type: 'section', s, field: 'title', value: e.target.value })}
                          className={`${inputClass} text-sm`}
                        />
                      )}
                    </GridField>
                    <div className="flex flex-wrap gap-1">
                      <button
                        type="button"
                        className={smallButton}
                        disabled={s === 0}
                        onClick={() => dispatch({ type: 'moveSection', s, dir: -1 })}
                        aria-label={`Đưa mục ${name} lên`}
                      >
                        ↑
                      </button>
                      <button
                        type="button"
                        className={smallButton}
                        disabled={s === draft.sections.length - 1}
                        onClick={() => dispatch({ type: 'moveSection', s, dir: 1 })}
                        aria-label={`Đưa mục ${name} xuống`}
                      >
                        ↓
                      </button>
                      <button type="button" className={smallButton} onClick={() => dispatch({ type: 'renumber', s })}>
                        Đánh số lại 1, 2, 3…
                      </button>
                      <button
                        type="button"
                        className={`${smallButton} text-red-800`}
                        onClick={() =>
                          (sec.tasks.length === 0 ||
                            window.confirm(`Xóa mục ${name} và ${sec.tasks.length} nhiệm vụ của mục?`)) &&
                          dispatch({ type: 'removeSection', s })
                        }
                      >
                        Xóa mục
                      </button>
                    </div>
                  </div>
                  <button
                    type="button"
                    className="mt-2 text-sm text-blue-700 underline"
                    aria-expanded={open}
                    onClick={() => setExpanded((e) => ({ ...e, [sec.key]: !open }))}
                  >
                    {open ? 'Thu gọn' : 'Mở'} {sec.tasks.length} nhiệm vụ
                  </button>
                  {open ? (
                    <ol className="mt-2 space-y-3">
                      {sec.tasks.map((task, t) => (
                        <TaskCard
                          key={task.key}
                          task={task}
                          s={s}
                          t={t}
                          label={sec.numeral ? `${sec.numeral}.${task.number}` : task.number}
                          isFirst={s === 0 && t === 0}
                          isLast={s === draft.sections.length - 1 && t === sec.tasks.length - 1}
                          units={draft.units}
                          errors={errorsFor(errors, `sections.${s}.tasks.${t}.`)}
                          dispatch={dispatch}
                          newKey={newKey}
                        />
                      ))}
                    </ol>
                  ) : null}
                  <button
                    type="button"
                    className={`${smallButton} mt-2`}
                    onClick={() => dispatch({ type: 'addTask', s, key: newKey() })}
                  >
                    + Thêm nhiệm vụ vào mục {name}
                  </button>
                </li>
              );
            })}
          </ol>
          <button
            type="button"
            className={secondaryButton}
            onClick={() => dispatch({ type: 'addSection', key: newKey() })}
          >
            + Thêm mục
          </button>

          <div className="sticky bottom-0 flex flex-wrap items-center gap-3 border-t border-slate-200 bg-white/95 py-3">
            <button type="button" onClick={save} disabled={saving} className={primaryButton}>
              {saving ? 'Đang lưu…' : 'Lưu chương trình'}
            </button>
            <button
              type="button"
              onClick={() => dispatchRaw({ type: 'load', draft: null })}
              disabled={saving}
              className={dangerButton}
            >
              Bỏ kết quả phân tích
            </button>
            <div className="w-full sm:w-auto sm:flex-1">
              <FormMessage ok={saveState.ok} message={saveState.message} />
            </div>
          </div>
        </section>
      ) : null}
    </div>
  );
}

/**
 * The errors of one task, as a stable object when there are none: the memoised card then skips
 * re-rendering while other tasks are edited.
 */
const NO_ERRORS: Errors = {};
function errorsFor(errors: Errors, prefix: string): Errors {
  let out: Errors | null = null;
  for (const [k, v] of Object.entries(errors)) {
    if (k.startsWith(prefix)) (out ??= {})[k] = v;
  }
  return out ?? NO_ERRORS;
}
