'use server';

import { revalidatePath } from 'next/cache';
import { formFields, type ActionState } from '../action-state';
import { addCalendarDay, removeCalendarDay } from '../data/calendar';
import { formatDateVn } from '../domain/time';
import { CalendarDayInput, CalendarDayRemoval } from '../validation/calendar';
import { invalid, refusal } from './refusal';

/** Adds one official swap or bridge to the working-day calendar (decision 015). */
export async function addCalendarDayAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const fields = formFields(formData);
  const parsed = CalendarDayInput.safeParse(fields);
  if (!parsed.success) return invalid(parsed.error, fields);
  try {
    await addCalendarDay(parsed.data);
  } catch (error) {
    return refusal(error, fields);
  }
  revalidatePath('/admin/calendar');
  revalidatePath('/');
  return { ok: true, message: `Đã ghi ngày ${formatDateVn(parsed.data.date)} vào lịch.`, fields: {} };
}

export async function removeCalendarDayAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const fields = formFields(formData);
  const parsed = CalendarDayRemoval.safeParse(fields);
  if (!parsed.success) return invalid(parsed.error, fields);
  try {
    await removeCalendarDay(parsed.data.date);
  } catch (error) {
    return refusal(error, fields);
  }
  revalidatePath('/admin/calendar');
  revalidatePath('/');
  return { ok: true, message: `Đã xóa ngày ${formatDateVn(parsed.data.date)} khỏi lịch.`, fields: {} };
}
