import { describe, expect, it } from 'vitest';
import { getDb } from '../../lib/db';
import { HA_TINH_UNITS } from '../../lib/domain/ha-tinh-units';
import { NQ76_TITLE, seedDemo } from '../../prisma/seed';

async function counts() {
  const db = getDb();
  const [units, users, programmes, tasks, assignments, reports, audit] = await Promise.all([
    db.unit.count(),
    db.user.count(),
    db.programme.count(),
    db.task.count(),
    db.assignment.count(),
    db.report.count(),
    db.auditEvent.count(),
  ]);
  return { units, users, programmes, tasks, assignments, reports, audit };
}

describe('seed', () => {
  it('builds the NQ76 programme as the directive reads: 2 sections, 10 tasks, leads and collective addressees', async () => {
    const db = getDb();
    const programme = await db.programme.findFirstOrThrow({
      where: { title: NQ76_TITLE },
      select: {
        sections: {
          orderBy: { order: 'asc' },
          select: {
            numeral: true,
            tasks: {
              orderBy: { order: 'asc' },
              select: {
                number: true,
                dueDate: true,
                recurrence: true,
                assignments: { select: { role: true, unit: { select: { code: true } } } },
              },
            },
          },
        },
      },
    });
    expect(programme.sections.map((s) => `${s.numeral}:${s.tasks.length}`)).toEqual(['I:8', 'II:2']);
    const task = (numeral: string, n: string) =>
      programme.sections.find((s) => s.numeral === numeral)!.tasks.find((t) => t.number === n)!;
    expect(task('I', '1').dueDate?.toISOString().slice(0, 10)).toBe('2021-09-15');
    const leadOf = (t: ReturnType<typeof task>) =>
      t.assignments.filter((a) => a.role === 'LEAD').map((a) => a.unit.code);
    expect(leadOf(task('I', '2'))).toEqual(['NV']);
    expect(leadOf(task('I', '8'))).toEqual(['VHTT']);
    const reporting = HA_TINH_UNITS.filter((u) => u.kind !== 'LEADERSHIP').length;
    expect(task('I', '3').assignments).toHaveLength(reporting); // "Người đứng đầu các đơn vị, địa phương"
    expect(task('II', '1').assignments).toHaveLength(reporting);
    expect(task('II', '1').recurrence).toBe('YEARLY');
    expect(task('I', '8').assignments).toHaveLength(1);
  });

  it('has every unit of Hà Tĩnh city: 10 wards, 5 communes, 12 offices', async () => {
    const db = getDb();
    expect(await db.unit.count({ where: { kind: 'WARD' } })).toBe(10);
    expect(await db.unit.count({ where: { kind: 'COMMUNE' } })).toBe(5);
    expect(await db.unit.count({ where: { kind: 'DEPARTMENT' } })).toBe(12);
  });

  it('has reports in every status', async () => {
    const byStatus = await getDb().report.groupBy({ by: ['status'], _count: true });
    expect(byStatus.map((r) => r.status).sort()).toEqual(['APPROVED', 'DRAFT', 'RETURNED', 'SUBMITTED']);
  });

  it('is idempotent: a second run changes nothing', async () => {
    const before = await counts();
    await seedDemo(getDb());
    expect(await counts()).toEqual(before);
  });
});
