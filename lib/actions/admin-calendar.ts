'use server';

import { revalidatePath } from 'next/cache';
import { type ActionState } from '../action-state';
import { addCalendarDay, removeCalendarDay } from '../data/calendar';
import { formatDateVn } from '../domain/time';
import { CalendarDayInput, CalendarDayRemoval } from '../validation/calendar';
import { handleForm } from './refusal';

function touched() {
  revalidatePath('/admin/calendar');
  revalidatePath('/');
}

/** Adds one official swap or bridge to the working-day calendar (decision 015). */
export async function addCalendarDayAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return handleForm(formData, CalendarDayInput, async (input) => {
    await addCalendarDay(input);
    touched();
    return { ok: true, message: `Đã ghi ngày ${formatDateVn(input.date)} vào lịch.`, fields: {} };
  });
}

export async function removeCalendarDayAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return handleForm(formData, CalendarDayRemoval, async ({ date }) => {
    await removeCalendarDay(date);
    touched();
    return { ok: true, message: `Đã xóa ngày ${formatDateVn(date)} khỏi lịch.`, fields: {} };
  });
}
