/**
 * The live tally (lib/data/status-live.ts, decision 008 amended): "now" on the dashboard and the
 * headlines is read from StatusLive, recounted only for the units a write touched. It must always
 * give exactly what evaluating the official status rule on every slot gives — for every scope and
 * filter, after any sequence of real writes, and with a write committing while a recount runs.
 */
import { describe, expect, it, vi } from 'vitest';
import { currentUser } from '../support/as-user';
import { prng } from '../support/prng';

vi.mock('../../lib/auth', () => ({ getCurrentUser: async () => currentUser() }));

const { getDb } = await import('../../lib/db');
const { computeDashboard, queryStatusCounts } = await import('../../lib/data/dashboard-sql');
const { refreshLiveTally, forgetLiveTally } = await import('../../lib/data/status-live');
const { toDbDate } = await import('../../lib/domain/time');

type Scope = Parameters<typeof computeDashboard>[2];
type Filter = Parameters<typeof computeDashboard>[3];
const VIEW = { sort: 'rate', heat: 'section', heatUnits: 1000 } as const;

/** The dashboard from the live tally and from the rule evaluated on every slot, at the same instant. */
async function compare(scope: Scope, filter: Filter, label: string): Promise<number> {
  const db = getDb();
  const now = new Date();
  const evaluated = await computeDashboard(db, now, scope, filter, VIEW, 'as-of');
  const tallied = await computeDashboard(db, now, scope, filter, VIEW, 'live');
  expect(tallied, label).toEqual(evaluated);
  expect(await queryStatusCounts(db, now, scope, filter, true), label).toEqual(evaluated.headline);
  return evaluated.headline.total;
}

async function dirtyUnits(): Promise<(number | null)[]> {
  const rows = await getDb().statusLiveDirty.findMany({ select: { unitId: true }, distinct: ['unitId'] });
  return rows.map((r) => r.unitId).sort();
}

describe('the live tally = the rule evaluated on every slot', () => {
  it('for every scope and filter on the seeded city', async () => {
    const db = getDb();
    await forgetLiveTally(db);
    const lead = await db.assignment.findFirstOrThrow({
      where: { role: 'LEAD', unit: { kind: 'DEPARTMENT' } },
      select: { unitId: true, task: { select: { programmeId: true, sectionId: true } } },
    });
    const ward = await db.assignment.findFirstOrThrow({
      where: { unit: { kind: 'WARD' } },
      select: { unitId: true },
    });
    const scopes: Scope[] = [
      { kind: 'CITY' },
      { kind: 'LED', unitId: lead.unitId, includeOwn: true, includeUnled: true },
      { kind: 'LED', unitId: lead.unitId, includeOwn: false, includeUnled: false },
      { kind: 'UNIT', unitId: ward.unitId },
    ];
    const filters: Filter[] = [
      {},
      { programme: lead.task.programmeId },
      { section: lead.task.sectionId },
      { kind: 'WARD' },
      { kind: 'COMMUNE' },
      { kind: 'DEPARTMENT' },
      { unit: ward.unitId },
      { lead: lead.unitId },
      { area: 'NONE' },
    ];
    let counted = 0;
    for (const scope of scopes)
      for (const filter of filters)
        if ((await compare(scope, filter, `${JSON.stringify(scope)} ${JSON.stringify(filter)}`)) > 0) counted += 1;
    expect(counted).toBeGreaterThan(25);
    // The heatmap by reform area too.
    const now = new Date();
    expect(await computeDashboard(db, now, { kind: 'CITY' }, {}, { sort: 'overdue', heat: 'area' }, 'live')).toEqual(
      await computeDashboard(db, now, { kind: 'CITY' }, {}, { sort: 'overdue', heat: 'area' }, 'as-of'),
    );
  });

  it('a write names only its unit, and the next read recounts that unit', async () => {
    const db = getDb();
    await refreshLiveTally(db);
    expect(await dirtyUnits()).toEqual([]);
    const open = await db.report.findFirstOrThrow({
      where: { status: 'DRAFT' },
      select: { id: true, assignment: { select: { unitId: true } } },
    });
    const before = await db.statusLive.count();
    await db.report.update({ where: { id: open.id }, data: { status: 'SUBMITTED', submittedAt: new Date() } });
    expect(await dirtyUnits()).toEqual([open.assignment.unitId]);
    await compare({ kind: 'CITY' }, {}, 'after one submission');
    expect(await dirtyUnits()).toEqual([]);
    // Not recounted whole: the state's day is unchanged and the other units' rows are the same rows.
    expect(Math.abs((await db.statusLive.count()) - before)).toBeLessThan(5);
  });

  it('after 250 random writes of every kind, compared every 25', async () => {
    const db = getDb();
    const random = prng(20261201);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    const author = (await db.user.findFirstOrThrow({ where: { username: 'cb.tranphu' } })).id;
    const programme = (
      await db.programme.create({
        data: {
          title: 'Kế hoạch kiểm tra số liệu tức thời',
          issuingBody: 'UBND thành phố',
          periodStart: toDbDate('2026-05-01'),
        },
      })
    ).id;
    const sections = [
      (await db.section.create({ data: { programmeId: programme, numeral: 'I', title: 'Một', order: 1 } })).id,
      (await db.section.create({ data: { programmeId: programme, numeral: 'II', title: 'Hai', order: 2 } })).id,
    ];
    const local = (
      await db.unit.findMany({
        where: { kind: { in: ['WARD', 'COMMUNE'] }, active: true },
        take: 8,
        select: { id: true },
      })
    ).map((u) => u.id);
    const departments = (
      await db.unit.findMany({ where: { kind: 'DEPARTMENT', active: true }, take: 3, select: { id: true } })
    ).map((u) => u.id);
    const recurrences = ['ONCE', 'MONTHLY', 'QUARTERLY', 'ONCE', 'CONTINUOUS'] as const;
    const tasks: number[] = [];
    for (const [i, recurrence] of recurrences.entries()) {
      const task = await db.task.create({
        data: {
          programmeId: programme,
          sectionId: pick(sections),
          number: String(i + 1),
          order: i + 1,
          title: `Nhiệm vụ ${i + 1}`,
          text: '...',
          recurrence,
          reformArea: pick(['INSTITUTIONS', 'ADMIN_PROCEDURES', null] as const),
        },
      });
      tasks.push(task.id);
      await db.assignment.create({ data: { taskId: task.id, unitId: pick(departments), role: 'LEAD' } });
    }
    const assign = async (taskId: number, unitId: number) => {
      const exists = await db.assignment.findUnique({ where: { taskId_unitId: { taskId, unitId } } });
      if (exists) return exists.id;
      const due =
        random() < 0.8 ? toDbDate(`2026-${pick(['09', '11', '12', '12'])}-${pick(['01', '15', '28'])}`) : null;
      return (
        await db.assignment.create({
          data: {
            taskId,
            unitId,
            role: 'IMPLEMENTING',
            dueDate: due,
            originalDueDate: due,
            createdAt: new Date(Date.UTC(2026, 4 + Math.floor(random() * 6), 1 + Math.floor(random() * 27), 3)),
          },
        })
      ).id;
    };
    for (const t of tasks) for (const u of local.slice(0, 5)) await assign(t, u);
    const anyAssignment = async () => {
      const rows = await db.assignment.findMany({
        where: { task: { programmeId: programme } },
        select: { id: true, unitId: true, taskId: true, task: { select: { recurrence: true } } },
      });
      return pick(rows);
    };
    const keyFor = (recurrence: string) =>
      recurrence === 'MONTHLY'
        ? pick(['2026-09', '2026-10', '2026-11', '2026-12'])
        : recurrence === 'QUARTERLY'
          ? pick(['2026-Q3', '2026-Q4'])
          : 'ONCE';
    await refreshLiveTally(db);

    let partial = 0;
    for (let step = 0; step < 250; step += 1) {
      const op = random();
      const a = await anyAssignment();
      // Writes that move several units' rows at once are compared right away: a later write to the
      // same units would otherwise hide a missed one.
      const structural = op >= 0.63 && op < 0.9;
      if (op < 0.3) {
        // a report written, maybe submitted, maybe approved
        const periodKey = keyFor(a.task.recurrence);
        const status = pick(['DRAFT', 'SUBMITTED', 'APPROVED'] as const);
        const completedAt = status === 'APPROVED' ? new Date(Date.UTC(2026, 7 + Math.floor(random() * 4), 5)) : null;
        await db.$transaction([
          db.report.upsert({
            where: { assignmentId_periodKey: { assignmentId: a.id, periodKey } },
            create: { assignmentId: a.id, periodKey, createdById: author, status, completedAt, progress: 50 },
            update: { status, completedAt },
          }),
          db.assignment.update({
            where: { id: a.id },
            data: {
              startedAt: new Date(Date.UTC(2026, 6, 1)),
              ...(a.task.recurrence === 'ONCE' || a.task.recurrence === 'CONTINUOUS' ? { completedAt } : {}),
            },
          }),
        ]);
      } else if (op < 0.4) {
        // returned: the approval withdrawn
        await db.report.updateMany({ where: { assignmentId: a.id }, data: { status: 'RETURNED', completedAt: null } });
        await db.assignment.update({ where: { id: a.id }, data: { completedAt: null } });
      } else if (op < 0.47) {
        await db.report.deleteMany({ where: { assignmentId: a.id } });
      } else if (op < 0.55) {
        // an extension approved: the deadline in force moves
        const previous = (await db.assignment.findUniqueOrThrow({ where: { id: a.id } })).dueDate;
        const requested = toDbDate(pick(['2026-12-20', '2027-01-15']));
        await db.$transaction([
          db.deadlineExtension.create({
            data: {
              assignmentId: a.id,
              previousDueDate: previous,
              requestedDueDate: requested,
              reason: 'Cần thêm thời gian',
              status: 'APPROVED',
              requestedById: author,
              decidedById: author,
              decidedAt: new Date(),
            },
          }),
          db.assignment.update({ where: { id: a.id }, data: { dueDate: requested } }),
        ]);
      } else if (op < 0.63) {
        // a new assignment, or one withdrawn
        if (random() < 0.6) await assign(pick(tasks), pick(local));
        else await db.assignment.delete({ where: { id: a.id } });
      } else if (op < 0.69) {
        // the lead moves to another department (every unit's rows carry the task's lead units)
        await db.assignment.deleteMany({ where: { taskId: a.taskId, role: 'LEAD' } });
        const dept = pick(departments);
        await db.assignment.upsert({
          where: { taskId_unitId: { taskId: a.taskId, unitId: dept } },
          create: { taskId: a.taskId, unitId: dept, role: 'LEAD' },
          update: { role: 'LEAD' },
        });
      } else if (op < 0.75) {
        // the task moves section, changes reform area, or is archived and restored
        const r = random();
        await db.task.update({
          where: { id: a.taskId },
          data:
            r < 0.4
              ? { sectionId: pick(sections) }
              : r < 0.7
                ? { reformArea: pick(['INSTITUTIONS', 'ORGANISATION', null] as const) }
                : {
                    archivedAt: (await db.task.findUniqueOrThrow({ where: { id: a.taskId } })).archivedAt
                      ? null
                      : new Date(),
                  },
        });
      } else if (op < 0.8) {
        // a task changes recurrence
        await db.task.update({
          where: { id: a.taskId },
          data: { recurrence: pick(['ONCE', 'MONTHLY', 'QUARTERLY'] as const) },
        });
      } else if (op < 0.84) {
        // bulk: every submitted report of a task approved at once
        await db.report.updateMany({
          where: { status: 'SUBMITTED', assignment: { taskId: a.taskId } },
          data: { status: 'APPROVED', completedAt: new Date() },
        });
      } else if (op < 0.87 && local.length > 6) {
        // a merger: a commune's work counts under a ward from an effective date
        const from = local.pop()!;
        await db.unitLineage.create({
          data: { kind: 'MERGE', predecessorId: from, successorId: local[0]!, effectiveDate: toDbDate('2026-10-01') },
        });
      } else if (op < 0.9) {
        // the programme's start moved (which assignments count)
        await db.programme.update({
          where: { id: programme },
          data: { periodStart: toDbDate(pick(['2026-05-01', '2026-08-01', '2027-02-01'])) },
        });
      } else {
        // a rolled-back transaction leaves nothing behind (and names no unit)
        await db
          .$transaction(async (tx) => {
            await tx.report.deleteMany({ where: { assignmentId: a.id } });
            throw new Error('rollback');
          })
          .catch(() => undefined);
      }
      const dirty = await dirtyUnits();
      if (dirty.length > 0 && !dirty.includes(null)) partial += 1;
      if (structural && step % 25 !== 24)
        await compare({ kind: 'CITY' }, { programme }, `step ${step} (op ${op.toFixed(2)})`);
      if (step % 25 === 24) {
        await compare({ kind: 'CITY' }, {}, `city after step ${step}`);
        await compare({ kind: 'CITY' }, { programme }, `programme after step ${step}`);
        await compare(
          { kind: 'LED', unitId: departments[0]!, includeOwn: true, includeUnled: false },
          { programme },
          `department after step ${step}`,
        );
        await compare({ kind: 'UNIT', unitId: local[0]! }, {}, `unit after step ${step}`);
      }
    }
    expect(partial).toBeGreaterThan(100); // most writes recounted a few units, not everything
    expect(await db.report.count({ where: { assignment: { task: { programmeId: programme } } } })).toBeGreaterThan(10);
  });

  it('a write committing while a recount runs is counted by the next read', async () => {
    const db = getDb();
    await refreshLiveTally(db);
    const open = await db.report.findFirstOrThrow({ where: { status: 'DRAFT' }, select: { id: true } });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let written!: () => void;
    const wrote = new Promise<void>((resolve) => (written = resolve));
    const writer = db.$transaction(
      async (tx) => {
        await tx.report.update({ where: { id: open.id }, data: { status: 'APPROVED', completedAt: new Date() } });
        written();
        await held;
      },
      { timeout: 60_000 },
    );
    await wrote;
    // Another unit made dirty and committed: the recount consumes it, but not the write in flight.
    const other = await db.report.findFirstOrThrow({
      where: { status: 'SUBMITTED', id: { not: open.id } },
      select: { id: true },
    });
    await db.report.update({ where: { id: other.id }, data: { status: 'RETURNED' } });
    await refreshLiveTally(db);
    release();
    await writer;
    await compare({ kind: 'CITY' }, {}, 'after the write in flight committed');
  });

  it('a new day recounts everything', async () => {
    const db = getDb();
    await refreshLiveTally(db);
    await db.statusLiveState.update({ where: { id: 1 }, data: { day: toDbDate('2026-01-01') } });
    // A stale row that only a whole recount removes.
    await db.statusLive.create({
      data: { unitId: 1, reportUnitId: 1, sectionId: 1, leadUnitIds: [], status: 'NOT_STARTED', n: 1000, pending: 0 },
    });
    await compare({ kind: 'CITY' }, {}, 'after the day changed');
    expect(await db.statusLive.count({ where: { n: 1000 } })).toBe(0);
  });
});
