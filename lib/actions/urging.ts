'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { formFields, type ActionState } from '../action-state';
import { createUrgingLetter, saveUrgingLadder } from '../data/urging';
import { UrgingLadderInput, UrgingLetterInput } from '../validation/urging';
import { invalid, refusal } from './refusal';

/** The programme's urging ladder (decision 018), from its administration page. */
export async function saveUrgingLadderAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const fields = formFields(formData);
  const parsed = UrgingLadderInput.safeParse(fields);
  if (!parsed.success) return invalid(parsed.error, fields);
  try {
    await saveUrgingLadder(parsed.data);
  } catch (error) {
    return refusal(error, fields);
  }
  revalidatePath(`/admin/programmes/${parsed.data.programmeId}`);
  return {
    ok: true,
    message:
      parsed.data.steps.length === 0
        ? 'Đã lưu: chương trình này không gửi nhắc đôn đốc tự động.'
        : `Đã lưu ${parsed.data.steps.length} bước đôn đốc.`,
    fields,
  };
}

/** In one step: the Công văn đôn đốc for the overdue units, stored, sent to them and recorded in their tasks' history. */
export async function createUrgingLetterAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const fields = formFields(formData);
  const parsed = UrgingLetterInput.safeParse(fields);
  if (!parsed.success) return invalid(parsed.error, fields);
  let letterId: number;
  try {
    ({ letterId } = await createUrgingLetter(parsed.data));
  } catch (error) {
    return refusal(error, fields);
  }
  revalidatePath('/urging');
  revalidatePath('/notifications');
  const query = new URLSearchParams({ programme: String(parsed.data.programmeId), letter: String(letterId) });
  if (parsed.data.sectionId !== null) query.set('section', String(parsed.data.sectionId));
  if (parsed.data.unitKind) query.set('kind', parsed.data.unitKind);
  query.set('notice', 'urging-letter-created');
  redirect(`/urging?${query}`);
}
