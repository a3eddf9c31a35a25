'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { type ActionState } from '../action-state';
import * as units from '../data/units';
import {
  UnitDeactivateInput,
  UnitIdInput,
  UnitInput,
  UnitMergeInput,
  UnitSplitInput,
  UnitUpdateInput,
} from '../validation/unit';
import { UNIT_LIMITS } from '../validation/unit-limits';
import { handleForm } from './refusal';

const CHECK = 'Vui lòng kiểm tra các mục được đánh dấu.';

/** Field errors keyed by path ("successors.1.code") for the split form's rows. */
function invalidByPath(error: z.ZodError, fields: Record<string, string>): ActionState {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) (fieldErrors[issue.path.map(String).join('.') || '_'] ??= []).push(issue.message);
  return { ok: false, message: CHECK, fieldErrors, fields };
}

function touched(unitId?: number) {
  revalidatePath('/admin/units');
  if (unitId) revalidatePath(`/admin/units/${unitId}`);
  revalidatePath('/admin/users');
  revalidatePath('/');
}

export async function createUnitAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return handleForm(formData, UnitInput, async (input) => {
    const { unitId } = await units.createUnit(input);
    touched();
    return { redirectTo: `/admin/units/${unitId}?created=1` };
  });
}

export async function updateUnitAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return handleForm(formData, UnitUpdateInput, async (input, fields) => {
    await units.updateUnit(input);
    touched(input.unitId);
    return { ok: true, message: 'Đã lưu đơn vị.', fields };
  });
}

export async function deactivateUnitAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return handleForm(formData, UnitDeactivateInput, async (input) => {
    await units.deactivateUnit(input);
    touched(input.unitId);
    // The page then shows the unit as ended, with the notice (the form itself is gone from it).
    return { redirectTo: `/admin/units/${input.unitId}?deactivated=1` };
  });
}

export async function reactivateUnitAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return handleForm(
    formData,
    UnitIdInput,
    async ({ unitId }) => {
      await units.reactivateUnit(unitId);
      touched(unitId);
      return { redirectTo: `/admin/units/${unitId}?reactivated=1` };
    },
    { invalid: 'operation' },
  );
}

export async function mergeUnitsAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return handleForm(
    formData,
    UnitMergeInput,
    async (input) => {
      const result = await units.mergeUnits(input);
      touched(result.successorId);
      return {
        redirectTo: `/admin/units/${result.successorId}?merged=${result.moved}-${result.stayed}-${result.removed}-${result.keptWithHistory}-${result.usersMoved}`,
      };
    },
    {
      // The predecessors are a list of checkboxes; what comes back keeps them as one field.
      input: (fields, form) => {
        const predecessorIds = form.getAll('predecessorIds').filter((v): v is string => typeof v === 'string');
        fields.predecessorIds = predecessorIds.join(',');
        return { ...fields, predecessorIds };
      },
    },
  );
}

/** The split form's successor rows ("successors.0.code", …), the blank ones left out. */
function successorRows(fields: Record<string, string>) {
  const successors = [];
  for (let i = 0; i < UNIT_LIMITS.splitRows; i++) {
    const row = {
      code: fields[`successors.${i}.code`] ?? '',
      name: fields[`successors.${i}.name`] ?? '',
      kind: fields[`successors.${i}.kind`] ?? '',
    };
    if (row.code.trim() || row.name.trim()) successors.push(row);
  }
  return successors;
}

export async function splitUnitAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return handleForm(
    formData,
    UnitSplitInput,
    async (input) => {
      const result = await units.splitUnit(input);
      touched(input.predecessorId);
      return {
        redirectTo: `/admin/units/${input.predecessorId}?split=${result.moved}-${result.copied}-${result.stayed}-${result.usersMoved}`,
      };
    },
    { input: (fields) => ({ ...fields, successors: successorRows(fields) }), invalid: invalidByPath },
  );
}
