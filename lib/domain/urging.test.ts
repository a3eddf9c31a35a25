import { describe, expect, it } from 'vitest';
import { DEFAULT_URGING_LADDER, latestDueInReach, stepDay, stepDueOn, stepLabel, unitMessageTitle } from './urging';
import { WorkCalendar } from './working-days';

// 2027: Giao thừa Fri 05/02, mùng 1 Tết Sat 06/02, its compensating day off Mon 08/02 (date-holidays).
const calendar = new WorkCalendar();

describe('the urging ladder (pure)', () => {
  it('counts a step on working days from the deadline: weekends and Tết skipped both ways', () => {
    expect(stepDay('2027-02-03', -3, calendar)).toBe('2027-01-29');
    expect(stepDay('2027-02-10', -3, calendar)).toBe('2027-02-03');
    expect(stepDay('2027-02-03', 5, calendar)).toBe('2027-02-12');
    // A deadline on a day off: "on the day" is the last working day before it.
    expect(stepDay('2027-02-06', 0, calendar)).toBe('2027-02-04');
    expect(stepDay('2027-02-03', 0, calendar)).toBe('2027-02-03');
  });

  it('sends the most advanced step whose day has come, and nothing on a day off', () => {
    expect(stepDueOn('2027-01-28', '2027-02-03', DEFAULT_URGING_LADDER, calendar)).toBeNull();
    expect(stepDueOn('2027-01-29', '2027-02-03', DEFAULT_URGING_LADDER, calendar)?.offsetDays).toBe(-3);
    expect(stepDueOn('2027-02-04', '2027-02-03', DEFAULT_URGING_LADDER, calendar)?.offsetDays).toBe(1);
    expect(stepDueOn('2027-02-05', '2027-02-03', DEFAULT_URGING_LADDER, calendar)).toBeNull(); // Giao thừa
    expect(stepDueOn('2027-02-08', '2027-02-03', DEFAULT_URGING_LADDER, calendar)).toBeNull(); // nghỉ bù
    // A year late: the last step only, not every step at once.
    expect(stepDueOn('2028-02-03', '2027-02-03', DEFAULT_URGING_LADDER, calendar)?.offsetDays).toBe(10);
    expect(stepDueOn('2027-02-04', '2027-02-03', [], calendar)).toBeNull();
  });

  it('reaches deadlines up to the first step ahead, days off after it included', () => {
    // Thu 28/01 + 3 working days = Tue 02/02; over Tết from Tue 02/02: Wed 03, Thu 04, then Tue 09/02.
    expect(latestDueInReach('2027-01-28', DEFAULT_URGING_LADDER, calendar)).toBe('2027-02-02');
    expect(latestDueInReach('2027-02-02', DEFAULT_URGING_LADDER, calendar)).toBe('2027-02-09');
    expect(stepDay('2027-02-09', -3, calendar)).toBe('2027-02-02');
    // From Mon 01/02: Tue 02, Wed 03, Thu 04 — and the days of the Tết break right after it (05–08/02).
    expect(latestDueInReach('2027-02-01', DEFAULT_URGING_LADDER, calendar)).toBe('2027-02-08');
  });

  it('words the steps and the unit’s message in Vietnamese', () => {
    expect(stepLabel(-3)).toBe('3 ngày làm việc trước hạn');
    expect(stepLabel(0)).toBe('Ngày đến hạn');
    expect(unitMessageTitle('2027-02-03', '2027-02-12', calendar)).toBe(
      'Đôn đốc: nhiệm vụ quá hạn 5 ngày làm việc (hạn 03/02/2027)',
    );
    expect(unitMessageTitle('2027-02-03', '2027-01-29', calendar)).toBe(
      'Đôn đốc: còn 3 ngày làm việc đến hạn 03/02/2027',
    );
    expect(unitMessageTitle('2027-02-06', '2027-02-04', calendar)).toBe('Đôn đốc: nhiệm vụ đến hạn ngày 06/02/2027');
  });
});
