import { describe, expect, it, vi } from 'vitest';
import { actAs, currentUser } from '../support/as-user';

vi.mock('../../lib/auth', () => ({ getCurrentUser: async () => currentUser() }));

const { getDb } = await import('../../lib/db');
const { generateDeadlineNotifications, countUnreadNotifications, markNotificationsRead, openNotification } =
  await import('../../lib/data/notifications');
const { getSubmissionBoard } = await import('../../lib/data/board');
const { periodContaining, previousPeriod } = await import('../../lib/domain/periods');
const { vnDateOf, addDays, endOfDayVn, formatDateVn } = await import('../../lib/domain/time');
const { DUE_SOON_DAYS } = await import('../../lib/domain/status');
const { dueSoonUntil } = await import('../../lib/domain/working-days');
const { loadWorkCalendar } = await import('../../lib/data/calendar');

describe('deadline reminders', () => {
  it('tell every unit with an overdue slot once, and the units whose period ends within 3 days once', async () => {
    const created = await generateDeadlineNotifications();
    expect(created).toBeGreaterThan(0);
    const namHa = await getDb().user.findUniqueOrThrow({ where: { username: 'cb.namha' } });
    // Nam Hà completed I.1 late: no reminder for it. Trần Phú completed it on time.
    const tranPhu = await getDb().user.findUniqueOrThrow({ where: { username: 'cb.tranphu' } });
    // Reminders about NQ76 I.1 (the year plan has overdue work of its own for these wards).
    const overdueFor = async (userId: number, unitCode: string) => {
      const i1 = await getDb().assignment.findFirstOrThrow({
        where: { unit: { code: unitCode }, task: { number: '1', section: { numeral: 'I' } } },
      });
      return getDb().notification.count({ where: { userId, kind: 'deadline.overdue', link: `/assignments/${i1.id}` } });
    };
    expect(await overdueFor(tranPhu.id, 'P-TRANPHU')).toBe(0);
    expect(await overdueFor(namHa.id, 'P-NAMHA')).toBe(0);
    const bacHa = await getDb().user.findUniqueOrThrow({ where: { username: 'cb.bacha' } });
    expect(await overdueFor(bacHa.id, 'P-BACHA')).toBe(1); // I.1 returned, not completed
    // idempotent
    expect(await generateDeadlineNotifications()).toBe(0);

    // two days before the current monthly cut-off, the monthly task is "due soon" for units without a report
    const period = periodContaining('MONTHLY', vnDateOf(new Date()));
    const soon = new Date(endOfDayVn(addDays(period.end, -2)).getTime() - 3_600_000);
    await generateDeadlineNotifications(soon);
    expect(await getDb().notification.count({ where: { userId: namHa.id, kind: 'deadline.soon' } })).toBeGreaterThan(0);
  });

  it('"due soon" reminders start DUE_SOON_DAYS working days before a cut-off, the window of the "Sắp đến hạn" status', async () => {
    const namHa = await getDb().user.findUniqueOrThrow({ where: { username: 'cb.namha' } });
    const period = periodContaining('MONTHLY', vnDateOf(new Date()));
    const soonFor = { userId: namHa.id, kind: 'deadline.soon', title: { endsWith: formatDateVn(period.end) } };
    await getDb().notification.deleteMany({ where: { kind: 'deadline.soon' } });
    // DUE_SOON_DAYS working days (decision 015): the first day whose window reaches the cut-off.
    const calendar = await loadWorkCalendar();
    let first = period.end;
    while (dueSoonUntil(addDays(first, -1), DUE_SOON_DAYS, calendar) >= period.end) first = addDays(first, -1);
    expect(first < period.end).toBe(true);
    const lateOn = (day: string) => new Date(endOfDayVn(day).getTime() - 3_600_000);
    await generateDeadlineNotifications(lateOn(addDays(first, -1)));
    expect(await getDb().notification.count({ where: soonFor })).toBe(0);
    await generateDeadlineNotifications(lateOn(first));
    expect(await getDb().notification.count({ where: soonFor })).toBeGreaterThan(0);
  });

  it('the bell counts unread notifications; opening one marks it read; they can all be marked read', async () => {
    await actAs('cb.bacha');
    const unread = await countUnreadNotifications();
    expect(unread).toBeGreaterThan(0);
    const user = currentUser()!;
    const one = await getDb().notification.findFirstOrThrow({ where: { userId: user.id, readAt: null } });
    expect(await openNotification(one.id)).toBe(one.link);
    expect(await countUnreadNotifications()).toBe(unread - 1);
    await actAs('cb.namha');
    await expect(openNotification(one.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await actAs('cb.bacha');
    await markNotificationsRead('all');
    expect(await countUnreadNotifications()).toBe(0);
  });
});

describe('submission board', () => {
  it('shows for a monthly task and period who submitted, who is late, who has nothing', async () => {
    await actAs('tp.noivu');
    const task = await getDb().task.findFirstOrThrow({ where: { number: '6', section: { numeral: 'I' } } });
    const last = previousPeriod(periodContaining('MONTHLY', vnDateOf(new Date())))!;
    const board = await getSubmissionBoard({ taskId: task.id, periodKey: last.key });
    const byUnit = Object.fromEntries(board.rows.map((r) => [r.unitName, r.state]));
    expect(byUnit['Phường Trần Phú']).toBe('APPROVED');
    expect(byUnit['Phường Nam Hà']).toBe('APPROVED');
    expect(byUnit['Xã Thạch Hạ']).toBe('SUBMITTED_LATE');
    expect(byUnit['Phường Văn Yên']).toBe('MISSING_LATE');
    expect(board.rows).toHaveLength(27); // 12 offices, 10 wards, 5 communes
  });

  it('is for leaders: an officer is refused, a lead head sees only the tasks their department leads', async () => {
    await actAs('cb.tranphu');
    await expect(getSubmissionBoard({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await actAs('tp.vhtt');
    const board = await getSubmissionBoard({});
    expect(board.tasks.map((t) => `${t.section.numeral}.${t.number}`)).toEqual(['I.8']);
    const other = await getDb().task.findFirstOrThrow({ where: { number: '1', section: { numeral: 'I' } } });
    await expect(getSubmissionBoard({ taskId: other.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
