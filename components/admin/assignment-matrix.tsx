'use client';

import { useActionState, useState } from 'react';
import { ErrorList, FormMessage, inputClass } from '@/components/forms/field';
import { INITIAL_STATE } from '@/lib/action-state';
import { fanOutTaskAction, setTaskAssignmentsAction } from '@/lib/actions/admin-programmes';
import { FAN_OUT_GROUP_LABELS, FAN_OUT_GROUPS } from '@/lib/domain/fan-out';
import { ASSIGNMENT_ROLE_LABELS, UNIT_KIND_LABELS } from '@/lib/domain/labels';
import { primaryButton, secondaryButton, smallButton, td, th } from './styles';

type Role = 'NONE' | 'LEAD' | 'COORDINATING' | 'IMPLEMENTING';
type Kind = keyof typeof UNIT_KIND_LABELS;
type Unit = { id: number; name: string; kind: Kind };
type Assignment = { unitId: number; role: Exclude<Role, 'NONE'>; reports: number; extensions: number };

const ROLES: Role[] = ['NONE', 'LEAD', 'COORDINATING', 'IMPLEMENTING'];
const ROLE_TEXT: Record<Role, string> = { NONE: 'Không giao', ...ASSIGNMENT_ROLE_LABELS };

/**
 * Who a task is given to: one row per active unit with its role. Whole kinds can be set at once;
 * a unit that has already reported cannot be set to "Không giao" (the server refuses it too).
 */
export function AssignmentMatrix({
  taskId,
  units,
  assignments,
}: {
  taskId: number;
  units: Unit[];
  assignments: Assignment[];
}) {
  const [state, action, pending] = useActionState(setTaskAssignmentsAction, INITIAL_STATE);
  const byUnit = new Map(assignments.map((a) => [a.unitId, a]));
  // The server's assignments, plus what the user changed here: new props (after a fan-out, or a
  // save) show through for every unit the user has not touched.
  const base: Record<number, Role> = Object.fromEntries(units.map((u) => [u.id, byUnit.get(u.id)?.role ?? 'NONE']));
  const [edits, setEdits] = useState<Record<number, Role>>({});
  const roles: Record<number, Role> = { ...base, ...edits };
  const locked = (unitId: number) => {
    const a = byUnit.get(unitId);
    return a !== undefined && a.reports + a.extensions > 0;
  };
  const setKind = (kind: Kind, role: Role) => {
    const next: Record<number, Role> = {};
    for (const u of units) {
      if (u.kind !== kind) continue;
      if (role === 'NONE' && locked(u.id)) continue;
      // Setting a whole kind never overrides the lead unit.
      if (roles[u.id] === 'LEAD' && role !== 'NONE') continue;
      next[u.id] = role;
    }
    setEdits((prev) => ({ ...prev, ...next }));
  };
  const setRole = (unitId: number, role: Role) => {
    const next: Record<number, Role> = { [unitId]: role };
    // One lead: choosing a new lead makes the previous one a partner.
    if (role === 'LEAD')
      for (const [id, r] of Object.entries(roles))
        if (r === 'LEAD' && Number(id) !== unitId) next[Number(id)] = 'COORDINATING';
    setEdits((prev) => ({ ...prev, ...next }));
  };
  const kinds = [...new Set(units.map((u) => u.kind))];
  const count = (role: Role) => Object.values(roles).filter((r) => r === role).length;

  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="taskId" value={taskId} />
      {units.map((u) => (
        <input key={u.id} type="hidden" name={`role.${u.id}`} value={roles[u.id] ?? 'NONE'} />
      ))}
      <p className="text-sm text-slate-700" aria-live="polite">
        Chủ trì: {count('LEAD')} · Phối hợp: {count('COORDINATING')} · Thực hiện: {count('IMPLEMENTING')}
      </p>
      <ErrorList id="roles-error" errors={state.fieldErrors?.roles} />
      <div className="overflow-x-auto">
        <table className="min-w-full border-collapse">
          <thead>
            <tr className="border-b border-slate-200 bg-slate-50">
              <th className={th}>Đơn vị</th>
              {ROLES.map((r) => (
                <th key={r} className={`${th} text-center`}>
                  {ROLE_TEXT[r]}
                </th>
              ))}
            </tr>
          </thead>
          {kinds.map((kind) => (
            <tbody key={kind}>
              <tr className="bg-slate-100">
                <th scope="rowgroup" className={`${th} bg-slate-100`}>
                  {UNIT_KIND_LABELS[kind]}
                </th>
                <td colSpan={4} className={td}>
                  {/* The leadership directs; it is never part of a group. */}
                  {kind === 'LEADERSHIP' ? null : (
                    <span className="flex flex-wrap gap-1">
                      {(['IMPLEMENTING', 'COORDINATING', 'NONE'] as const).map((r) => (
                        <button key={r} type="button" className={smallButton} onClick={() => setKind(kind, r)}>
                          Cả nhóm: {ROLE_TEXT[r]}
                        </button>
                      ))}
                    </span>
                  )}
                </td>
              </tr>
              {units
                .filter((u) => u.kind === kind)
                .map((u) => {
                  const a = byUnit.get(u.id);
                  return (
                    <tr key={u.id} className="border-b border-slate-100">
                      <th scope="row" className={`${td} text-left font-normal`}>
                        {u.name}
                        {a && a.reports > 0 ? (
                          <span className="ml-1 text-xs text-slate-500">({a.reports} báo cáo)</span>
                        ) : null}
                      </th>
                      {ROLES.map((r) => (
                        <td key={r} className={`${td} text-center`}>
                          <input
                            type="radio"
                            name={`pick.${u.id}`}
                            aria-label={`${u.name}: ${ROLE_TEXT[r]}`}
                            checked={roles[u.id] === r}
                            disabled={r === 'NONE' && locked(u.id)}
                            onChange={() => setRole(u.id, r)}
                            className="size-4 accent-red-700"
                          />
                        </td>
                      ))}
                    </tr>
                  );
                })}
            </tbody>
          ))}
        </table>
      </div>
      <FormMessage ok={state.ok} message={state.message} />
      <button type="submit" disabled={pending} className={primaryButton}>
        {pending ? 'Đang lưu…' : 'Lưu phân công'}
      </button>
    </form>
  );
}

/** "Fan out" in one step: every active unit of a group that does not have the task yet gets it. */
export function FanOutForm({ taskId }: { taskId: number }) {
  const [state, action, pending] = useActionState(fanOutTaskAction, INITIAL_STATE);
  return (
    <form action={action} className="flex flex-wrap items-end gap-3" noValidate>
      <input type="hidden" name="taskId" value={taskId} />
      <div>
        <label htmlFor="fanout-group" className="block text-sm font-medium">
          Nhóm đơn vị
        </label>
        <select
          id="fanout-group"
          key={state.fields?.group ?? 'g'}
          name="group"
          defaultValue={state.fields?.group ?? 'WARDS_COMMUNES'}
          className={`${inputClass} mt-1`}
        >
          {FAN_OUT_GROUPS.map((g) => (
            <option key={g} value={g}>
              {FAN_OUT_GROUP_LABELS[g]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="fanout-role" className="block text-sm font-medium">
          Vai trò
        </label>
        <select
          id="fanout-role"
          key={state.fields?.role ?? 'r'}
          name="role"
          defaultValue={state.fields?.role ?? 'IMPLEMENTING'}
          className={`${inputClass} mt-1`}
        >
          <option value="IMPLEMENTING">{ASSIGNMENT_ROLE_LABELS.IMPLEMENTING}</option>
          <option value="COORDINATING">{ASSIGNMENT_ROLE_LABELS.COORDINATING}</option>
        </select>
      </div>
      <button type="submit" disabled={pending} className={secondaryButton}>
        {pending ? 'Đang giao…' : 'Giao cho cả nhóm'}
      </button>
      <div className="w-full">
        <FormMessage ok={state.ok} message={state.message} />
      </div>
    </form>
  );
}
