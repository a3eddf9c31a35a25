'use server';

import { revalidatePath } from 'next/cache';
import { type ActionState } from '../action-state';
import { decideExtension, requestExtension } from '../data/extensions';
import { ExtensionDecisionInput, ExtensionRequestInput } from '../validation/extension';
import { handleForm } from './refusal';

export async function requestExtensionAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return handleForm(formData, ExtensionRequestInput, async (input) => {
    await requestExtension(input);
    revalidatePath(`/assignments/${input.assignmentId}`);
    // The form disappears once a request is pending: the confirmation is shown by the page (components/ui/notice.tsx).
    return { redirectTo: `/assignments/${input.assignmentId}?notice=extension-requested` };
  });
}

export async function decideExtensionAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return handleForm(formData, ExtensionDecisionInput, async (input) => {
    // Refused or not, the list is read again (someone else may have decided the request).
    await decideExtension(input).finally(() => revalidatePath('/extensions'));
    revalidatePath('/');
    // The decided request leaves the list, and its form with it: the page shows the confirmation.
    return {
      redirectTo: `/extensions?notice=${input.decision === 'approve' ? 'extension-approved' : 'extension-rejected'}`,
    };
  });
}
