import { describe, expect, it } from 'vitest';
import {
  DEFAULT_URGING_LADDER,
  stepDay,
  stepDueOn,
  stepsReached,
  stepLabel,
  unitMessageTitle,
  type UrgingStep,
} from './urging';
import { addDays } from './time';
import { dueSoonUntil, WorkCalendar } from './working-days';
import { DUE_SOON_DAYS } from './status';

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
    const first = (today: string) => stepsReached(today, DEFAULT_URGING_LADDER, calendar)[0]!.latestDue;
    // Thu 28/01 + 3 working days = Tue 02/02; over Tết from Tue 02/02: Wed 03, Thu 04, then Tue 09/02.
    expect(first('2027-01-28')).toBe('2027-02-02');
    expect(first('2027-02-02')).toBe('2027-02-09');
    expect(stepDay('2027-02-09', -3, calendar)).toBe('2027-02-02');
    // From Mon 01/02: Tue 02, Wed 03, Thu 04 — and the days of the Tết break right after it (05–08/02).
    expect(first('2027-02-01')).toBe('2027-02-08');
    // Each later step reaches older deadlines: +5 on Fri 12/02 reaches the deadline of Wed 03/02.
    const reached = stepsReached('2027-02-12', DEFAULT_URGING_LADDER, calendar);
    expect(reached.map((s) => [s.offsetDays, s.latestDue])).toEqual([
      [-3, '2027-02-17'],
      [0, '2027-02-14'], // Sat 13 and Sun 14: "on the day" is Fri 12
      [1, '2027-02-11'],
      [5, '2027-02-03'],
      [10, '2027-01-27'],
    ]);
    expect(stepsReached('2027-02-06', DEFAULT_URGING_LADDER, calendar)).toEqual([]); // mùng 1 Tết
  });

  it('the thresholds give the step of the definition — the most advanced step whose day has come — on random days', () => {
    // A small deterministic generator: the same cases on every run, many of them across Tết.
    let seed = 20261201;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const byDefinition = (today: string, due: string, ladder: readonly UrgingStep[]) => {
      if (!calendar.isWorkingDay(today)) return null;
      const came = ladder.filter((s) => stepDay(due, s.offsetDays, calendar) <= today);
      return came.length === 0 ? null : Math.max(...came.map((s) => s.offsetDays));
    };
    for (let i = 0; i < 400; i++) {
      const today = addDays('2026-12-15', rand(120));
      const offsets = [...new Set(Array.from({ length: 1 + rand(5) }, () => rand(41) - 20))];
      const ladder: UrgingStep[] = offsets.map((offsetDays) => ({ offsetDays, audiences: ['OFFICERS'] }));
      const due = addDays(today, rand(81) - 40);
      expect(stepDueOn(today, due, ladder, calendar)?.offsetDays ?? null, `${today} ${due} ${offsets}`).toBe(
        byDefinition(today, due, ladder),
      );
    }
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

  it('the default first step reaches, on each working day, exactly the deadlines that are "Sắp đến hạn"', () => {
    // The retired deadline reminders told a unit when its work turned "Sắp đến hạn" (DUE_SOON_DAYS
    // working days, decision 015); the ladder's first step now does, on the same deadlines.
    expect(DEFAULT_URGING_LADDER[0]!.offsetDays).toBe(-DUE_SOON_DAYS);
    for (let today = '2026-12-01'; today <= '2027-03-31'; today = addDays(today, 1)) {
      if (!calendar.isWorkingDay(today)) continue;
      expect(stepsReached(today, DEFAULT_URGING_LADDER, calendar)[0]!.latestDue, today).toBe(
        dueSoonUntil(today, DUE_SOON_DAYS, calendar),
      );
    }
  });
});
