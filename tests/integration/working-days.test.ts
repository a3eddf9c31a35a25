/**
 * Working days on PostgreSQL (decision 015): the administrator's swaps are stored and used by
 * "Sắp đến hạn" and the reminders, across Tết 2027; only the administrator may change them.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { actAs, currentUser, unitId } from '../support/as-user';

vi.mock('../../lib/auth', () => ({ getCurrentUser: async () => currentUser() }));

const { getDb } = await import('../../lib/db');
const { addCalendarDay, dueSoonLimit, listCalendarDays, removeCalendarDay } = await import('../../lib/data/calendar');
const { runUrgingLadder } = await import('../../lib/data/urging');
const { toDbDate } = await import('../../lib/domain/time');

/** Thursday 4/2/2027, 09:00 in Việt Nam: the last working day before Tết. */
const BEFORE_TET = new Date('2027-02-04T09:00:00+07:00');
const due: Record<string, number> = {};

beforeAll(async () => {
  const db = getDb();
  const section = await db.section.findFirstOrThrow({
    where: { numeral: 'I' },
    select: { id: true, programmeId: true },
  });
  const tranPhu = await unitId('P-TRANPHU');
  for (const date of ['2027-02-11', '2027-02-12']) {
    const task = await db.task.create({
      data: {
        programmeId: section.programmeId,
        sectionId: section.id,
        number: `wd-${date}`,
        order: 99,
        title: `Nhiệm vụ hạn ${date}`,
        text: 'Nhiệm vụ thử lịch ngày làm việc.',
        dueDate: toDbDate(date),
        createdAt: new Date('2027-01-05T09:00:00+07:00'),
      },
    });
    const a = await db.assignment.create({
      data: {
        taskId: task.id,
        unitId: tranPhu,
        role: 'IMPLEMENTING',
        dueDate: toDbDate(date),
        originalDueDate: toDbDate(date),
        createdAt: new Date('2027-01-05T09:00:00+07:00'),
      },
    });
    due[date] = a.id;
  }
});

/** The "sắp đến hạn" reminder: the urging ladder's first step (decision 026). */
const soonFor = async (assignmentId: number) =>
  getDb().notification.count({ where: { kind: 'urging.step', link: `/assignments/${assignmentId}` } });

describe('"Sắp đến hạn" across Tết 2027', () => {
  it('counts the three working days after Tết and its compensating day: due 11/2 is soon, 12/2 is not', async () => {
    expect(await dueSoonLimit(BEFORE_TET)).toBe('2027-02-11');
    await runUrgingLadder(BEFORE_TET);
    expect(await soonFor(due['2027-02-11']!)).toBeGreaterThan(0);
    expect(await soonFor(due['2027-02-12']!)).toBe(0);
  });

  it('follows the official break the administrator enters: with 9 and 10/2 off, 12/2 becomes soon', async () => {
    await actAs('admin');
    for (const date of ['2027-02-09', '2027-02-10'])
      await addCalendarDay({ date, working: false, note: 'Nghỉ Tết Nguyên đán theo thông báo' });
    expect(await dueSoonLimit(BEFORE_TET)).toBe('2027-02-15');
    await runUrgingLadder(BEFORE_TET);
    expect(await soonFor(due['2027-02-12']!)).toBeGreaterThan(0);
    expect((await listCalendarDays()).map((d) => d.date)).toEqual(['2027-02-10', '2027-02-09']);
    await removeCalendarDay('2027-02-10');
    // 10, 11, 12 are the three working days; the weekend after them comes before the next one.
    expect(await dueSoonLimit(BEFORE_TET)).toBe('2027-02-14');
  });

  it('a swap day worked (Saturday 13/2) counts as a working day', async () => {
    await actAs('admin');
    await addCalendarDay({ date: '2027-02-13', working: true, note: 'Làm bù' });
    // Still 10, 11, 12; but Saturday 13 is worked, so a deadline on it is no longer "before the next working day".
    expect(await dueSoonLimit(BEFORE_TET)).toBe('2027-02-12');
  });
});

describe('who may change the calendar', () => {
  it('only the administrator; a second entry for a date is refused with a message', async () => {
    for (const who of ['chutich', 'tp.noivu', 'cb.tranphu']) {
      await actAs(who);
      await expect(addCalendarDay({ date: '2027-04-30', working: false, note: 'x' })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    }
    await actAs('admin');
    await expect(addCalendarDay({ date: '2027-02-13', working: false, note: 'lặp' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(await getDb().workCalendarDay.count({ where: { date: toDbDate('2027-04-30') } })).toBe(0);
  });
});
