import 'server-only';
import { getDb } from '../db';
import { ConflictError, NotFoundError } from '../errors';
import type { ProgrammeInput, ProgrammeUpdateInput } from '../validation/programme';
import { audit } from './audit';
import { requirePermission } from './guard';
import { dbDate, isoOf } from './programme-common';

/**
 * Programmes (docs/decisions/007); their sections, tasks and assignments are in sections.ts,
 * tasks.ts and assignments.ts.
 * Every function starts with requirePermission('programme:manage'): the administrator, and the
 * standing office's head through `can` (lib/permissions.ts). Every write is one transaction that
 * ends with an audit event.
 */

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
