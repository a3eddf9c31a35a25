import { beforeAll, describe, expect, it, vi } from 'vitest';
import { actAs, currentUser, unitId } from '../support/as-user';

vi.mock('../../lib/auth', () => ({ getCurrentUser: async () => currentUser() }));

const { getAssignment, listMyAssignments, listReviewInbox } = await import('../../lib/data/work');
const { getDb } = await import('../../lib/db');
const { reviewerFor } = await import('../../lib/domain/review-routing');

let namHaAssignment: number;
let tranPhuAssignment: number;

beforeAll(async () => {
  const db = getDb();
  namHaAssignment = (await db.assignment.findFirstOrThrow({ where: { unitId: await unitId('P-NAMHA') } })).id;
  tranPhuAssignment = (await db.assignment.findFirstOrThrow({ where: { unitId: await unitId('P-TRANPHU') } })).id;
});

describe('what each user can see', () => {
  it('an officer sees their own unit’s assignments and nothing of another ward', async () => {
    await actAs('cb.tranphu');
    const mine = await listMyAssignments();
    // 9 of the 10 NQ76 tasks (I.8 is the culture office's alone), the 8 of this year's plan and the 7
    // one-off tasks of last year's (prisma/seed/year-plan.ts), and the 4 targets every ward and
    // commune reports (prisma/seed/targets.ts).
    expect(mine.length).toBe(9 + 8 + 7 + 4);
    expect(await getAssignment(tranPhuAssignment)).toMatchObject({ unit: { name: 'Phường Trần Phú' } });
    await expect(getAssignment(namHaAssignment)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('an officer has no review inbox', async () => {
    await actAs('cb.namha');
    await expect(listReviewInbox()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('nobody signed in gets nothing', async () => {
    await actAs(null);
    await expect(listMyAssignments()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('the chairman can open any assignment', async () => {
    await actAs('chutich');
    expect(await getAssignment(namHaAssignment)).toMatchObject({ unit: { name: 'Phường Nam Hà' } });
  });

  it('the lead department head can open the assignments of the tasks their department leads', async () => {
    await actAs('tp.vhtt');
    const db = getDb();
    const ledByVhtt = await db.assignment.findFirstOrThrow({ where: { role: 'LEAD', unit: { code: 'VHTT' } } });
    expect((await getAssignment(ledByVhtt.id)).id).toBe(ledByVhtt.id);
    await expect(getAssignment(namHaAssignment)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('review routing: the database filter and the written rule agree on every submitted report', () => {
  it('routes each seeded submitted report to exactly the reviewers the rule names', async () => {
    const db = getDb();
    const standingOffice = await unitId('NV');
    const reports = await db.report.findMany({
      where: { status: 'SUBMITTED' },
      select: {
        id: true,
        assignment: {
          select: {
            unitId: true,
            role: true,
            task: { select: { assignments: { where: { role: 'LEAD' }, select: { unitId: true } } } },
          },
        },
      },
    });
    expect(reports.length).toBeGreaterThanOrEqual(5);
    const inboxes = new Map<string, Set<number>>();
    for (const username of ['tp.noivu', 'tp.vhtt', 'chutich']) {
      await actAs(username);
      inboxes.set(username, new Set((await listReviewInbox({ limit: 100 })).items.map((i) => i.reportId)));
    }
    const vhtt = await unitId('VHTT');
    for (const r of reports) {
      const reviewer = reviewerFor({
        reportUnitId: r.assignment.unitId,
        reportIsLead: r.assignment.role === 'LEAD',
        leadUnitId: r.assignment.task.assignments[0]?.unitId ?? null,
        standingOfficeUnitId: standingOffice,
      });
      const expected =
        reviewer.kind === 'CHAIRMAN'
          ? 'chutich'
          : reviewer.unitId === standingOffice
            ? 'tp.noivu'
            : reviewer.unitId === vhtt
              ? 'tp.vhtt'
              : null;
      for (const [username, inbox] of inboxes)
        expect(inbox.has(r.id), `report ${r.id} in ${username}`).toBe(username === expected);
    }
  });
});
