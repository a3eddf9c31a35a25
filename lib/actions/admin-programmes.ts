'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { formFields, type ActionState } from '../action-state';
import * as assignments from '../data/assignments';
import * as programmes from '../data/programmes';
import * as sections from '../data/sections';
import * as tasks from '../data/tasks';
import {
  FanOutInput,
  IdInput,
  MoveInput,
  ProgrammeInput,
  ProgrammeUpdateInput,
  SectionInput,
  SectionUpdateInput,
  TaskAssignmentsInput,
  TaskCreateInput,
  TaskUpdateInput,
} from '../validation/programme';
import { choice } from '../validation/fields';
import { invalid, refusal } from './refusal';

function touched(programmeId: number, taskId?: number) {
  revalidatePath('/admin/programmes');
  revalidatePath(`/admin/programmes/${programmeId}`);
  if (taskId) revalidatePath(`/admin/programmes/${programmeId}/tasks/${taskId}`);
  revalidatePath('/');
}

// ---------------------------------------------------------------------------------------------
// Programmes

export async function createProgrammeAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const fields = formFields(formData);
  const parsed = ProgrammeInput.safeParse(fields);
  if (!parsed.success) return invalid(parsed.error, fields);
  let id: number;
  try {
    id = (await programmes.createProgramme(parsed.data)).programmeId;
  } catch (error) {
    return refusal(error, fields);
  }
  revalidatePath('/admin/programmes');
  redirect(`/admin/programmes/${id}`);
}

export async function updateProgrammeAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const fields = formFields(formData);
  const parsed = ProgrammeUpdateInput.safeParse(fields);
  if (!parsed.success) return invalid(parsed.error, fields);
  try {
    await programmes.updateProgramme(parsed.data);
  } catch (error) {
    return refusal(error, fields);
  }
  touched(parsed.data.programmeId);
  return { ok: true, message: 'Đã lưu thông tin văn bản.', fields };
}

/** Archive, restore or delete, chosen by the button pressed (`intent`). */
export async function programmeStatusAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const fields = formFields(formData);
  const parsed = IdInput.extend({
    intent: choice(['archive', 'restore', 'delete'], 'Thao tác không hợp lệ.'),
  }).safeParse(fields);
  if (!parsed.success) return { ok: false, message: 'Thao tác không hợp lệ.', fields };
  const { id, intent } = parsed.data;
  try {
    if (intent === 'archive') await programmes.archiveProgramme(id);
    else if (intent === 'restore') await programmes.restoreProgramme(id);
    else await programmes.deleteProgramme(id);
  } catch (error) {
    return refusal(error, fields);
  }
  revalidatePath('/admin/programmes');
  revalidatePath('/');
  if (intent === 'delete') redirect('/admin/programmes');
  revalidatePath(`/admin/programmes/${id}`);
  return {
    ok: true,
    message: intent === 'archive' ? 'Đã lưu trữ chương trình.' : 'Đã khôi phục chương trình.',
    fields: {},
  };
}

// ---------------------------------------------------------------------------------------------
// Sections

export async function createSectionAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const fields = formFields(formData);
  const parsed = SectionInput.safeParse(fields);
  if (!parsed.success) return invalid(parsed.error, fields);
  try {
    await sections.createSection(parsed.data);
  } catch (error) {
    return refusal(error, fields);
  }
  touched(parsed.data.programmeId);
  return { ok: true, message: `Đã thêm mục ${parsed.data.numeral}.`, fields: {} };
}

export async function updateSectionAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const fields = formFields(formData);
  const parsed = SectionUpdateInput.safeParse(fields);
  if (!parsed.success) return invalid(parsed.error, fields);
  try {
    const { programmeId } = await sections.updateSection(parsed.data);
    touched(programmeId);
  } catch (error) {
    return refusal(error, fields);
  }
  return { ok: true, message: 'Đã lưu mục.', fields };
}

export async function deleteSectionAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const fields = formFields(formData);
  const parsed = IdInput.safeParse(fields);
  if (!parsed.success) return { ok: false, message: 'Thao tác không hợp lệ.', fields };
  try {
    const { programmeId } = await sections.deleteSection(parsed.data.id);
    touched(programmeId);
  } catch (error) {
    return refusal(error, fields);
  }
  return { ok: true, message: 'Đã xóa mục.', fields: {} };
}

/** Up/down buttons: a stale page (the item is gone) ends in the not-found page. */
export async function moveSectionAction(formData: FormData): Promise<void> {
  const parsed = MoveInput.safeParse(formFields(formData));
  if (!parsed.success) return;
  const { programmeId } = await sections.moveSection(parsed.data);
  touched(programmeId);
}

export async function moveTaskAction(formData: FormData): Promise<void> {
  const parsed = MoveInput.safeParse(formFields(formData));
  if (!parsed.success) return;
  const { programmeId } = await tasks.moveTask(parsed.data);
  touched(programmeId);
}

// ---------------------------------------------------------------------------------------------
// Tasks

export async function createTaskAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const fields = formFields(formData);
  const parsed = TaskCreateInput.safeParse(fields);
  if (!parsed.success) return invalid(parsed.error, fields);
  let taskId: number;
  try {
    taskId = (await tasks.createTask(parsed.data)).taskId;
  } catch (error) {
    return refusal(error, fields);
  }
  touched(parsed.data.programmeId);
  redirect(`/admin/programmes/${parsed.data.programmeId}/tasks/${taskId}?created=1`);
}

export async function updateTaskAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const fields = formFields(formData);
  const parsed = TaskUpdateInput.safeParse(fields);
  if (!parsed.success) return invalid(parsed.error, fields);
  let changed: string[];
  try {
    const result = await tasks.updateTask(parsed.data);
    changed = result.changed;
    touched(result.programmeId, parsed.data.taskId);
  } catch (error) {
    return refusal(error, fields);
  }
  return {
    ok: true,
    message:
      changed.length === 0
        ? 'Không có thay đổi nào.'
        : 'Đã lưu nhiệm vụ. Các báo cáo đã có được giữ nguyên; thay đổi được ghi vào lịch sử.',
    fields,
  };
}

/** Archive, restore or delete a task, chosen by the button pressed (`intent`). */
export async function taskStatusAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const fields = formFields(formData);
  const parsed = IdInput.extend({
    intent: choice(['archive', 'restore', 'delete'], 'Thao tác không hợp lệ.'),
  }).safeParse(fields);
  if (!parsed.success) return { ok: false, message: 'Thao tác không hợp lệ.', fields };
  const { id, intent } = parsed.data;
  let programmeId: number;
  try {
    programmeId =
      intent === 'delete'
        ? (await tasks.deleteTask(id)).programmeId
        : (await tasks.setTaskArchived(id, intent === 'archive')).programmeId;
  } catch (error) {
    return refusal(error, fields);
  }
  touched(programmeId, intent === 'delete' ? undefined : id);
  if (intent === 'delete') redirect(`/admin/programmes/${programmeId}`);
  return {
    ok: true,
    message:
      intent === 'archive'
        ? 'Đã lưu trữ nhiệm vụ: nhiệm vụ không còn tính vào danh sách và số liệu.'
        : 'Đã khôi phục nhiệm vụ.',
    fields: {},
  };
}

// ---------------------------------------------------------------------------------------------
// Assignments

export async function setTaskAssignmentsAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const fields = formFields(formData);
  const roles: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (key.startsWith('role.')) roles[key.slice(5)] = value;
  }
  const parsed = TaskAssignmentsInput.safeParse({ taskId: fields.taskId, roles });
  if (!parsed.success) return invalid(parsed.error, fields);
  try {
    const r = await assignments.setTaskAssignments(parsed.data);
    touched(r.programmeId, parsed.data.taskId);
    const changes = r.added + r.removed + r.changed;
    return {
      ok: true,
      message:
        changes === 0
          ? 'Không có thay đổi nào.'
          : `Đã lưu: thêm ${r.added}, bỏ ${r.removed}, đổi vai trò ${r.changed} đơn vị.`,
      fields,
    };
  } catch (error) {
    return refusal(error, fields);
  }
}

export async function fanOutTaskAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const fields = formFields(formData);
  const parsed = FanOutInput.safeParse(fields);
  if (!parsed.success) return invalid(parsed.error, fields);
  try {
    const r = await assignments.fanOutTask(parsed.data);
    touched(r.programmeId, parsed.data.taskId);
    return {
      ok: true,
      message: r.created === 0 ? 'Mọi đơn vị của nhóm này đã được giao nhiệm vụ.' : `Đã giao cho ${r.created} đơn vị.`,
      fields,
    };
  } catch (error) {
    return refusal(error, fields);
  }
}
