'use server';

import { revalidatePath } from 'next/cache';
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
import { handleForm, invalid, refusal } from './refusal';

function touched(programmeId: number, taskId?: number) {
  revalidatePath('/admin/programmes');
  revalidatePath(`/admin/programmes/${programmeId}`);
  if (taskId) revalidatePath(`/admin/programmes/${programmeId}/tasks/${taskId}`);
  revalidatePath('/');
}

/** The buttons that archive, restore or delete post an id and the button pressed (`intent`). */
const StatusInput = IdInput.extend({ intent: choice(['archive', 'restore', 'delete'], 'Thao tác không hợp lệ.') });

// ---------------------------------------------------------------------------------------------
// Programmes

export async function createProgrammeAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return handleForm(formData, ProgrammeInput, async (input) => {
    const { programmeId } = await programmes.createProgramme(input);
    revalidatePath('/admin/programmes');
    return { redirectTo: `/admin/programmes/${programmeId}` };
  });
}

export async function updateProgrammeAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return handleForm(formData, ProgrammeUpdateInput, async (input, fields) => {
    await programmes.updateProgramme(input);
    touched(input.programmeId);
    return { ok: true, message: 'Đã lưu thông tin văn bản.', fields };
  });
}

export async function programmeStatusAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return handleForm(
    formData,
    StatusInput,
    async ({ id, intent }) => {
      if (intent === 'archive') await programmes.archiveProgramme(id);
      else if (intent === 'restore') await programmes.restoreProgramme(id);
      else await programmes.deleteProgramme(id);
      revalidatePath('/admin/programmes');
      revalidatePath('/');
      if (intent === 'delete') return { redirectTo: '/admin/programmes' };
      revalidatePath(`/admin/programmes/${id}`);
      return {
        ok: true,
        message: intent === 'archive' ? 'Đã lưu trữ chương trình.' : 'Đã khôi phục chương trình.',
        fields: {},
      };
    },
    { invalid: 'operation' },
  );
}

// ---------------------------------------------------------------------------------------------
// Sections

export async function createSectionAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return handleForm(formData, SectionInput, async (input) => {
    await sections.createSection(input);
    touched(input.programmeId);
    return { ok: true, message: `Đã thêm mục ${input.numeral}.`, fields: {} };
  });
}

export async function updateSectionAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return handleForm(formData, SectionUpdateInput, async (input, fields) => {
    const { programmeId } = await sections.updateSection(input);
    touched(programmeId);
    return { ok: true, message: 'Đã lưu mục.', fields };
  });
}

export async function deleteSectionAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return handleForm(
    formData,
    IdInput,
    async ({ id }) => {
      const { programmeId } = await sections.deleteSection(id);
      touched(programmeId);
      return { ok: true, message: 'Đã xóa mục.', fields: {} };
    },
    { invalid: 'operation' },
  );
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
  return handleForm(formData, TaskCreateInput, async (input) => {
    const { taskId } = await tasks.createTask(input);
    touched(input.programmeId);
    return { redirectTo: `/admin/programmes/${input.programmeId}/tasks/${taskId}?created=1` };
  });
}

export async function updateTaskAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return handleForm(formData, TaskUpdateInput, async (input, fields) => {
    const { changed, programmeId } = await tasks.updateTask(input);
    touched(programmeId, input.taskId);
    return {
      ok: true,
      message:
        changed.length === 0
          ? 'Không có thay đổi nào.'
          : 'Đã lưu nhiệm vụ. Các báo cáo đã có được giữ nguyên; thay đổi được ghi vào lịch sử.',
      fields,
    };
  });
}

export async function taskStatusAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return handleForm(
    formData,
    StatusInput,
    async ({ id, intent }) => {
      const { programmeId } =
        intent === 'delete' ? await tasks.deleteTask(id) : await tasks.setTaskArchived(id, intent === 'archive');
      touched(programmeId, intent === 'delete' ? undefined : id);
      if (intent === 'delete') return { redirectTo: `/admin/programmes/${programmeId}` };
      return {
        ok: true,
        message:
          intent === 'archive'
            ? 'Đã lưu trữ nhiệm vụ: nhiệm vụ không còn tính vào danh sách và số liệu.'
            : 'Đã khôi phục nhiệm vụ.',
        fields: {},
      };
    },
    { invalid: 'operation' },
  );
}

// ---------------------------------------------------------------------------------------------
// Assignments

export async function setTaskAssignmentsAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  // The table posts one `role.<unitId>` field per unit; the schema reads them as one record.
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
  return handleForm(formData, FanOutInput, async (input, fields) => {
    const r = await assignments.fanOutTask(input);
    touched(r.programmeId, input.taskId);
    return {
      ok: true,
      message: r.created === 0 ? 'Mọi đơn vị của nhóm này đã được giao nhiệm vụ.' : `Đã giao cho ${r.created} đơn vị.`,
      fields,
    };
  });
}
