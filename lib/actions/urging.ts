'use server';

import { revalidatePath } from 'next/cache';
import { type ActionState } from '../action-state';
import { createUrgingLetter, saveUrgingLadder } from '../data/urging';
import { UrgingLadderInput, UrgingLetterInput } from '../validation/urging';
import { handleForm } from './refusal';

/** The programme's urging ladder (decision 018), from its administration page. */
export async function saveUrgingLadderAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return handleForm(formData, UrgingLadderInput, async (input, fields) => {
    await saveUrgingLadder(input);
    revalidatePath(`/admin/programmes/${input.programmeId}`);
    return {
      ok: true,
      message:
        input.steps.length === 0
          ? 'Đã lưu: chương trình này không gửi nhắc đôn đốc tự động.'
          : `Đã lưu ${input.steps.length} bước đôn đốc.`,
      fields,
    };
  });
}

/** In one step: the Công văn đôn đốc for the overdue units, stored, sent to them and recorded in their tasks' history. */
export async function createUrgingLetterAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return handleForm(formData, UrgingLetterInput, async (input) => {
    const { letterId } = await createUrgingLetter(input);
    revalidatePath('/urging');
    revalidatePath('/notifications');
    const query = new URLSearchParams({ programme: String(input.programmeId), letter: String(letterId) });
    if (input.sectionId !== null) query.set('section', String(input.sectionId));
    if (input.unitKind) query.set('kind', input.unitKind);
    query.set('notice', 'urging-letter-created');
    return { redirectTo: `/urging?${query}` };
  });
}
