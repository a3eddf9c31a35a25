import 'server-only';
import { getDb, Prisma } from '../db';
import { ConflictError, FieldError, NotFoundError } from '../errors';
import { planAssignments } from '../domain/fan-out';
import type { IndicatorCreateInput, IndicatorUpdateInput } from '../validation/indicator';
import { activeUnits, createAssignments } from './assignments';
import { audit } from './audit';
import { requirePermission } from './guard';

/**
 * Administration of indicators (chỉ tiêu), decision 023. An indicator is reported through its task
 * (decision 014): creating one makes the task (its recurrence is the Decree 09 period), the
 * indicator with its targets and the reporting units' assignments in one transaction; deactivating
 * archives the task, so nobody owes it any more and it leaves the dashboard, while every report and
 * value stays. Every function starts with requirePermission('programme:manage') and every write
 * ends with an audit event.
 */

type Tx = Prisma.TransactionClient;

const num = (d: Prisma.Decimal | null): number | null => (d === null ? null : d.toNumber());

/** The indicator's own fields as the admin pages read them (the edit page and the update's before-image). */
const INDICATOR_FIELDS = {
  id: true,
  code: true,
  name: true,
  reformArea: true,
  measureUnit: true,
  direction: true,
  baselineValue: true,
  baselineYear: true,
  targets: { orderBy: { year: 'asc' as const }, select: { year: true, value: true } },
} satisfies Prisma.IndicatorSelect;

/** The indicators of a programme, for its administration page. */
export async function listProgrammeIndicators(programmeId: number) {
  await requirePermission('programme:manage');
  const rows = await getDb().indicator.findMany({
    where: { task: { programmeId } },
    orderBy: { code: 'asc' },
    select: {
      id: true,
      code: true,
      name: true,
      measureUnit: true,
      targets: { orderBy: { year: 'asc' }, select: { year: true, value: true } },
      task: { select: { id: true, recurrence: true, archivedAt: true, _count: { select: { assignments: true } } } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    measureUnit: r.measureUnit,
    targets: r.targets.map((t) => ({ year: t.year, value: t.value.toNumber() })),
    taskId: r.task.id,
    recurrence: r.task.recurrence,
    active: r.task.archivedAt === null,
    reporters: r.task._count.assignments,
  }));
}

/** One indicator for its edit page; `programmeId` must be the programme in the address. */
export async function getIndicatorForEdit(indicatorId: number, programmeId: number) {
  await requirePermission('programme:manage');
  const db = getDb();
  const r = await db.indicator.findUnique({
    where: { id: indicatorId },
    select: {
      ...INDICATOR_FIELDS,
      task: {
        select: {
          id: true,
          text: true,
          recurrence: true,
          archivedAt: true,
          programme: { select: { id: true, title: true } },
          assignments: {
            orderBy: [{ unit: { kind: 'asc' } }, { unit: { name: 'asc' } }],
            select: { unit: { select: { name: true } }, _count: { select: { reports: true } } },
          },
        },
      },
    },
  });
  if (!r || r.task.programme.id !== programmeId) throw new NotFoundError();
  const history = await db.auditEvent.findMany({
    where: { entityType: 'Indicator', entityId: String(r.id) },
    orderBy: { at: 'desc' },
    take: 50,
    select: { id: true, at: true, action: true, actor: { select: { displayName: true } } },
  });
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    reformArea: r.reformArea,
    measureUnit: r.measureUnit,
    direction: r.direction,
    baselineValue: num(r.baselineValue),
    baselineYear: r.baselineYear,
    targets: r.targets.map((t) => ({ year: t.year, value: t.value.toNumber() })),
    text: r.task.text,
    recurrence: r.task.recurrence,
    taskId: r.task.id,
    programme: r.task.programme,
    active: r.task.archivedAt === null,
    reporters: r.task.assignments.map((a) => ({ name: a.unit.name, reports: a._count.reports })),
    history: history.map((h) => ({ ...h, id: String(h.id) })),
  };
}

async function codeIsFree(tx: Tx, code: string, exceptId?: number): Promise<void> {
  const other = await tx.indicator.findUnique({ where: { code }, select: { id: true } });
  if (other && other.id !== exceptId)
    throw new FieldError('code', `Mã chỉ tiêu ${code} đã được dùng cho chỉ tiêu khác.`);
}

/** A race on the unique code between the check and the write reads as the same field message. */
function codeTaken(error: unknown, code: string): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
    throw new FieldError('code', `Mã chỉ tiêu ${code} đã được dùng cho chỉ tiêu khác.`);
  throw error;
}

function taskText(input: { name: string; text: string | null; measureUnit: string }): string {
  return (
    input.text ??
    `Báo cáo giá trị chỉ tiêu "${input.name}" (đơn vị tính: ${input.measureUnit}) theo kỳ báo cáo, kèm tài liệu kiểm chứng.`
  );
}

const taskTitle = (name: string) => `Báo cáo chỉ tiêu: ${name}`.slice(0, 300);

export async function createIndicator(
  input: IndicatorCreateInput,
): Promise<{ indicatorId: number; taskId: number; reporters: number }> {
  const user = await requirePermission('programme:manage');
  return getDb()
    .$transaction(async (tx) => {
      const p = await tx.programme.findUnique({ where: { id: input.programmeId }, select: { id: true } });
      if (!p) throw new NotFoundError();
      const section = await tx.section.findUnique({ where: { id: input.sectionId }, select: { programmeId: true } });
      if (!section || section.programmeId !== p.id)
        throw new FieldError('sectionId', 'Mục không thuộc chương trình này.');
      await codeIsFree(tx, input.code);
      const units = await activeUnits(tx);
      if (input.reporterUnitId !== null && !units.some((u) => u.id === input.reporterUnitId))
        throw new FieldError('reporterUnitId', 'Đơn vị báo cáo không còn hoạt động.');
      const plan = planAssignments(
        {
          lead: null,
          coordinators: [],
          coordinatingGroup: null,
          implementers: input.reporterUnitId === null ? [] : [input.reporterUnitId],
          collective: input.reporterGroup,
        },
        units,
      );
      if (plan.size === 0) throw new FieldError('reporterGroup', 'Nhóm này không có đơn vị nào đang hoạt động.');
      const last = await tx.task.aggregate({ where: { sectionId: input.sectionId }, _max: { order: true } });
      const order = (last._max.order ?? 0) + 1;
      const task = await tx.task.create({
        data: {
          programmeId: p.id,
          sectionId: input.sectionId,
          number: String(order),
          order,
          title: taskTitle(input.name),
          text: taskText(input),
          reformArea: input.reformArea,
          recurrence: input.recurrence,
          evidenceRequired: true,
        },
        select: { id: true },
      });
      const indicator = await tx.indicator.create({
        data: {
          taskId: task.id,
          code: input.code,
          name: input.name,
          reformArea: input.reformArea,
          measureUnit: input.measureUnit,
          direction: input.direction,
          baselineValue: input.baselineValue,
          baselineYear: input.baselineYear,
          verified: true,
          targets: { create: input.targets },
        },
        select: { id: true },
      });
      await createAssignments(tx, task.id, plan, null);
      await audit(tx, {
        actorId: user.id,
        action: 'indicator.created',
        entityType: 'Indicator',
        entityId: indicator.id,
        data: {
          programmeId: p.id,
          taskId: task.id,
          code: input.code,
          name: input.name,
          recurrence: input.recurrence,
          targets: input.targets,
          reporters: plan.size,
        },
      });
      return { indicatorId: indicator.id, taskId: task.id, reporters: plan.size };
    })
    .catch((error: unknown) => codeTaken(error, input.code));
}

/**
 * Edits an indicator and its targets. Reported values are never touched; the period cannot change
 * once a report exists (its periods would no longer match). The audit event keeps old and new values.
 */
export async function updateIndicator(
  input: IndicatorUpdateInput,
): Promise<{ programmeId: number; changed: string[] }> {
  const user = await requirePermission('programme:manage');
  return getDb()
    .$transaction(async (tx) => {
      await tx.$executeRaw`SELECT 1 FROM "Indicator" WHERE id = ${input.indicatorId} FOR UPDATE`;
      const r = await tx.indicator.findUnique({
        where: { id: input.indicatorId },
        select: {
          ...INDICATOR_FIELDS,
          task: { select: { id: true, programmeId: true, text: true, recurrence: true } },
        },
      });
      if (!r) throw new NotFoundError();
      if (input.code !== r.code) await codeIsFree(tx, input.code, r.id);
      const reports = await tx.report.count({ where: { assignment: { taskId: r.task.id } } });
      if (input.recurrence !== r.task.recurrence && reports > 0)
        throw new FieldError(
          'recurrence',
          `Chỉ tiêu đã có ${reports.toLocaleString('vi-VN')} báo cáo theo kỳ hiện tại: không đổi kỳ báo cáo được (các kỳ đã báo cáo sẽ không còn khớp).`,
        );
      const before = {
        code: r.code,
        name: r.name,
        reformArea: r.reformArea,
        measureUnit: r.measureUnit,
        direction: r.direction,
        baselineValue: num(r.baselineValue),
        baselineYear: r.baselineYear,
        recurrence: r.task.recurrence,
        text: r.task.text,
        targets: JSON.stringify(r.targets.map((t) => ({ year: t.year, value: t.value.toNumber() }))),
      };
      const after = {
        code: input.code,
        name: input.name,
        reformArea: input.reformArea,
        measureUnit: input.measureUnit,
        direction: input.direction,
        baselineValue: input.baselineValue,
        baselineYear: input.baselineYear,
        recurrence: input.recurrence,
        text: taskText(input),
        targets: JSON.stringify(input.targets),
      };
      const changes: Record<string, { from: Prisma.InputJsonValue | null; to: Prisma.InputJsonValue | null }> = {};
      for (const key of Object.keys(after) as (keyof typeof after)[]) {
        if (before[key] !== after[key]) changes[key] = { from: before[key], to: after[key] };
      }
      const changed = Object.keys(changes);
      if (changed.length === 0) return { programmeId: r.task.programmeId, changed };
      await tx.indicator.update({
        where: { id: r.id },
        data: {
          code: input.code,
          name: input.name,
          reformArea: input.reformArea,
          measureUnit: input.measureUnit,
          direction: input.direction,
          baselineValue: input.baselineValue,
          baselineYear: input.baselineYear,
        },
      });
      if (changes.targets) {
        await tx.indicatorTarget.deleteMany({ where: { indicatorId: r.id } });
        await tx.indicatorTarget.createMany({ data: input.targets.map((t) => ({ indicatorId: r.id, ...t })) });
      }
      await tx.task.update({
        where: { id: r.task.id },
        data: {
          title: taskTitle(input.name),
          text: after.text,
          reformArea: input.reformArea,
          recurrence: input.recurrence,
        },
      });
      await audit(tx, {
        actorId: user.id,
        action: 'indicator.updated',
        entityType: 'Indicator',
        entityId: r.id,
        data: { changes, reportsKept: reports },
      });
      return { programmeId: r.task.programmeId, changed };
    })
    .catch((error: unknown) => codeTaken(error, input.code));
}

/**
 * Deactivates (or reactivates) an indicator: its task is archived, so units no longer owe reports
 * on it and it leaves the dashboard and exports; its reports and values stay, and reactivating
 * brings it back with its history.
 */
export async function setIndicatorActive(
  indicatorId: number,
  active: boolean,
  { now = new Date() } = {},
): Promise<{ programmeId: number }> {
  const user = await requirePermission('programme:manage');
  return getDb().$transaction(async (tx) => {
    const r = await tx.indicator.findUnique({
      where: { id: indicatorId },
      select: { id: true, code: true, task: { select: { id: true, programmeId: true, archivedAt: true } } },
    });
    if (!r) throw new NotFoundError();
    if ((r.task.archivedAt === null) === active)
      throw new ConflictError(active ? 'Chỉ tiêu đang được theo dõi.' : 'Chỉ tiêu đã ngừng theo dõi.');
    await tx.task.update({ where: { id: r.task.id }, data: { archivedAt: active ? null : now } });
    await audit(tx, {
      actorId: user.id,
      action: active ? 'indicator.reactivated' : 'indicator.deactivated',
      entityType: 'Indicator',
      entityId: r.id,
      data: { code: r.code, taskId: r.task.id },
    });
    return { programmeId: r.task.programmeId };
  });
}
