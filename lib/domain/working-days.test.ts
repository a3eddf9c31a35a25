import { describe, expect, it } from 'vitest';
import { addWorkingDays, dueSoonUntil, publicHolidays, WorkCalendar, workingDaysBetween } from './working-days';

const plain = new WorkCalendar();

describe('public holidays (date-holidays, lunar ones included)', () => {
  it('knows Tết 2027 (Giao thừa Fri 5/2, mùng 1 Sat 6/2) and Giỗ Tổ Hùng Vương (Fri 16/4/2027)', () => {
    const days = publicHolidays(2027);
    expect(days.get('2027-02-05')).toMatch(/Giao thừa/);
    expect(days.get('2027-02-06')).toMatch(/Tết Nguyên Đán/);
    expect(days.get('2027-04-16')).toMatch(/Hùng Vương/);
    expect(days.get('2027-09-02')).toBeDefined();
  });

  it('gives the next working day off when a holiday falls on a weekend (nghỉ bù)', () => {
    // Mùng 1 Tết 2027 is a Saturday: Monday 8/2 is off in compensation.
    expect(publicHolidays(2027).get('2027-02-08')).toMatch(/^Nghỉ bù/);
    expect(plain.isWorkingDay('2027-02-08')).toBe(false);
    expect(plain.isWorkingDay('2027-02-09')).toBe(true);
  });
});

describe('addWorkingDays: "trong n ngày làm việc kể từ …"', () => {
  it('starts counting the day after and skips weekends', () => {
    expect(addWorkingDays('2026-11-30', 1, plain)).toBe('2026-12-01'); // Mon → Tue
    expect(addWorkingDays('2026-12-04', 1, plain)).toBe('2026-12-07'); // Fri → Mon
    expect(addWorkingDays('2026-12-01', 10, plain)).toBe('2026-12-15');
    expect(addWorkingDays('2026-12-01', 0, plain)).toBe('2026-12-01');
  });

  it('skips Tết 2027 and its compensating day', () => {
    // From Mon 1/2/2027: Tue 2, Wed 3, Thu 4 (3 days), Fri 5 Giao thừa, Sat 6 Tết, Sun 7, Mon 8 nghỉ bù,
    // then Tue 9 … : the 10th working day is Wed 17/2.
    expect(addWorkingDays('2027-02-01', 10, plain)).toBe('2027-02-17');
  });

  it('follows the administrator’s swaps: the official Tết break and a Saturday worked', () => {
    const official = new WorkCalendar([
      { date: '2027-02-04', working: false, note: 'Nghỉ Tết Nguyên đán (theo thông báo)' },
      { date: '2027-02-09', working: false, note: 'Nghỉ Tết Nguyên đán (theo thông báo)' },
      { date: '2027-02-10', working: false, note: 'Nghỉ Tết Nguyên đán (theo thông báo)' },
      { date: '2027-02-20', working: true, note: 'Làm bù cho ngày 10/2' },
    ]);
    expect(official.isWorkingDay('2027-02-20')).toBe(true); // a Saturday
    expect(official.dayOffReason('2027-02-10')).toBe('Nghỉ Tết Nguyên đán (theo thông báo)');
    // Tue 2, Wed 3, then 11, 12, 15, 16, 17, 18, 19, Sat 20 (worked): the 10th is Sat 20/2.
    expect(addWorkingDays('2027-02-01', 10, official)).toBe('2027-02-20');
    expect(workingDaysBetween('2027-02-01', '2027-02-20', official)).toBe(10);
  });

  it('refuses a negative or fractional count', () => {
    expect(() => addWorkingDays('2026-12-01', -1, plain)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-12-01', 1.5, plain)).toThrow(RangeError);
  });
});

describe('"Sắp đến hạn" in working days', () => {
  it('on a Tuesday: due by Friday, or on the weekend after it', () => {
    expect(dueSoonUntil('2026-12-01', 3, plain)).toBe('2026-12-06');
  });

  it('before Tết: the break does not eat the three days', () => {
    // Thu 4/2/2027: Tue 9, Wed 10, Thu 11 are the next three working days.
    expect(dueSoonUntil('2027-02-04', 3, plain)).toBe('2027-02-11');
  });
});
