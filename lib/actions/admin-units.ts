'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { formFields, type ActionState } from '../action-state';
import * as units from '../data/units';
import {
  UNIT_LIMITS,
  UnitDeactivateInput,
  UnitIdInput,
  UnitInput,
  UnitMergeInput,
  UnitSplitInput,
  UnitUpdateInput,
} from '../validation/unit';
import { handleForm, invalid, refusal } from './refusal';

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
  const fields = formFields(formData);
  const predecessorIds = formData.getAll('predecessorIds').filter((v): v is string => typeof v === 'string');
  fields.predecessorIds = predecessorIds.join(',');
  const parsed = UnitMergeInput.safeParse({ ...fields, predecessorIds });
  if (!parsed.success) return invalid(parsed.error, fields);
  let result: units.MergerResult;
  try {
    result = await units.mergeUnits(parsed.data);
  } catch (error) {
    return refusal(error, fields);
  }
  touched(result.successorId);
  redirect(
    `/admin/units/${result.successorId}?merged=${result.moved}-${result.stayed}-${result.removed}-${result.keptWithHistory}-${result.usersMoved}`,
  );
}

export async function splitUnitAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const fields = formFields(formData);
  const successors = [];
  for (let i = 0; i < UNIT_LIMITS.splitRows; i++) {
    const row = {
      code: fields[`successors.${i}.code`] ?? '',
      name: fields[`successors.${i}.name`] ?? '',
      kind: fields[`successors.${i}.kind`] ?? '',
    };
    if (row.code.trim() || row.name.trim()) successors.push(row);
  }
  const parsed = UnitSplitInput.safeParse({ ...fields, successors });
  if (!parsed.success) return invalidByPath(parsed.error, fields);
  let result: units.SplitResult;
  try {
    result = await units.splitUnit(parsed.data);
  } catch (error) {
    return refusal(error, fields);
  }
  touched(parsed.data.predecessorId);
  redirect(
    `/admin/units/${parsed.data.predecessorId}?split=${result.moved}-${result.copied}-${result.stayed}-${result.usersMoved}`,
  );
}
