import 'server-only';
import { getDb, type Prisma } from '../db';
import { FieldError, NotFoundError } from '../errors';
import { groupMembers, type AssignmentRoleName, type FanOutGroup } from '../domain/fan-out';
import type { IsoDate } from '../domain/time';
import type { FanOutInput, TaskAssignmentsInput } from '../validation/programme';
import { audit } from './audit';
import { requirePermission } from './guard';
import { dbDate, isoOf } from './programme-common';

/**
 * Who each task is given to (docs/decisions/007): the assignment matrix and the fan-out to a group.
 * Every function starts with requirePermission('programme:manage'): the administrator, and the
 * standing office's head through `can` (lib/permissions.ts). Every write is one transaction that
 * ends with an audit event.
 */

type Tx = Prisma.TransactionClient;

/** Units a task may be given to (active), and all units for showing past assignments. */
export async function listAssignableUnits() {
  await requirePermission('programme:manage');
  return getDb().unit.findMany({
    where: { active: true },
    orderBy: [{ kind: 'asc' }, { name: 'asc' }],
    select: { id: true, code: true, name: true, kind: true },
  });
}

type UnitRow = { id: number; kind: 'LEADERSHIP' | 'DEPARTMENT' | 'WARD' | 'COMMUNE'; active: boolean; name: string };

export async function activeUnits(tx: Tx): Promise<UnitRow[]> {
  return tx.unit.findMany({ where: { active: true }, select: { id: true, kind: true, active: true, name: true } });
}

/** New assignments of a task from a plan (lib/domain/fan-out.ts); the caller authorizes and audits. */
export async function createAssignments(
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
