'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { formFields, type ActionState } from '../action-state';
import { decideExtension, requestExtension } from '../data/extensions';
import { invalid, refusal } from './refusal';
import { ExtensionDecisionInput, ExtensionRequestInput } from '../validation/extension';

export async function requestExtensionAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const fields = formFields(formData);
  const parsed = ExtensionRequestInput.safeParse(fields);
  if (!parsed.success) return invalid(parsed.error, fields);
  try {
    await requestExtension(parsed.data);
  } catch (error) {
    return refusal(error, fields);
  }
  revalidatePath(`/assignments/${parsed.data.assignmentId}`);
  // The form disappears once a request is pending: the confirmation is shown by the page (components/ui/notice.tsx).
  redirect(`/assignments/${parsed.data.assignmentId}?notice=extension-requested`);
}

export async function decideExtensionAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const fields = formFields(formData);
  const parsed = ExtensionDecisionInput.safeParse(fields);
  if (!parsed.success) return invalid(parsed.error, fields);
  try {
    await decideExtension(parsed.data);
  } catch (error) {
    revalidatePath('/extensions');
    return refusal(error, fields);
  }
  revalidatePath('/extensions');
  revalidatePath('/');
  // The decided request leaves the list, and its form with it: the page shows the confirmation.
  redirect(`/extensions?notice=${parsed.data.decision === 'approve' ? 'extension-approved' : 'extension-rejected'}`);
}
