import { describe, it, expect } from 'vitest';
import {
  computeStatus,
  DUE_SOON_DAYS,
  OFFICIAL_STATUSES,
  STATUS_COLORS,
  STATUS_LABELS,
  type StatusInput,
} from './status';

const at = (iso: string) => new Date(iso);
const DUE = '2021-09-15'; // "hoàn thành trước 15/9/2021"
const DEADLINE = at('2021-09-15T17:00:00Z'); // 00:00 16/9 in Vietnam
const JUST_BEFORE = at('2021-09-15T16:59:59Z'); // 23:59:59 15/9 in Vietnam

const open = (dueDate: string | null, started = false): StatusInput => ({ dueDate, completedAt: null, started });
const done = (dueDate: string | null, completedAt: string): StatusInput => ({
  dueDate,
  completedAt: at(completedAt),
  started: true,
});

describe('constants', () => {
  it('has the five official statuses with Vietnamese labels and colours', () => {
    expect(OFFICIAL_STATUSES).toEqual([
      'DONE_ON_TIME',
      'DONE_LATE',
      'IN_PROGRESS_ON_TIME',
      'IN_PROGRESS_OVERDUE',
      'NOT_STARTED',
    ]);
    expect(STATUS_LABELS).toEqual({
      DONE_ON_TIME: 'Hoàn thành đúng hạn',
      DONE_LATE: 'Hoàn thành quá hạn',
      IN_PROGRESS_ON_TIME: 'Đang thực hiện trong hạn',
      IN_PROGRESS_OVERDUE: 'Đang thực hiện quá hạn',
      NOT_STARTED: 'Chưa thực hiện',
    });
    expect(STATUS_COLORS).toEqual({
      DONE_ON_TIME: '#16a34a',
      DONE_LATE: '#ea580c',
      IN_PROGRESS_ON_TIME: '#2563eb',
      IN_PROGRESS_OVERDUE: '#dc2626',
      NOT_STARTED: '#6b7280',
    });
    expect(DUE_SOON_DAYS).toBe(3);
  });
});

describe('computeStatus — completed', () => {
  it('is on time when completed before the end of the due day in Vietnam', () => {
    expect(computeStatus(done(DUE, '2021-09-15T16:59:59Z'), at('2022-01-01T00:00:00Z'))).toEqual({
      status: 'DONE_ON_TIME',
      dueSoon: false,
      noDeadline: false,
      daysLeft: null,
      daysOverdue: null,
    });
    expect(computeStatus(done(DUE, '2021-09-15T16:59:59.999Z'), DEADLINE).status).toBe('DONE_ON_TIME');
    expect(computeStatus(done(DUE, '2021-09-01T03:00:00Z'), DEADLINE).status).toBe('DONE_ON_TIME');
  });

  it('is late when completed exactly at the deadline instant (00:00 the next day in Vietnam)', () => {
    expect(computeStatus(done(DUE, '2021-09-15T17:00:00Z'), DEADLINE)).toEqual({
      status: 'DONE_LATE',
      dueSoon: false,
      noDeadline: false,
      daysLeft: null,
      daysOverdue: 1,
    });
  });

  it('counts how many VN calendar days late a DONE_LATE was finished', () => {
    expect(computeStatus(done(DUE, '2021-09-16T16:59:59Z'), DEADLINE).daysOverdue).toBe(1);
    expect(computeStatus(done(DUE, '2021-09-16T17:00:00Z'), DEADLINE).daysOverdue).toBe(2);
    expect(computeStatus(done(DUE, '2021-12-24T05:00:00Z'), DEADLINE).daysOverdue).toBe(100);
  });

  it('a completion at 23:30 VN on the due day is on time even though it is the same UTC day as a late one', () => {
    // 2021-09-15T16:30Z = 23:30 15/9 VN (on time); 2021-09-15T18:00Z = 01:00 16/9 VN (late).
    expect(computeStatus(done(DUE, '2021-09-15T16:30:00Z'), DEADLINE).status).toBe('DONE_ON_TIME');
    expect(computeStatus(done(DUE, '2021-09-15T18:00:00Z'), DEADLINE).status).toBe('DONE_LATE');
  });

  it('without a deadline is always on time', () => {
    expect(computeStatus(done(null, '2030-01-01T00:00:00Z'), at('2030-01-02T00:00:00Z'))).toEqual({
      status: 'DONE_ON_TIME',
      dueSoon: false,
      noDeadline: true,
      daysLeft: null,
      daysOverdue: null,
    });
  });

  it('does not depend on `now` or `started`', () => {
    const input = { dueDate: DUE, completedAt: at('2021-09-20T00:00:00Z'), started: false };
    expect(computeStatus(input, at('2021-01-01T00:00:00Z')).status).toBe('DONE_LATE');
    expect(computeStatus(input, at('2031-01-01T00:00:00Z')).status).toBe('DONE_LATE');
  });

  it('is never due soon, even when finished the day before the deadline', () => {
    const r = computeStatus(done(DUE, '2021-09-14T05:00:00Z'), at('2021-09-14T06:00:00Z'));
    expect(r.dueSoon).toBe(false);
    expect(r.daysLeft).toBeNull();
  });
});

describe('computeStatus — not completed, with a deadline', () => {
  it('is in progress on time while started and before the deadline', () => {
    expect(computeStatus(open(DUE, true), at('2021-09-01T00:00:00Z'))).toEqual({
      status: 'IN_PROGRESS_ON_TIME',
      dueSoon: false,
      noDeadline: false,
      daysLeft: 14,
      daysOverdue: null,
    });
  });

  it('is not started while untouched and before the deadline', () => {
    expect(computeStatus(open(DUE, false), at('2021-09-01T00:00:00Z'))).toEqual({
      status: 'NOT_STARTED',
      dueSoon: false,
      noDeadline: false,
      daysLeft: 14,
      daysOverdue: null,
    });
  });

  it('is still in time at 23:59:59 VN on the due day (16:59:59Z)', () => {
    expect(computeStatus(open(DUE, true), JUST_BEFORE)).toEqual({
      status: 'IN_PROGRESS_ON_TIME',
      dueSoon: true,
      noDeadline: false,
      daysLeft: 0,
      daysOverdue: null,
    });
  });

  it('is overdue from 00:00 VN the next day (17:00:00Z)', () => {
    expect(computeStatus(open(DUE, true), DEADLINE)).toEqual({
      status: 'IN_PROGRESS_OVERDUE',
      dueSoon: false,
      noDeadline: false,
      daysLeft: null,
      daysOverdue: 1,
    });
  });

  it('an untouched task past its deadline is overdue, not "not started"', () => {
    expect(computeStatus(open(DUE, false), DEADLINE).status).toBe('IN_PROGRESS_OVERDUE');
    expect(computeStatus(open(DUE, false), JUST_BEFORE).status).toBe('NOT_STARTED');
  });

  it('counts days overdue in VN calendar days', () => {
    expect(computeStatus(open(DUE), at('2021-09-16T16:59:59Z')).daysOverdue).toBe(1);
    expect(computeStatus(open(DUE), at('2021-09-16T17:00:00Z')).daysOverdue).toBe(2);
    expect(computeStatus(open(DUE), at('2021-12-24T12:00:00Z')).daysOverdue).toBe(100);
  });

  it('is due today (0 days left, due soon) from 00:00 VN on the due day', () => {
    const r = computeStatus(open(DUE), at('2021-09-14T17:00:00Z')); // 00:00 15/9 VN
    expect(r.daysLeft).toBe(0);
    expect(r.dueSoon).toBe(true);
    expect(r.status).toBe('NOT_STARTED');
  });

  it('is due soon with 3 days left, not with 4 (VN calendar days, not hours)', () => {
    // 4 days left: up to 23:59:59 VN on 11/9.
    const four = computeStatus(open(DUE, true), at('2021-09-11T16:59:59Z'));
    expect(four.daysLeft).toBe(4);
    expect(four.dueSoon).toBe(false);
    // 3 days left from 00:00 VN on 12/9, although that is still 11/9 in UTC.
    const three = computeStatus(open(DUE, true), at('2021-09-11T17:00:00Z'));
    expect(three.daysLeft).toBe(3);
    expect(three.dueSoon).toBe(true);
    // 1 and 2 days left.
    expect(computeStatus(open(DUE), at('2021-09-13T00:00:00Z')).daysLeft).toBe(2);
    expect(computeStatus(open(DUE), at('2021-09-14T10:00:00Z')).daysLeft).toBe(1);
  });

  it('counts 100 days left across months', () => {
    const r = computeStatus(open('2021-12-24'), at('2021-09-15T03:00:00Z'));
    expect(r.daysLeft).toBe(100);
    expect(r.dueSoon).toBe(false);
  });

  it('handles deadlines on a leap day and across the year boundary', () => {
    expect(computeStatus(open('2024-02-29'), at('2024-02-29T16:59:59Z')).status).toBe('NOT_STARTED');
    expect(computeStatus(open('2024-02-29'), at('2024-02-29T17:00:00Z')).status).toBe('IN_PROGRESS_OVERDUE');
    const newYear = computeStatus(open('2027-01-02', true), at('2026-12-30T02:00:00Z'));
    expect(newYear.daysLeft).toBe(3);
    expect(newYear.dueSoon).toBe(true);
    expect(computeStatus(open('2026-12-31', true), at('2026-12-31T17:00:00Z')).daysOverdue).toBe(1);
  });
});

describe('computeStatus — no deadline ("Thường xuyên / Không thời hạn")', () => {
  it('is never overdue nor due soon', () => {
    const far = at('2099-01-01T00:00:00Z');
    expect(computeStatus(open(null, true), far)).toEqual({
      status: 'IN_PROGRESS_ON_TIME',
      dueSoon: false,
      noDeadline: true,
      daysLeft: null,
      daysOverdue: null,
    });
    expect(computeStatus(open(null, false), far)).toEqual({
      status: 'NOT_STARTED',
      dueSoon: false,
      noDeadline: true,
      daysLeft: null,
      daysOverdue: null,
    });
  });
});

describe('computeStatus — invariants', () => {
  it('flags are consistent for every hour around a deadline', () => {
    const start = at('2021-09-08T00:00:00Z').getTime();
    for (let h = 0; h < 24 * 12; h++) {
      const now = new Date(start + h * 3_600_000);
      for (const started of [true, false]) {
        const r = computeStatus(open(DUE, started), now);
        const overdue = now.getTime() >= DEADLINE.getTime();
        expect(r.status).toBe(overdue ? 'IN_PROGRESS_OVERDUE' : started ? 'IN_PROGRESS_ON_TIME' : 'NOT_STARTED');
        expect(r.daysLeft === null).toBe(overdue);
        expect(r.daysOverdue === null).toBe(!overdue);
        expect(r.dueSoon).toBe(!overdue && (r.daysLeft ?? Infinity) <= 3);
        if (r.daysLeft !== null) expect(r.daysLeft).toBeGreaterThanOrEqual(0);
        if (r.daysOverdue !== null) expect(r.daysOverdue).toBeGreaterThanOrEqual(1);
      }
    }
  });
});
