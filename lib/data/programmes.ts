import 'server-only';
import { getDb, type Prisma } from '../db';
import { ConflictError, FieldError, NotFoundError } from '../errors';
import {
  followTaskDeadline,
  groupMembers,
  planAssignments,
  type AssignmentRoleName,
  type FanOutGroup,
} from '../domain/fan-out';
import { fromDbDate, toDbDate, type IsoDate } from '../domain/time';
import type {
  FanOutInput,
  MoveInput,
  ProgrammeInput,
  ProgrammeUpdateInput,
  SectionInput,
  SectionUpdateInput,
  TaskAssignmentsInput,
  TaskCreateInput,
  TaskUpdateInput,
} from '../validation/programme';
import { audit } from './audit';
import { requirePermission } from './guard';

/**
 * Programmes, their sections and tasks, and who each task is given to (docs/decisions/007).
 * Every function starts with requirePermission('programme:manage'): the administrator, and the
 * standing office's head through `can` (lib/permissions.ts). Every write is one transaction that
 * ends with an audit event.
 */

type Tx = Prisma.TransactionClient;

const dbDate = (d: IsoDate | null) => (d ? toDbDate(d) : null);
const isoOf = (d: Date | null) => (d ? fromDbDate(d) : null);

// ---------------------------------------------------------------------------------------------
// Reads

export async function listProgrammes() {
  await requirePermission('programme:manage');
  const rows = await getDb().programme.findMany({
    orderBy: [{ status: 'asc' }, { createdAt: 'desc' }],
    select: {
      id: true,
      title: true,
      documentNumber: true,
      issuingBody: true,
      issuedOn: true,
      status: true,
      createdAt: true,
      _count: { select: { sections: true, tasks: { where: { archivedAt: null } } } },
    },
  });
  return rows.map((p) => ({ ...p, issuedOn: isoOf(p.issuedOn), sections: p._count.sections, tasks: p._count.tasks }));
}

/** The programme page: source-document fields, sections and their tasks with a summary of who does them. */
export async function getProgrammeForEdit(programmeId: number) {
  await requirePermission('programme:manage');
  const p = await getDb().programme.findUnique({
    where: { id: programmeId },
    select: {
      id: true,
      title: true,
      documentNumber: true,
      issuingBody: true,
      issuedOn: true,
      summary: true,
      periodStart: true,
      periodEnd: true,
      status: true,
      sourceText: true,
      createdAt: true,
      createdBy: { select: { displayName: true } },
      sections: {
        orderBy: { order: 'asc' },
        select: {
          id: true,
          numeral: true,
          title: true,
          order: true,
          tasks: {
            orderBy: { order: 'asc' },
            select: {
              id: true,
              number: true,
              title: true,
              dueDate: true,
              recurrence: true,
              reformArea: true,
              archivedAt: true,
              assignments: {
                select: { role: true, unit: { select: { name: true } }, _count: { select: { reports: true } } },
              },
            },
          },
        },
      },
    },
  });
  if (!p) throw new NotFoundError();
  return {
    ...p,
    issuedOn: isoOf(p.issuedOn),
    periodStart: isoOf(p.periodStart),
    periodEnd: isoOf(p.periodEnd),
    sections: p.sections.map((s) => ({
      ...s,
      tasks: s.tasks.map((t) => ({
        id: t.id,
        number: t.number,
        title: t.title,
        dueDate: isoOf(t.dueDate),
        recurrence: t.recurrence,
        reformArea: t.reformArea,
        archived: t.archivedAt !== null,
        lead: t.assignments.find((a) => a.role === 'LEAD')?.unit.name ?? null,
        coordinating: t.assignments.filter((a) => a.role === 'COORDINATING').length,
        implementing: t.assignments.filter((a) => a.role === 'IMPLEMENTING').length,
        reports: t.assignments.reduce((n, a) => n + a._count.reports, 0),
      })),
    })),
  };
}

/** Units a task may be given to (active), and all units for showing past assignments. */
export async function listAssignableUnits() {
  await requirePermission('programme:manage');
  return getDb().unit.findMany({
    where: { active: true },
    orderBy: [{ kind: 'asc' }, { name: 'asc' }],
    select: { id: true, code: true, name: true, kind: true },
  });
}

/** The task page: the task, the programme's sections (to move it), its assignments and its history. */
export async function getTaskForEdit(taskId: number) {
  await requirePermission('programme:manage');
  const db = getDb();
  const t = await db.task.findUnique({
    where: { id: taskId },
    select: {
      id: true,
      number: true,
      title: true,
      text: true,
      reformArea: true,
      dueDate: true,
      recurrence: true,
      evidenceRequired: true,
      archivedAt: true,
      sectionId: true,
      programme: {
        select: {
          id: true,
          title: true,
          status: true,
          sections: { orderBy: { order: 'asc' }, select: { id: true, numeral: true, title: true } },
        },
      },
      section: { select: { numeral: true } },
      assignments: {
        orderBy: [{ unit: { kind: 'asc' } }, { unit: { name: 'asc' } }],
        select: {
          id: true,
          role: true,
          dueDate: true,
          originalDueDate: true,
          completedAt: true,
          unit: { select: { id: true, name: true, kind: true, active: true } },
          _count: { select: { reports: true, extensions: true } },
        },
      },
    },
  });
  if (!t) throw new NotFoundError();
  const [units, history] = await Promise.all([
    db.unit.findMany({
      where: { active: true },
      orderBy: [{ kind: 'asc' }, { name: 'asc' }],
      select: { id: true, name: true, kind: true },
    }),
    db.auditEvent.findMany({
      where: { entityType: 'Task', entityId: String(taskId) },
      orderBy: { at: 'desc' },
      take: 50,
      select: { id: true, at: true, action: true, data: true, actor: { select: { displayName: true } } },
    }),
  ]);
  return {
    ...t,
    dueDate: isoOf(t.dueDate),
    archived: t.archivedAt !== null,
    assignments: t.assignments.map((a) => ({
      id: a.id,
      role: a.role,
      dueDate: isoOf(a.dueDate),
      originalDueDate: isoOf(a.originalDueDate),
      completed: a.completedAt !== null,
      unit: a.unit,
      reports: a._count.reports,
      extensions: a._count.extensions,
    })),
    units,
    history: history.map((h) => ({ ...h, id: String(h.id) })),
  };
}

// ---------------------------------------------------------------------------------------------
// Programmes

function programmeData(input: ProgrammeInput) {
  return {
    title: input.title,
    documentNumber: input.documentNumber,
    issuingBody: input.issuingBody,
    issuedOn: dbDate(input.issuedOn),
    summary: input.summary,
    periodStart: dbDate(input.periodStart),
    periodEnd: dbDate(input.periodEnd),
  };
}

export async function createProgramme(input: ProgrammeInput): Promise<{ programmeId: number }> {
  const user = await requirePermission('programme:manage');
  return getDb().$transaction(async (tx) => {
    const p = await tx.programme.create({
      data: { ...programmeData(input), createdById: user.id },
      select: { id: true },
    });
    await audit(tx, {
      actorId: user.id,
      action: 'programme.created',
      entityType: 'Programme',
      entityId: p.id,
      data: { title: input.title },
    });
    return { programmeId: p.id };
  });
}

export async function updateProgramme(input: ProgrammeUpdateInput): Promise<void> {
  const user = await requirePermission('programme:manage');
  await getDb().$transaction(async (tx) => {
    const before = await tx.programme.findUnique({
      where: { id: input.programmeId },
      select: { id: true, title: true, documentNumber: true, issuingBody: true },
    });
    if (!before) throw new NotFoundError();
    await tx.programme.update({ where: { id: before.id }, data: programmeData(input) });
    await audit(tx, {
      actorId: user.id,
      action: 'programme.updated',
      entityType: 'Programme',
      entityId: before.id,
      data: { title: input.title, previousTitle: before.title === input.title ? undefined : before.title },
    });
  });
}

/**
 * Archiving a programme takes its tasks out of every list and total (they are archived with it,
 * remembered in the audit event); restoring brings back exactly those tasks.
 */
export async function archiveProgramme(programmeId: number, { now = new Date() } = {}): Promise<void> {
  const user = await requirePermission('programme:manage');
  await getDb().$transaction(async (tx) => {
    const p = await tx.programme.findUnique({ where: { id: programmeId }, select: { id: true, status: true } });
    if (!p) throw new NotFoundError();
    if (p.status === 'ARCHIVED') throw new ConflictError('Chương trình đã được lưu trữ trước đó.');
    const tasks = await tx.task.findMany({ where: { programmeId, archivedAt: null }, select: { id: true } });
    await tx.task.updateMany({ where: { id: { in: tasks.map((t) => t.id) } }, data: { archivedAt: now } });
    await tx.programme.update({ where: { id: programmeId }, data: { status: 'ARCHIVED' } });
    await audit(tx, {
      actorId: user.id,
      action: 'programme.archived',
      entityType: 'Programme',
      entityId: programmeId,
      data: { taskIds: tasks.map((t) => t.id) },
    });
  });
}

export async function restoreProgramme(programmeId: number): Promise<void> {
  const user = await requirePermission('programme:manage');
  await getDb().$transaction(async (tx) => {
    const p = await tx.programme.findUnique({ where: { id: programmeId }, select: { id: true, status: true } });
    if (!p) throw new NotFoundError();
    if (p.status === 'ACTIVE') throw new ConflictError('Chương trình đang hoạt động.');
    const event = await tx.auditEvent.findFirst({
      where: { entityType: 'Programme', entityId: String(programmeId), action: 'programme.archived' },
      orderBy: { at: 'desc' },
      select: { data: true },
    });
    const data = event?.data as { taskIds?: unknown } | null | undefined;
    const taskIds = Array.isArray(data?.taskIds) ? data.taskIds.filter((x): x is number => typeof x === 'number') : [];
    await tx.task.updateMany({ where: { programmeId, id: { in: taskIds } }, data: { archivedAt: null } });
    await tx.programme.update({ where: { id: programmeId }, data: { status: 'ACTIVE' } });
    await audit(tx, {
      actorId: user.id,
      action: 'programme.restored',
      entityType: 'Programme',
      entityId: programmeId,
      data: { taskIds },
    });
  });
}

/** Only a programme nobody has reported on may be deleted (a mistaken import); others are archived. */
export async function deleteProgramme(programmeId: number): Promise<void> {
  const user = await requirePermission('programme:manage');
  await getDb().$transaction(async (tx) => {
    const p = await tx.programme.findUnique({ where: { id: programmeId }, select: { id: true, title: true } });
    if (!p) throw new NotFoundError();
    const used = await tx.assignment.count({
      where: { task: { programmeId }, OR: [{ reports: { some: {} } }, { extensions: { some: {} } }] },
    });
    if (used > 0)
      throw new ConflictError('Chương trình đã có báo cáo hoặc đề nghị gia hạn: không xóa được, hãy lưu trữ.');
    await tx.programme.delete({ where: { id: programmeId } });
    await audit(tx, {
      actorId: user.id,
      action: 'programme.deleted',
      entityType: 'Programme',
      entityId: programmeId,
      data: { title: p.title },
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Sections

export async function createSection(input: SectionInput): Promise<{ sectionId: number }> {
  const user = await requirePermission('programme:manage');
  return getDb().$transaction(async (tx) => {
    const p = await tx.programme.findUnique({ where: { id: input.programmeId }, select: { id: true } });
    if (!p) throw new NotFoundError();
    const last = await tx.section.aggregate({ where: { programmeId: p.id }, _max: { order: true } });
    const s = await tx.section.create({
      data: { programmeId: p.id, numeral: input.numeral, title: input.title, order: (last._max.order ?? 0) + 1 },
      select: { id: true },
    });
    await audit(tx, {
      actorId: user.id,
      action: 'section.created',
      entityType: 'Section',
      entityId: s.id,
      data: { programmeId: p.id, numeral: input.numeral, title: input.title },
    });
    return { sectionId: s.id };
  });
}

export async function updateSection(input: SectionUpdateInput): Promise<{ programmeId: number }> {
  const user = await requirePermission('programme:manage');
  return getDb().$transaction(async (tx) => {
    const s = await tx.section.findUnique({
      where: { id: input.sectionId },
      select: { id: true, programmeId: true, numeral: true, title: true },
    });
    if (!s) throw new NotFoundError();
    await tx.section.update({ where: { id: s.id }, data: { numeral: input.numeral, title: input.title } });
    await audit(tx, {
      actorId: user.id,
      action: 'section.updated',
      entityType: 'Section',
      entityId: s.id,
      data: { from: { numeral: s.numeral, title: s.title }, to: { numeral: input.numeral, title: input.title } },
    });
    return { programmeId: s.programmeId };
  });
}

export async function deleteSection(sectionId: number): Promise<{ programmeId: number }> {
  const user = await requirePermission('programme:manage');
  return getDb().$transaction(async (tx) => {
    const s = await tx.section.findUnique({
      where: { id: sectionId },
      select: { id: true, programmeId: true, title: true, _count: { select: { tasks: true } } },
    });
    if (!s) throw new NotFoundError();
    if (s._count.tasks > 0)
      throw new ConflictError('Mục còn nhiệm vụ: chuyển hoặc xóa các nhiệm vụ trước khi xóa mục.');
    await tx.section.delete({ where: { id: s.id } });
    await audit(tx, {
      actorId: user.id,
      action: 'section.deleted',
      entityType: 'Section',
      entityId: s.id,
      data: { programmeId: s.programmeId, title: s.title },
    });
    return { programmeId: s.programmeId };
  });
}

/** Swaps an item with its neighbour and renumbers the list 1..n (orders may have gaps). */
function reorder<T extends { id: number }>(items: T[], id: number, direction: 'up' | 'down'): T[] | null {
  const i = items.findIndex((x) => x.id === id);
  const j = direction === 'up' ? i - 1 : i + 1;
  if (i < 0 || j < 0 || j >= items.length) return null;
  const out = [...items];
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}

export async function moveSection(input: MoveInput): Promise<{ programmeId: number }> {
  const user = await requirePermission('programme:manage');
  return getDb().$transaction(async (tx) => {
    const s = await tx.section.findUnique({ where: { id: input.id }, select: { programmeId: true } });
    if (!s) throw new NotFoundError();
    // Lock the programme's sections so two clicks at once cannot interleave their renumbering.
    await tx.$executeRaw`SELECT 1 FROM "Section" WHERE "programmeId" = ${s.programmeId} FOR UPDATE`;
    const siblings = await tx.section.findMany({
      where: { programmeId: s.programmeId },
      orderBy: [{ order: 'asc' }, { id: 'asc' }],
      select: { id: true },
    });
    const next = reorder(siblings, input.id, input.direction);
    if (next) {
      for (const [k, x] of next.entries()) await tx.section.update({ where: { id: x.id }, data: { order: k + 1 } });
      await audit(tx, {
        actorId: user.id,
        action: 'section.moved',
        entityType: 'Section',
        entityId: input.id,
        data: { direction: input.direction },
      });
    }
    return { programmeId: s.programmeId };
  });
}

// ---------------------------------------------------------------------------------------------
// Tasks

type UnitRow = { id: number; kind: 'LEADERSHIP' | 'DEPARTMENT' | 'WARD' | 'COMMUNE'; active: boolean; name: string };

async function activeUnits(tx: Tx): Promise<UnitRow[]> {
  return tx.unit.findMany({ where: { active: true }, select: { id: true, kind: true, active: true, name: true } });
}

async function sectionOf(tx: Tx, sectionId: number, programmeId?: number) {
  const s = await tx.section.findUnique({ where: { id: sectionId }, select: { id: true, programmeId: true } });
  if (!s || (programmeId !== undefined && s.programmeId !== programmeId))
    throw new FieldError('sectionId', 'Mục không thuộc chương trình này.');
  return s;
}

export async function createTask(input: TaskCreateInput): Promise<{ taskId: number; assignments: number }> {
  const user = await requirePermission('programme:manage');
  return getDb().$transaction(async (tx) => {
    const p = await tx.programme.findUnique({ where: { id: input.programmeId }, select: { id: true } });
    if (!p) throw new NotFoundError();
    const section = await sectionOf(tx, input.sectionId, p.id);
    const units = await activeUnits(tx);
    if (input.leadUnitId !== null && !units.some((u) => u.id === input.leadUnitId)) {
      throw new FieldError('leadUnitId', 'Đơn vị chủ trì không còn hoạt động.');
    }
    const last = await tx.task.aggregate({ where: { sectionId: section.id }, _max: { order: true } });
    const task = await tx.task.create({
      data: {
        programmeId: p.id,
        sectionId: section.id,
        number: input.number,
        order: (last._max.order ?? 0) + 1,
        title: input.title,
        text: input.text,
        reformArea: input.reformArea,
        dueDate: dbDate(input.dueDate),
        recurrence: input.recurrence,
        evidenceRequired: input.evidenceRequired,
      },
      select: { id: true },
    });
    const plan = planAssignments(
      { lead: input.leadUnitId, coordinators: [], coordinatingGroup: null, collective: input.collective },
      units,
    );
    await createAssignments(tx, task.id, plan, input.dueDate);
    await audit(tx, {
      actorId: user.id,
      action: 'task.created',
      entityType: 'Task',
      entityId: task.id,
      data: {
        programmeId: p.id,
        number: input.number,
        title: input.title,
        assignments: plan.size,
        collective: input.collective,
      },
    });
    return { taskId: task.id, assignments: plan.size };
  });
}

async function createAssignments(
  tx: Tx,
  taskId: number,
  plan: Map<number, AssignmentRoleName>,
  due: IsoDate | null,
): Promise<void> {
  if (plan.size === 0) return;
  await tx.assignment.createMany({
    data: [...plan].map(([unitId, role]) => ({
      taskId,
      unitId,
      role,
      dueDate: dbDate(due),
      originalDueDate: dbDate(due),
    })),
    skipDuplicates: true,
  });
}

/**
 * Edits a task. Its reports stay as they are; the audit event records what changed (old and new
 * values) and how many reports existed. A new deadline reaches the assignments by
 * followTaskDeadline (lib/domain/fan-out.ts): completed ones keep theirs, approved extensions are
 * never shortened.
 */
export async function updateTask(input: TaskUpdateInput): Promise<{ programmeId: number; changed: string[] }> {
  const user = await requirePermission('programme:manage');
  return getDb().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "Task" WHERE id = ${input.taskId} FOR UPDATE`;
    const t = await tx.task.findUnique({
      where: { id: input.taskId },
      select: {
        id: true,
        programmeId: true,
        sectionId: true,
        number: true,
        title: true,
        text: true,
        reformArea: true,
        dueDate: true,
        recurrence: true,
        evidenceRequired: true,
      },
    });
    if (!t) throw new NotFoundError();
    if (input.sectionId !== t.sectionId) await sectionOf(tx, input.sectionId, t.programmeId);
    const before = {
      sectionId: t.sectionId,
      number: t.number,
      title: t.title,
      text: t.text,
      reformArea: t.reformArea,
      dueDate: isoOf(t.dueDate),
      recurrence: t.recurrence,
      evidenceRequired: t.evidenceRequired,
    };
    const after = {
      sectionId: input.sectionId,
      number: input.number,
      title: input.title,
      text: input.text,
      reformArea: input.reformArea,
      dueDate: input.dueDate,
      recurrence: input.recurrence,
      evidenceRequired: input.evidenceRequired,
    };
    const changes: Record<string, { from: Prisma.InputJsonValue | null; to: Prisma.InputJsonValue | null }> = {};
    for (const key of Object.keys(after) as (keyof typeof after)[]) {
      if (before[key] !== after[key]) changes[key] = { from: before[key], to: after[key] };
    }
    const changed = Object.keys(changes);
    if (changed.length === 0) return { programmeId: t.programmeId, changed };

    let order: number | undefined;
    if (input.sectionId !== t.sectionId) {
      const last = await tx.task.aggregate({ where: { sectionId: input.sectionId }, _max: { order: true } });
      order = (last._max.order ?? 0) + 1;
    }
    await tx.task.update({
      where: { id: t.id },
      data: {
        sectionId: input.sectionId,
        order,
        number: input.number,
        title: input.title,
        text: input.text,
        reformArea: input.reformArea,
        dueDate: dbDate(input.dueDate),
        recurrence: input.recurrence,
        evidenceRequired: input.evidenceRequired,
      },
    });

    const deadline = changes.dueDate ? await followDeadline(tx, t.id, input.dueDate) : null;
    const reports = await tx.report.count({ where: { assignment: { taskId: t.id } } });
    // Long texts are not copied whole into the trail: their length and start tell what changed.
    if (changes.text) changes.text = { from: summarise(before.text), to: summarise(after.text) };
    await audit(tx, {
      actorId: user.id,
      action: 'task.updated',
      entityType: 'Task',
      entityId: t.id,
      data: {
        changes,
        reportsKept: reports,
        ...(deadline ? { assignmentsUpdated: deadline.updated, extensionsKept: deadline.extensionsKept } : {}),
      },
    });
    return { programmeId: t.programmeId, changed };
  });
}

function summarise(text: string): string {
  return text.length <= 300 ? text : `${text.slice(0, 300)}… (${text.length.toLocaleString('vi-VN')} ký tự)`;
}

async function followDeadline(
  tx: Tx,
  taskId: number,
  next: IsoDate | null,
): Promise<{ updated: number; extensionsKept: number[] }> {
  const assignments = await tx.assignment.findMany({
    where: { taskId },
    select: { id: true, dueDate: true, originalDueDate: true, completedAt: true },
  });
  const groups = new Map<
    string,
    { dates: { dueDate: IsoDate | null; originalDueDate: IsoDate | null }; ids: number[] }
  >();
  const extensionsKept: number[] = [];
  for (const a of assignments) {
    const current = { dueDate: isoOf(a.dueDate), originalDueDate: isoOf(a.originalDueDate) };
    const dates = followTaskDeadline({ ...current, completed: a.completedAt !== null }, next);
    if (!dates) continue;
    if (current.dueDate !== current.originalDueDate && dates.dueDate === current.dueDate && dates.dueDate !== null)
      extensionsKept.push(a.id);
    const key = `${dates.dueDate}|${dates.originalDueDate}`;
    const g = groups.get(key) ?? { dates, ids: [] };
    g.ids.push(a.id);
    groups.set(key, g);
  }
  let updated = 0;
  for (const { dates, ids } of groups.values()) {
    await tx.assignment.updateMany({
      where: { id: { in: ids } },
      data: { dueDate: dbDate(dates.dueDate), originalDueDate: dbDate(dates.originalDueDate) },
    });
    updated += ids.length;
  }
  return { updated, extensionsKept };
}

export async function moveTask(input: MoveInput): Promise<{ programmeId: number }> {
  const user = await requirePermission('programme:manage');
  return getDb().$transaction(async (tx) => {
    const t = await tx.task.findUnique({ where: { id: input.id }, select: { programmeId: true, sectionId: true } });
    if (!t) throw new NotFoundError();
    await tx.$executeRaw`SELECT 1 FROM "Task" WHERE "sectionId" = ${t.sectionId} FOR UPDATE`;
    const siblings = await tx.task.findMany({
      where: { sectionId: t.sectionId },
      orderBy: [{ order: 'asc' }, { id: 'asc' }],
      select: { id: true },
    });
    const next = reorder(siblings, input.id, input.direction);
    if (next) {
      for (const [k, x] of next.entries()) await tx.task.update({ where: { id: x.id }, data: { order: k + 1 } });
      await audit(tx, {
        actorId: user.id,
        action: 'task.moved',
        entityType: 'Task',
        entityId: input.id,
        data: { direction: input.direction },
      });
    }
    return { programmeId: t.programmeId };
  });
}

export async function setTaskArchived(
  taskId: number,
  archived: boolean,
  { now = new Date() } = {},
): Promise<{ programmeId: number }> {
  const user = await requirePermission('programme:manage');
  return getDb().$transaction(async (tx) => {
    const t = await tx.task.findUnique({
      where: { id: taskId },
      select: { id: true, programmeId: true, archivedAt: true },
    });
    if (!t) throw new NotFoundError();
    if ((t.archivedAt !== null) === archived)
      throw new ConflictError(archived ? 'Nhiệm vụ đã được lưu trữ.' : 'Nhiệm vụ đang hoạt động.');
    await tx.task.update({ where: { id: t.id }, data: { archivedAt: archived ? now : null } });
    await audit(tx, {
      actorId: user.id,
      action: archived ? 'task.archived' : 'task.restored',
      entityType: 'Task',
      entityId: t.id,
    });
    return { programmeId: t.programmeId };
  });
}

/** A task nobody has reported on may be deleted (a wrong split at import); others are archived. */
export async function deleteTask(taskId: number): Promise<{ programmeId: number }> {
  const user = await requirePermission('programme:manage');
  return getDb().$transaction(async (tx) => {
    const t = await tx.task.findUnique({
      where: { id: taskId },
      select: { id: true, programmeId: true, number: true, title: true },
    });
    if (!t) throw new NotFoundError();
    const used = await tx.assignment.count({
      where: { taskId, OR: [{ reports: { some: {} } }, { extensions: { some: {} } }] },
    });
    if (used > 0) throw new ConflictError('Nhiệm vụ đã có báo cáo hoặc đề nghị gia hạn: không xóa được, hãy lưu trữ.');
    await tx.task.delete({ where: { id: t.id } });
    await audit(tx, {
      actorId: user.id,
      action: 'task.deleted',
      entityType: 'Task',
      entityId: t.id,
      data: { programmeId: t.programmeId, number: t.number, title: t.title },
    });
    return { programmeId: t.programmeId };
  });
}

// ---------------------------------------------------------------------------------------------
// Assignments

/**
 * Sets who a task is given to from the assignment matrix. Units left out of `roles` (former
 * units, shown read-only) are untouched. An assignment that has reports or extension requests
 * cannot be taken away (its history would go with it); its role can change.
 */
export async function setTaskAssignments(
  input: TaskAssignmentsInput,
): Promise<{ programmeId: number; added: number; removed: number; changed: number }> {
  const user = await requirePermission('programme:manage');
  return getDb().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "Task" WHERE id = ${input.taskId} FOR UPDATE`;
    const t = await tx.task.findUnique({
      where: { id: input.taskId },
      select: {
        id: true,
        programmeId: true,
        dueDate: true,
        assignments: {
          select: {
            id: true,
            unitId: true,
            role: true,
            unit: { select: { name: true } },
            _count: { select: { reports: true, extensions: true } },
          },
        },
      },
    });
    if (!t) throw new NotFoundError();
    const units = new Map((await activeUnits(tx)).map((u) => [u.id, u]));
    const current = new Map(t.assignments.map((a) => [a.unitId, a]));
    const add: { unitId: number; role: AssignmentRoleName }[] = [];
    const change: { id: number; role: AssignmentRoleName }[] = [];
    const remove: number[] = [];
    for (const [key, role] of Object.entries(input.roles)) {
      const unitId = Number(key);
      const existing = current.get(unitId);
      if (!units.has(unitId)) {
        if (existing && role === existing.role) continue;
        throw new FieldError('roles', 'Một đơn vị đã chọn không còn hoạt động; tải lại trang và chọn lại.');
      }
      if (role === 'NONE') {
        if (!existing) continue;
        if (existing._count.reports > 0 || existing._count.extensions > 0) {
          throw new FieldError(
            'roles',
            `${existing.unit.name} đã có báo cáo cho nhiệm vụ này: không bỏ giao được (có thể đổi vai trò).`,
          );
        }
        remove.push(existing.id);
      } else if (!existing) add.push({ unitId, role });
      else if (existing.role !== role) change.push({ id: existing.id, role });
    }
    const leads =
      t.assignments.filter((a) => a.role === 'LEAD' && !remove.includes(a.id) && !change.some((c) => c.id === a.id))
        .length +
      add.filter((a) => a.role === 'LEAD').length +
      change.filter((c) => c.role === 'LEAD').length;
    if (leads > 1) throw new FieldError('roles', 'Mỗi nhiệm vụ chỉ có một đơn vị chủ trì.');

    if (remove.length) await tx.assignment.deleteMany({ where: { id: { in: remove } } });
    for (const c of change) await tx.assignment.update({ where: { id: c.id }, data: { role: c.role } });
    if (add.length) await createAssignments(tx, t.id, new Map(add.map((a) => [a.unitId, a.role])), isoOf(t.dueDate));
    if (add.length + change.length + remove.length > 0) {
      await audit(tx, {
        actorId: user.id,
        action: 'task.assignments_changed',
        entityType: 'Task',
        entityId: t.id,
        data: {
          added: add.map((a) => ({ unitId: a.unitId, role: a.role })),
          changed: change.map((c) => ({ assignmentId: c.id, role: c.role })),
          removed: remove,
        },
      });
    }
    return { programmeId: t.programmeId, added: add.length, removed: remove.length, changed: change.length };
  });
}

/** One step: every active unit of the group that does not have this task yet gets it. */
export async function fanOutTask(input: FanOutInput): Promise<{ programmeId: number; created: number }> {
  const user = await requirePermission('programme:manage');
  return getDb().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "Task" WHERE id = ${input.taskId} FOR UPDATE`;
    const t = await tx.task.findUnique({
      where: { id: input.taskId },
      select: { id: true, programmeId: true, dueDate: true, assignments: { select: { unitId: true } } },
    });
    if (!t) throw new NotFoundError();
    const have = new Set(t.assignments.map((a) => a.unitId));
    const members = groupMembers(await activeUnits(tx), input.group as FanOutGroup).filter((u) => !have.has(u.id));
    await createAssignments(tx, t.id, new Map(members.map((u) => [u.id, input.role])), isoOf(t.dueDate));
    await audit(tx, {
      actorId: user.id,
      action: 'task.fanned_out',
      entityType: 'Task',
      entityId: t.id,
      data: { group: input.group, role: input.role, created: members.length },
    });
    return { programmeId: t.programmeId, created: members.length };
  });
}
