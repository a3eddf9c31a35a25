/**
 * The urging ladder's set-based selection (decision 026) against the rule it replaced, on real
 * PostgreSQL: for every programme separately, its open slots (the status rule in SQL, from the
 * reports), the step of each by the pure rule (lib/domain/urging.ts `stepDueOn`, per assignment)
 * and the steps already sent filtered out in JavaScript — exactly as the job selected them before
 * it became one query. Equal on the seeded city at many moments, then in a randomised round
 * (ladders, steps already sent, completions and extensions drawn from a seeded PRNG).
 */
import { describe, expect, it } from 'vitest';
import { prng } from '../support/prng';

const { getDb, Prisma } = await import('../../lib/db');
const { listDueUrgingSteps, ladderOf } = await import('../../lib/data/urging');
const { loadWorkCalendar } = await import('../../lib/data/calendar');
const { slotsAtCte } = await import('../../lib/data/status-sql');
const { stepDueOn } = await import('../../lib/domain/urging');
const { addDays, fromDbDate, startOfDayVn, toDbDate, vnDateOf } = await import('../../lib/domain/time');

const db = getDb();

/** The selection as the job made it before decision 026: per programme, per assignment. */
async function oldRule(now: Date): Promise<string[]> {
  const calendar = await loadWorkCalendar();
  const today = vnDateOf(now);
  const programmes = await db.programme.findMany({
    where: { status: 'ACTIVE' },
    orderBy: { id: 'asc' },
    select: { id: true, urgingLadder: true },
  });
  const out: string[] = [];
  for (const programme of programmes) {
    const ladder = ladderOf(programme.urgingLadder);
    const slots = await db.$queryRaw<{ assignment_id: number; due: Date }[]>(Prisma.sql`
      WITH ${slotsAtCte([now], { where: Prisma.sql`t."programmeId" = ${programme.id}` })}
      SELECT s.assignment_id, s.due
      FROM slots s JOIN "Unit" u ON u.id = s.unit_id AND u.active
      WHERE s.due IS NOT NULL AND s.completed IS NULL`);
    const sent = await db.urgingSent.findMany({ select: { assignmentId: true, dueDate: true, offsetDays: true } });
    const furthest = new Map<string, number>();
    for (const s of sent) {
      const key = `${s.assignmentId}:${fromDbDate(s.dueDate)}`;
      furthest.set(key, Math.max(furthest.get(key) ?? -Infinity, s.offsetDays));
    }
    for (const slot of slots) {
      const due = fromDbDate(slot.due);
      const step = stepDueOn(today, due, ladder, calendar);
      if (step && (furthest.get(`${slot.assignment_id}:${due}`) ?? -Infinity) < step.offsetDays)
        out.push(`${slot.assignment_id}:${due}:${step.offsetDays}`);
    }
  }
  return out.sort();
}

async function newRule(now: Date): Promise<string[]> {
  const { steps } = await listDueUrgingSteps(now);
  return steps.map((s) => `${s.assignmentId}:${s.due}:${s.offsetDays}`).sort();
}

const at = (day: string, hour = 9) => new Date(startOfDayVn(day).getTime() + hour * 3_600_000);

describe('the ladder’s one-query selection equals the per-assignment rule', () => {
  it('on the seeded city, on every day of the coming four months (working days and days off)', async () => {
    const today = vnDateOf(new Date());
    let nonEmpty = 0;
    for (let day = addDays(today, -3); day <= addDays(today, 120); day = addDays(day, 3)) {
      const expected = await oldRule(at(day));
      expect(await newRule(at(day)), day).toEqual(expected);
      if (expected.length > 0) nonEmpty += 1;
    }
    // The comparison is not between two empty lists.
    expect(nonEmpty).toBeGreaterThan(10);
  });

  it('in a randomised round: ladders edited, steps already sent, work completed and deadlines extended', async () => {
    const random = prng(20261201);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const programmes = await db.programme.findMany({ where: { status: 'ACTIVE' }, select: { id: true } });
    const ladders = [
      null,
      [],
      [{ offsetDays: 0, audiences: ['OFFICERS'] }],
      [
        { offsetDays: -10, audiences: ['OFFICERS'] },
        { offsetDays: 2, audiences: ['LEADER'] },
        { offsetDays: 20, audiences: ['CHAIRMAN'] },
      ],
      [
        { offsetDays: -1, audiences: ['OFFICERS'] },
        { offsetDays: 3, audiences: ['OFFICERS', 'STANDING_OFFICE'] },
      ],
    ];
    const assignments = await db.assignment.findMany({ select: { id: true, dueDate: true }, orderBy: { id: 'asc' } });
    const today = vnDateOf(new Date());
    let compared = 0;
    for (let round = 0; round < 6; round++) {
      for (const p of programmes) {
        const ladder = pick(ladders);
        await db.programme.update({
          where: { id: p.id },
          data: { urgingLadder: ladder === null ? Prisma.DbNull : ladder },
        });
      }
      // Some steps already sent (on the deadline in force or on an older one), some work completed,
      // some deadlines moved.
      for (let i = 0; i < 40; i++) {
        const a = pick(assignments);
        const roll = random();
        if (roll < 0.5 && a.dueDate) {
          await db.urgingSent.createMany({
            data: [
              {
                assignmentId: a.id,
                dueDate: random() < 0.8 ? a.dueDate : toDbDate(addDays(fromDbDate(a.dueDate), -7)),
                offsetDays: pick([-10, -3, -1, 0, 1, 2, 3, 5, 10, 20]),
                audiences: ['OFFICERS'],
                recipients: 1,
              },
            ],
            skipDuplicates: true,
          });
        } else if (roll < 0.7) {
          await db.assignment.update({ where: { id: a.id }, data: { completedAt: new Date(), progress: 100 } });
        } else {
          const moved = toDbDate(addDays(today, Math.floor(random() * 120) - 60));
          await db.assignment.update({ where: { id: a.id }, data: { dueDate: moved } });
          a.dueDate = moved;
        }
      }
      for (let k = 0; k < 4; k++) {
        const day = addDays(today, Math.floor(random() * 150) - 20);
        const now = at(day, Math.floor(random() * 24));
        const expected = await oldRule(now);
        expect(await newRule(now), `round ${round}, ${now.toISOString()}`).toEqual(expected);
        compared += expected.length;
      }
    }
    expect(compared).toBeGreaterThan(0);
  });
});
