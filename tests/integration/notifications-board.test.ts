import { describe, expect, it, vi } from 'vitest';
import { actAs, currentUser } from '../support/as-user';

// The header's count read with the session is not mocked (null: counted by its own query); what
// the session query reads is checked below with getSession.
vi.mock('../../lib/auth', () => ({
  getCurrentUser: async () => currentUser(),
  sessionUnreadNotifications: async () => null,
}));

const { getDb } = await import('../../lib/db');
const { getSession } = await import('../../lib/data/users');
const { countUnreadNotifications, markNotificationsRead, openNotification } =
  await import('../../lib/data/notifications');
const { runUrgingLadder } = await import('../../lib/data/urging');
const { JOBS, RETIRED_JOBS } = await import('../../lib/jobs/registry');
const { getSubmissionBoard } = await import('../../lib/data/board');
const { periodContaining, previousPeriod } = await import('../../lib/domain/periods');
const { vnDateOf, addDays, startOfDayVn, toDbDate } = await import('../../lib/domain/time');
const { DEFAULT_URGING_LADDER, stepDay } = await import('../../lib/domain/urging');
const { loadWorkCalendar } = await import('../../lib/data/calendar');

/** 09:00 in Việt Nam on the first working day from `day`. */
async function workingMorning(day: string): Promise<Date> {
  const calendar = await loadWorkCalendar();
  while (!calendar.isWorkingDay(day)) day = addDays(day, 1);
  return new Date(startOfDayVn(day).getTime() + 9 * 3_600_000);
}

describe('deadline reminders: the urging ladder is their one home (decision 026)', () => {
  it('no scheduled job but the ladder tells units about deadlines', () => {
    expect(JOBS.map((j) => j.name)).toContain('urging-ladder');
    expect(JOBS.map((j) => j.name)).not.toContain('deadline-reminders');
    expect(RETIRED_JOBS).toContain('deadline-reminders');
  });

  it('tells every unit with an overdue slot once, never about completed work; a second run adds nothing', async () => {
    const now = await workingMorning(vnDateOf(new Date()));
    const created = await runUrgingLadder(now);
    expect(created.notifications).toBeGreaterThan(0);
    const user = (username: string) => getDb().user.findUniqueOrThrow({ where: { username } });
    // Reminders about NQ76 I.1 (the year plan has overdue work of its own for these wards).
    const noticesFor = async (userId: number, unitCode: string) => {
      const i1 = await getDb().assignment.findFirstOrThrow({
        where: { unit: { code: unitCode }, task: { number: '1', section: { numeral: 'I' } } },
      });
      return getDb().notification.count({ where: { userId, link: `/assignments/${i1.id}` } });
    };
    // Nam Hà completed I.1 late, Trần Phú on time: no reminder for it.
    expect(await noticesFor((await user('cb.tranphu')).id, 'P-TRANPHU')).toBe(0);
    expect(await noticesFor((await user('cb.namha')).id, 'P-NAMHA')).toBe(0);
    expect(await noticesFor((await user('cb.bacha')).id, 'P-BACHA')).toBe(1); // I.1 returned, not completed
    expect(await runUrgingLadder(now)).toEqual({ steps: 0, notifications: 0 });
    expect(await getDb().notification.count({ where: { kind: { startsWith: 'deadline.' } } })).toBe(0);
  });

  it('a unit gets exactly one notice per step of the ladder, on its day, however often the job runs', async () => {
    const db = getDb();
    const calendar = await loadWorkCalendar();
    const section = await db.section.findFirstOrThrow({ where: { numeral: 'I', programme: { status: 'ACTIVE' } } });
    const first = await workingMorning(addDays(vnDateOf(new Date()), 30));
    const due = addDays(vnDateOf(first), 7);
    const task = await db.task.create({
      data: {
        programmeId: section.programmeId,
        sectionId: section.id,
        number: 'once-per-step',
        order: 98,
        title: 'Nhiệm vụ thử nhắc hạn',
        text: 'Nội dung.',
        dueDate: toDbDate(due),
      },
    });
    const vhtt = await db.unit.findUniqueOrThrow({ where: { code: 'VHTT' } });
    const a = await db.assignment.create({
      data: {
        taskId: task.id,
        unitId: vhtt.id,
        role: 'IMPLEMENTING',
        dueDate: toDbDate(due),
        originalDueDate: toDbDate(due),
      },
    });
    const officer = await db.user.findUniqueOrThrow({ where: { username: 'cb.vhtt' } });
    const head = await db.user.findUniqueOrThrow({ where: { username: 'tp.vhtt' } });
    const link = `/assignments/${a.id}`;
    const received = { officer: [] as string[], head: [] as string[] };
    for (let day = addDays(due, -10); day <= addDays(due, 25); day = addDays(day, 1)) {
      const before = { officer: 0, head: 0 };
      for (const [who, u] of [
        ['officer', officer],
        ['head', head],
      ] as const)
        before[who] = await db.notification.count({ where: { userId: u.id, link } });
      // Hourly: several runs a day.
      for (const hour of [7, 9, 15]) await runUrgingLadder(new Date(startOfDayVn(day).getTime() + hour * 3_600_000));
      for (const [who, u] of [
        ['officer', officer],
        ['head', head],
      ] as const) {
        const after = await db.notification.count({ where: { userId: u.id, link } });
        expect(after - before[who], `${who} on ${day}`).toBeLessThanOrEqual(1);
        if (after > before[who]) received[who].push(day);
      }
    }
    const stepDays = (audience: 'OFFICERS' | 'LEADER') =>
      DEFAULT_URGING_LADDER.filter((s) => s.audiences.includes(audience)).map((s) =>
        stepDay(due, s.offsetDays, calendar),
      );
    expect(received.officer).toEqual(stepDays('OFFICERS'));
    expect(received.head).toEqual(stepDays('LEADER'));
    // The head hears "sắp đến hạn" at the first step, as the retired reminders told heads.
    expect(received.head[0]).toBe(stepDay(due, -3, calendar));
    await db.task.update({ where: { id: task.id }, data: { archivedAt: new Date() } });
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

  it('the session query reads the unread count the header shows, for its own user only', async () => {
    const bacha = await getDb().user.findUniqueOrThrow({ where: { username: 'cb.bacha' } });
    const namha = await getDb().user.findUniqueOrThrow({ where: { username: 'cb.namha' } });
    const unreadOf = (userId: number) => getDb().notification.count({ where: { userId, readAt: null } });
    await getDb().notification.createMany({
      data: [1, 2, 3].map((i) => ({
        userId: bacha.id,
        kind: 'REPORT_RETURNED',
        title: `Thử ${i}`,
        body: '',
        link: '/',
      })),
    });
    await getDb().notification.create({
      data: { userId: namha.id, kind: 'REPORT_RETURNED', title: 'Của người khác', body: '', link: '/' },
    });
    const session = await getSession(bacha.id, bacha.sessionVersion);
    expect(session?.user.username).toBe('cb.bacha');
    expect(session?.unreadNotifications).toBe(await unreadOf(bacha.id));
    expect(session?.unreadNotifications).toBeGreaterThanOrEqual(3);
    await actAs('cb.bacha');
    await markNotificationsRead('all');
    expect((await getSession(bacha.id, bacha.sessionVersion))?.unreadNotifications).toBe(0);
    expect((await getSession(namha.id, namha.sessionVersion))?.unreadNotifications).toBe(await unreadOf(namha.id));
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
