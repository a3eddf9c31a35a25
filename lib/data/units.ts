import 'server-only';
import { getDb, Prisma } from '../db';
import { ConflictError, FieldError, NotFoundError } from '../errors';
import { isRecurring } from '../domain/slot';
import { formatDateVn, fromDbDate, toDbDate, vnDateOf, type IsoDate } from '../domain/time';
import { planMerger, planSplit, type MergerAssignment } from '../domain/unit-merger';
import type {
  UnitDeactivateInput,
  UnitInput,
  UnitMergeInput,
  UnitSplitInput,
  UnitUpdateInput,
} from '../validation/unit';
import { audit } from './audit';
import { requirePermission } from './guard';

/**
 * The unit registry (ADMIN only): create, edit, deactivate, merge, split. Validity is
 * [validFrom, validTo); what mergers and splits do with assignments is docs/decisions/006.
 */

type Tx = Prisma.TransactionClient;
const isoOf = (d: Date | null) => (d ? fromDbDate(d) : null);

export async function listUnits() {
  await requirePermission('unit:manage');
  const units = await getDb().unit.findMany({
    orderBy: [{ active: 'desc' }, { kind: 'asc' }, { name: 'asc' }],
    select: {
      id: true,
      code: true,
      name: true,
      shortName: true,
      kind: true,
      validFrom: true,
      validTo: true,
      active: true,
      isStandingOffice: true,
      _count: { select: { users: { where: { active: true } }, assignments: { where: { completedAt: null } } } },
    },
  });
  return units.map((u) => ({
    ...u,
    validFrom: fromDbDate(u.validFrom),
    validTo: isoOf(u.validTo),
    activeUsers: u._count.users,
    openAssignments: u._count.assignments,
  }));
}

export async function getUnit(unitId: number) {
  await requirePermission('unit:manage');
  const u = await getDb().unit.findUnique({
    where: { id: unitId },
    select: {
      id: true,
      code: true,
      name: true,
      shortName: true,
      kind: true,
      validFrom: true,
      validTo: true,
      active: true,
      isStandingOffice: true,
      predecessors: {
        select: { kind: true, effectiveDate: true, note: true, predecessor: { select: { id: true, name: true } } },
      },
      successors: {
        select: { kind: true, effectiveDate: true, note: true, successor: { select: { id: true, name: true } } },
      },
      _count: { select: { users: { where: { active: true } }, assignments: true } },
    },
  });
  if (!u) throw new NotFoundError();
  const [open, done] = await Promise.all([
    getDb().assignment.count({ where: { unitId, completedAt: null } }),
    getDb().assignment.count({ where: { unitId, completedAt: { not: null } } }),
  ]);
  return {
    ...u,
    validFrom: fromDbDate(u.validFrom),
    validTo: isoOf(u.validTo),
    predecessors: u.predecessors.map((l) => ({ ...l, effectiveDate: fromDbDate(l.effectiveDate) })),
    successors: u.successors.map((l) => ({ ...l, effectiveDate: fromDbDate(l.effectiveDate) })),
    activeUsers: u._count.users,
    assignments: u._count.assignments,
    openAssignments: open,
    completedAssignments: done,
  };
}

function uniqueCode(error: unknown): never {
  // Two admins creating the same code at once: the pre-check passed for both, the key refuses one.
  if (
    error instanceof Prisma.PrismaClientKnownRequestError &&
    error.code === 'P2002' &&
    JSON.stringify(error.meta ?? {}).includes('code')
  ) {
    throw new FieldError('code', 'Mã đơn vị này đã được dùng.');
  }
  throw error;
}

async function assertCodeFree(tx: Tx, code: string, field = 'code', exceptId?: number): Promise<void> {
  const other = await tx.unit.findUnique({ where: { code }, select: { id: true } });
  if (other && other.id !== exceptId) throw new FieldError(field, `Mã đơn vị ${code} đã được dùng.`);
}

export async function createUnit(input: UnitInput): Promise<{ unitId: number }> {
  const user = await requirePermission('unit:manage');
  try {
    return await getDb().$transaction(async (tx) => {
      await assertCodeFree(tx, input.code);
      const u = await tx.unit.create({
        data: {
          code: input.code,
          name: input.name,
          shortName: input.shortName,
          kind: input.kind,
          validFrom: toDbDate(input.validFrom!),
        },
        select: { id: true },
      });
      await audit(tx, {
        actorId: user.id,
        action: 'unit.created',
        entityType: 'Unit',
        entityId: u.id,
        data: { code: input.code, name: input.name, kind: input.kind },
      });
      return { unitId: u.id };
    });
  } catch (error) {
    return uniqueCode(error);
  }
}

export async function updateUnit(input: UnitUpdateInput): Promise<void> {
  const user = await requirePermission('unit:manage');
  try {
    await getDb().$transaction(async (tx) => {
      const u = await tx.unit.findUnique({
        where: { id: input.unitId },
        select: { id: true, code: true, name: true, shortName: true, kind: true, validFrom: true, validTo: true },
      });
      if (!u) throw new NotFoundError();
      await assertCodeFree(tx, input.code, 'code', u.id);
      if (u.validTo && input.validFrom! >= fromDbDate(u.validTo))
        throw new FieldError('validFrom', 'Ngày bắt đầu phải trước ngày thôi hoạt động.');
      await tx.unit.update({
        where: { id: u.id },
        data: {
          code: input.code,
          name: input.name,
          shortName: input.shortName,
          kind: input.kind,
          validFrom: toDbDate(input.validFrom!),
        },
      });
      await audit(tx, {
        actorId: user.id,
        action: 'unit.updated',
        entityType: 'Unit',
        entityId: u.id,
        data: {
          from: {
            code: u.code,
            name: u.name,
            shortName: u.shortName,
            kind: u.kind,
            validFrom: fromDbDate(u.validFrom),
          },
          to: {
            code: input.code,
            name: input.name,
            shortName: input.shortName,
            kind: input.kind,
            validFrom: input.validFrom,
          },
        },
      });
    });
  } catch (error) {
    uniqueCode(error);
  }
}

function assertEffectiveDate(date: IsoDate, now: Date, field = 'effectiveDate'): void {
  if (date > vnDateOf(now))
    throw new FieldError(field, 'Chỉ ghi nhận khi quyết định đã có hiệu lực: ngày không được sau hôm nay.');
}

/**
 * A unit stops existing without a successor. Refused while people still sign in for it or it
 * still has work to do: those need a merger or split (which hands the work on), or moving the
 * users first — a unit must not silently leave overdue tasks nobody can report on.
 */
export async function deactivateUnit(input: UnitDeactivateInput, { now = new Date() } = {}): Promise<void> {
  const user = await requirePermission('unit:manage');
  await getDb().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "Unit" WHERE id = ${input.unitId} FOR UPDATE`;
    const u = await tx.unit.findUnique({
      where: { id: input.unitId },
      select: { id: true, name: true, active: true, isStandingOffice: true, validFrom: true },
    });
    if (!u) throw new NotFoundError();
    if (!u.active) throw new ConflictError('Đơn vị đã thôi hoạt động.');
    if (u.isStandingOffice)
      throw new ConflictError('Đây là cơ quan thường trực cải cách hành chính: không thể cho thôi hoạt động.');
    const date = input.effectiveDate!;
    assertEffectiveDate(date, now);
    if (date <= fromDbDate(u.validFrom))
      throw new FieldError(
        'effectiveDate',
        `Ngày thôi hoạt động phải sau ngày bắt đầu (${formatDateVn(fromDbDate(u.validFrom))}).`,
      );
    const users = await tx.user.count({ where: { unitId: u.id, active: true } });
    if (users > 0)
      throw new ConflictError(
        `Đơn vị còn ${users} người dùng đang hoạt động: chuyển họ sang đơn vị khác hoặc khóa tài khoản trước.`,
      );
    const open = await tx.assignment.count({ where: { unitId: u.id, completedAt: null, task: { archivedAt: null } } });
    if (open > 0) {
      throw new ConflictError(
        `Đơn vị còn ${open} nhiệm vụ chưa hoàn thành: hãy ghi nhận sáp nhập hoặc chia tách để chuyển giao nhiệm vụ cho đơn vị kế thừa.`,
      );
    }
    await tx.unit.update({ where: { id: u.id }, data: { active: false, validTo: toDbDate(date) } });
    await audit(tx, {
      actorId: user.id,
      action: 'unit.deactivated',
      entityType: 'Unit',
      entityId: u.id,
      data: { effectiveDate: date },
    });
  });
}

export async function reactivateUnit(unitId: number): Promise<void> {
  const user = await requirePermission('unit:manage');
  await getDb().$transaction(async (tx) => {
    const u = await tx.unit.findUnique({
      where: { id: unitId },
      select: { id: true, active: true, _count: { select: { successors: true } } },
    });
    if (!u) throw new NotFoundError();
    if (u.active) throw new ConflictError('Đơn vị đang hoạt động.');
    if (u._count.successors > 0)
      throw new ConflictError('Đơn vị đã sáp nhập hoặc chia tách vào đơn vị khác: không hoạt động lại được.');
    await tx.unit.update({ where: { id: u.id }, data: { active: true, validTo: null } });
    await audit(tx, { actorId: user.id, action: 'unit.reactivated', entityType: 'Unit', entityId: u.id });
  });
}

/** Assignments of the given units as the merger planner sees them. */
async function mergerFacts(tx: Tx, unitIds: number[]): Promise<(MergerAssignment & { startedAt: Date | null })[]> {
  // Lock them: a report saved meanwhile must not land on an assignment being moved or deleted.
  await tx.$executeRaw`SELECT 1 FROM "Assignment" WHERE "unitId" IN (${Prisma.join(unitIds)}) FOR UPDATE`;
  const rows = await tx.assignment.findMany({
    where: { unitId: { in: unitIds } },
    select: {
      id: true,
      taskId: true,
      unitId: true,
      role: true,
      completedAt: true,
      progress: true,
      startedAt: true,
      task: { select: { recurrence: true } },
      reports: { select: { periodKey: true } },
      _count: { select: { extensions: true } },
    },
  });
  return rows.map((a) => ({
    id: a.id,
    taskId: a.taskId,
    unitId: a.unitId,
    role: a.role,
    completed: a.completedAt !== null && !isRecurring(a.task.recurrence),
    progress: a.progress,
    reportPeriods: a.reports.map((r) => r.periodKey),
    extensionCount: a._count.extensions,
    startedAt: a.startedAt,
  }));
}

async function assertPredecessors(tx: Tx, ids: number[], date: IsoDate, field = 'predecessorIds') {
  await tx.$executeRaw`SELECT 1 FROM "Unit" WHERE id IN (${Prisma.join(ids)}) FOR UPDATE`;
  const units = await tx.unit.findMany({
    where: { id: { in: ids } },
    select: { id: true, code: true, name: true, kind: true, active: true, validFrom: true, isStandingOffice: true },
  });
  if (units.length !== ids.length) throw new NotFoundError();
  for (const u of units) {
    if (!u.active) throw new FieldError(field, `${u.name} đã thôi hoạt động.`);
    if (u.kind === 'LEADERSHIP') throw new FieldError(field, 'Không sáp nhập, chia tách UBND thành phố.');
    if (date <= fromDbDate(u.validFrom)) {
      throw new FieldError(
        'effectiveDate',
        `Ngày có hiệu lực phải sau ngày bắt đầu của ${u.name} (${formatDateVn(fromDbDate(u.validFrom))}).`,
      );
    }
  }
  return units;
}

export type MergerResult = {
  successorId: number;
  moved: number;
  folded: number;
  removed: number;
  keptWithHistory: number;
  stayed: number;
  usersMoved: number;
};

/**
 * Two or more units end on the effective date and a new unit starts that day (docs/decisions/006):
 * completed work stays with the former units, open work moves to the new one (one assignment per
 * task), lineage rows MERGE record who became whom, and (if asked) their people move too.
 */
export async function mergeUnits(input: UnitMergeInput, { now = new Date() } = {}): Promise<MergerResult> {
  const user = await requirePermission('unit:manage');
  const date = input.effectiveDate!;
  assertEffectiveDate(date, now);
  try {
    return await getDb().$transaction(
      async (tx) => {
        const preds = await assertPredecessors(tx, input.predecessorIds, date);
        await assertCodeFree(tx, input.code);
        const successor = await tx.unit.create({
          data: {
            code: input.code,
            name: input.name,
            shortName: input.shortName,
            kind: input.kind,
            validFrom: toDbDate(date),
            isStandingOffice: preds.some((p) => p.isStandingOffice),
          },
          select: { id: true },
        });
        const facts = await mergerFacts(tx, input.predecessorIds);
        const plan = planMerger(facts);
        const byId = new Map(facts.map((f) => [f.id, f]));
        for (const m of plan.move)
          await tx.assignment.update({ where: { id: m.id }, data: { unitId: successor.id, role: m.role } });
        for (const f of plan.fold) {
          await tx.report.updateMany({
            where: { assignmentId: f.from, periodKey: { in: f.periods } },
            data: { assignmentId: f.into },
          });
          const from = byId.get(f.from);
          const into = byId.get(f.into);
          // The work file now holds the folded reports: it started when the first of them did.
          if (from?.startedAt && into && (!into.startedAt || from.startedAt < into.startedAt)) {
            await tx.assignment.update({ where: { id: f.into }, data: { startedAt: from.startedAt } });
            into.startedAt = from.startedAt;
          }
        }
        if (plan.remove.length) await tx.assignment.deleteMany({ where: { id: { in: plan.remove } } });
        await tx.unit.updateMany({
          where: { id: { in: input.predecessorIds } },
          data: { active: false, validTo: toDbDate(date), isStandingOffice: false },
        });
        await tx.unitLineage.createMany({
          data: input.predecessorIds.map((predecessorId) => ({
            kind: 'MERGE' as const,
            predecessorId,
            successorId: successor.id,
            effectiveDate: toDbDate(date),
            note: input.note,
          })),
        });
        const users = input.moveUsers
          ? await tx.user.updateMany({
              where: { unitId: { in: input.predecessorIds }, active: true },
              data: { unitId: successor.id },
            })
          : { count: 0 };
        const result: MergerResult = {
          successorId: successor.id,
          moved: plan.move.length,
          folded: plan.fold.length,
          removed: plan.remove.length,
          keptWithHistory: plan.keep.length,
          stayed: plan.stay.length,
          usersMoved: users.count,
        };
        await audit(tx, {
          actorId: user.id,
          action: 'unit.merged',
          entityType: 'Unit',
          entityId: successor.id,
          data: {
            predecessors: preds.map((p) => ({ id: p.id, code: p.code, name: p.name })),
            effectiveDate: date,
            ...result,
            movedIds: plan.move.map((m) => m.id),
            removedIds: plan.remove,
            keptIds: plan.keep,
          },
        });
        return result;
      },
      { timeout: 60_000 },
    );
  } catch (error) {
    return uniqueCode(error);
  }
}

export type SplitResult = { successorIds: number[]; moved: number; copied: number; stayed: number; usersMoved: number };

/**
 * One unit ends and two or more new units start on the effective date: completed work stays, its
 * open assignments (with their files) move to the successor chosen to take over its records, and
 * every other successor gets its own assignment of each open task.
 */
export async function splitUnit(input: UnitSplitInput, { now = new Date() } = {}): Promise<SplitResult> {
  const user = await requirePermission('unit:manage');
  const date = input.effectiveDate!;
  assertEffectiveDate(date, now);
  try {
    return await getDb().$transaction(
      async (tx) => {
        const [pred] = await assertPredecessors(tx, [input.predecessorId], date, 'predecessorId');
        for (const [i, s] of input.successors.entries()) await assertCodeFree(tx, s.code, `successors.${i}.code`);
        const created: number[] = [];
        for (const [i, s] of input.successors.entries()) {
          const u = await tx.unit.create({
            data: {
              code: s.code,
              name: s.name,
              kind: s.kind,
              validFrom: toDbDate(date),
              isStandingOffice: i === input.mainIndex && (pred?.isStandingOffice ?? false),
            },
            select: { id: true },
          });
          created.push(u.id);
        }
        const main = created[input.mainIndex]!;
        const facts = await mergerFacts(tx, [input.predecessorId]);
        const plan = planSplit(
          facts,
          created.filter((id) => id !== main),
        );
        if (plan.move.length)
          await tx.assignment.updateMany({ where: { id: { in: plan.move } }, data: { unitId: main } });
        const sources = new Map(
          (
            await tx.assignment.findMany({
              where: { id: { in: plan.move } },
              select: { id: true, taskId: true, role: true, dueDate: true, originalDueDate: true },
            })
          ).map((a) => [a.id, a]),
        );
        const copies = plan.copy.flatMap((c) => {
          const a = sources.get(c.fromId);
          return a
            ? [
                {
                  taskId: a.taskId,
                  unitId: c.unitId,
                  role: a.role,
                  dueDate: a.dueDate,
                  originalDueDate: a.originalDueDate,
                },
              ]
            : [];
        });
        if (copies.length) await tx.assignment.createMany({ data: copies, skipDuplicates: true });
        await tx.unit.update({
          where: { id: input.predecessorId },
          data: { active: false, validTo: toDbDate(date), isStandingOffice: false },
        });
        await tx.unitLineage.createMany({
          data: created.map((successorId) => ({
            kind: 'SPLIT' as const,
            predecessorId: input.predecessorId,
            successorId,
            effectiveDate: toDbDate(date),
            note: input.note,
          })),
        });
        const users = input.moveUsers
          ? await tx.user.updateMany({ where: { unitId: input.predecessorId, active: true }, data: { unitId: main } })
          : { count: 0 };
        const result: SplitResult = {
          successorIds: created,
          moved: plan.move.length,
          copied: copies.length,
          stayed: plan.stay.length,
          usersMoved: users.count,
        };
        await audit(tx, {
          actorId: user.id,
          action: 'unit.split',
          entityType: 'Unit',
          entityId: input.predecessorId,
          data: {
            predecessor: { id: pred?.id ?? input.predecessorId, code: pred?.code ?? '', name: pred?.name ?? '' },
            effectiveDate: date,
            mainSuccessorId: main,
            ...result,
          },
        });
        return result;
      },
      { timeout: 60_000 },
    );
  } catch (error) {
    return uniqueCode(error);
  }
}
