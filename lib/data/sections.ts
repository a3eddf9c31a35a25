import 'server-only';
import { getDb } from '../db';
import { ConflictError, NotFoundError } from '../errors';
import type { MoveInput, SectionInput, SectionUpdateInput } from '../validation/programme';
import { audit } from './audit';
import { requirePermission } from './guard';
import { reorder } from './programme-common';

/**
 * The sections of a programme (docs/decisions/007).
 * Every function starts with requirePermission('programme:manage'): the administrator, and the
 * standing office's head through `can` (lib/permissions.ts). Every write is one transaction that
 * ends with an audit event.
 */

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
