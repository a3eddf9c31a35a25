import { describe, expect, it } from 'vitest';
import { missedPeriods, slotStatusInput, type PeriodReportFact } from './slot';
import { computeStatus } from './status';
import { vnDateOf } from './time';

/** An instant given as Vietnamese wall-clock time. */
const vn = (date: string, time = '09:00:00') => new Date(`${date}T${time}+07:00`);
const done = (periodKey: string, at: string): PeriodReportFact => ({ periodKey, completedAt: vn(at) });
const open = (periodKey: string): PeriodReportFact => ({ periodKey, completedAt: null });

function statusAt(
  now: Date,
  reports: PeriodReportFact[],
  assignedOn = '2026-08-20',
  recurrence: 'MONTHLY' | 'QUARTERLY' = 'MONTHLY',
) {
  const input = slotStatusInput(
    { recurrence, dueDate: null, startedAt: null, completedAt: null, assignedOn, reports },
    vnDateOf(now),
    now,
  );
  return { input, ...computeStatus(input, now) };
}

describe('recurring tasks: every period since the assignment owes a completed report (decision 008)', () => {
  it('the first period owed is the one whose window contains the day of the assignment', () => {
    // Assigned 20/08/2026: the window 15/08–14/09 is "Tháng 9/2026".
    expect(missedPeriods('MONTHLY', '2026-08-20', [], '2026-09-15', vn('2026-09-15')).map((p) => p.key)).toEqual([
      '2026-09',
    ]);
    // Assigned 14/08/2026: still in the window of "Tháng 8/2026", which closes that very day.
    expect(missedPeriods('MONTHLY', '2026-08-14', [], '2026-08-15', vn('2026-08-15')).map((p) => p.key)).toEqual([
      '2026-08',
    ]);
    // Assigned on the 15th: August's window has closed, September's is the first.
    expect(missedPeriods('MONTHLY', '2026-08-15', [], '2026-09-14', vn('2026-09-14')).map((p) => p.key)).toEqual([]);
  });

  it('a period is missed from the day after its window closes, not on its last day', () => {
    expect(statusAt(vn('2026-09-14', '23:59:59'), []).status).toBe('NOT_STARTED');
    const after = statusAt(vn('2026-09-15', '00:00:00'), []);
    expect(after.status).toBe('IN_PROGRESS_OVERDUE');
    expect(after.input.dueDate).toBe('2026-09-14');
    expect(after.daysOverdue).toBe(1);
  });

  it('a skipped month keeps the assignment overdue although the months around it were reported', () => {
    const reports = [done('2026-09', '2026-09-10'), done('2026-11', '2026-11-10'), done('2026-12', '2026-11-20')];
    const s = statusAt(vn('2026-11-20'), reports);
    expect(s.status).toBe('IN_PROGRESS_OVERDUE');
    expect(s.input.dueDate).toBe('2026-10-14'); // October's deadline: counted from the oldest missed period
    expect(s.daysOverdue).toBe(37);
    expect(missedPeriods('MONTHLY', '2026-08-20', reports, '2026-11-20', vn('2026-11-20')).map((p) => p.key)).toEqual([
      '2026-10',
    ]);
  });

  it('a late report ends the lateness once it is completed; that period was "hoàn thành quá hạn"', () => {
    const late = done('2026-10', '2026-10-20'); // October's window closed on 14/10
    expect(statusAt(vn('2026-10-19'), [done('2026-09', '2026-09-10'), { ...late, completedAt: null }]).status).toBe(
      'IN_PROGRESS_OVERDUE',
    );
    const after = statusAt(vn('2026-10-21'), [done('2026-09', '2026-09-10'), late]);
    expect(after.status).toBe('NOT_STARTED'); // November's slot: nothing yet, and in time
    // The period itself, judged on its own deadline:
    expect(
      computeStatus({ dueDate: '2026-10-14', completedAt: late.completedAt, started: true }, vn('2026-10-21')).status,
    ).toBe('DONE_LATE');
  });

  it('a draft, a submitted or a returned report does not count: only a completed one does', () => {
    expect(statusAt(vn('2026-09-20'), [open('2026-09')]).status).toBe('IN_PROGRESS_OVERDUE');
  });

  it('a completion not yet known at the moment does not count', () => {
    const reports = [done('2026-09', '2026-09-25')];
    expect(statusAt(vn('2026-09-20'), reports).status).toBe('IN_PROGRESS_OVERDUE');
    expect(statusAt(vn('2026-09-26'), reports).status).toBe('NOT_STARTED');
  });

  it('with nothing missed, the status is that of the current period', () => {
    const reports = [done('2026-09', '2026-09-10'), done('2026-10', '2026-10-10')];
    expect(statusAt(vn('2026-10-16'), reports).status).toBe('NOT_STARTED');
    expect(statusAt(vn('2026-10-16'), [...reports, open('2026-11')]).status).toBe('IN_PROGRESS_ON_TIME');
    expect(statusAt(vn('2026-10-16'), [...reports, done('2026-11', '2026-10-16')]).status).toBe('DONE_ON_TIME');
  });

  it('quarters count the same way', () => {
    // Assigned 01/09/2026: Q3 (15/06–14/09) is owed; nothing for it → overdue from 15/09.
    const s = statusAt(vn('2026-12-01'), [done('2026-Q4', '2026-11-01')], '2026-09-01', 'QUARTERLY');
    expect(s.status).toBe('IN_PROGRESS_OVERDUE');
    expect(s.input.dueDate).toBe('2026-09-14');
  });

  it('reports of another recurrence’s keys or of periods before the assignment are ignored', () => {
    expect(
      missedPeriods(
        'MONTHLY',
        '2026-08-20',
        [done('2026-Q3', '2026-09-01'), done('2026-07', '2026-07-01')],
        '2026-09-20',
        vn('2026-09-20'),
      ).map((p) => p.key),
    ).toEqual(['2026-09']);
  });

  it('one-off and continuous tasks have no periods to miss', () => {
    expect(missedPeriods('ONCE', '2020-01-01', [], '2026-12-01', vn('2026-12-01'))).toEqual([]);
    expect(missedPeriods('CONTINUOUS', '2020-01-01', [], '2026-12-01', vn('2026-12-01'))).toEqual([]);
  });
});
