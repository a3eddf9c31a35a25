import 'server-only';
import { getDb, type Prisma } from '../db';
import { ConflictError, FieldError, NotFoundError } from '../errors';
import { followTaskDeadline, planAssignments } from '../domain/fan-out';
import type { IsoDate } from '../domain/time';
import type { MoveInput, TaskCreateInput, TaskUpdateInput } from '../validation/programme';
import { activeUnits, createAssignments } from './assignments';
import { audit } from './audit';
import { requirePermission } from './guard';
import { dbDate, isoOf, reorder } from './programme-common';

/**
 * The tasks of a programme (docs/decisions/007); who each is given to is in assignments.ts.
 * Every function starts with requirePermission('programme:manage'): the administrator, and the
 * standing office's head through `can` (lib/permissions.ts). Every write is one transaction that
 * ends with an audit event.
 */

type Tx = Prisma.TransactionClient;

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
