import { describe, it, expect } from 'vitest';
import {
  addDays,
  daysBetween,
  endOfDayVn,
  formatDateTimeVn,
  formatDateVn,
  isIsoDate,
  parseVnDate,
  startOfDayVn,
  vnDateOf,
  VN_TIME_ZONE,
} from './time';

const utc = (iso: string) => new Date(iso);

describe('endOfDayVn', () => {
  it('is the next day 00:00 +07:00, i.e. 17:00:00Z on the date', () => {
    expect(endOfDayVn('2021-09-15').toISOString()).toBe('2021-09-15T17:00:00.000Z');
    expect(endOfDayVn('2021-09-15').getTime()).toBe(utc('2021-09-16T00:00:00+07:00').getTime());
  });

  it('handles month, year and leap-day ends', () => {
    expect(endOfDayVn('2021-12-31').toISOString()).toBe('2021-12-31T17:00:00.000Z');
    expect(endOfDayVn('2024-02-29').toISOString()).toBe('2024-02-29T17:00:00.000Z');
    expect(endOfDayVn('2025-01-31').toISOString()).toBe('2025-01-31T17:00:00.000Z');
  });

  it('a deadline "trước 15/9/2021" is met at 23:59:59 VN on 15/9 and missed at 00:00 on 16/9', () => {
    const deadline = endOfDayVn('2021-09-15').getTime();
    expect(utc('2021-09-15T16:59:59Z').getTime()).toBeLessThan(deadline);
    expect(utc('2021-09-15T17:00:00Z').getTime()).toBe(deadline);
  });

  it('rejects malformed and impossible dates', () => {
    expect(() => endOfDayVn('2021-9-15')).toThrow(RangeError);
    expect(() => endOfDayVn('2021-02-29')).toThrow(RangeError);
    expect(() => endOfDayVn('15/09/2021')).toThrow(RangeError);
    expect(() => endOfDayVn('')).toThrow(RangeError);
  });
});

describe('startOfDayVn', () => {
  it('is 00:00 +07:00, i.e. 17:00:00Z the day before', () => {
    expect(startOfDayVn('2021-09-15').toISOString()).toBe('2021-09-14T17:00:00.000Z');
    expect(startOfDayVn('2022-01-01').toISOString()).toBe('2021-12-31T17:00:00.000Z');
  });
});

describe('vnDateOf', () => {
  it('switches day at 17:00:00Z (midnight in Vietnam)', () => {
    expect(vnDateOf(utc('2021-09-15T16:59:59.999Z'))).toBe('2021-09-15');
    expect(vnDateOf(utc('2021-09-15T17:00:00.000Z'))).toBe('2021-09-16');
  });

  it('is a day ahead of UTC in the UTC evening, same day in the UTC morning', () => {
    expect(vnDateOf(utc('2021-12-31T18:00:00Z'))).toBe('2022-01-01');
    expect(vnDateOf(utc('2022-01-01T00:00:00Z'))).toBe('2022-01-01');
    expect(vnDateOf(utc('2024-02-28T17:00:00Z'))).toBe('2024-02-29');
    expect(vnDateOf(utc('2025-02-28T17:00:00Z'))).toBe('2025-03-01');
  });

  it('round-trips with endOfDayVn and startOfDayVn', () => {
    for (const d of ['2021-09-15', '2024-02-29', '2026-12-31', '2027-01-01']) {
      expect(vnDateOf(startOfDayVn(d))).toBe(d);
      expect(vnDateOf(new Date(endOfDayVn(d).getTime() - 1))).toBe(d);
      expect(vnDateOf(endOfDayVn(d))).toBe(addDays(d, 1));
    }
  });

  it('agrees with Intl Asia/Ho_Chi_Minh (the fixed +07:00 offset is exact)', () => {
    const fmt = new Intl.DateTimeFormat('en-CA', {
      timeZone: VN_TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    const instants = [
      '1990-06-01T16:59:59Z',
      '1990-06-01T17:00:00Z',
      '2021-09-15T16:59:59Z',
      '2021-09-15T17:00:00Z',
      '2024-02-28T17:30:00Z',
      '2026-03-29T01:00:00Z', // European DST switch: must not matter
      '2026-11-01T09:00:00Z', // US DST switch: must not matter
      '2026-12-31T23:59:59Z',
    ];
    for (const i of instants) expect(vnDateOf(utc(i))).toBe(fmt.format(utc(i)));
  });

  it('rejects an Invalid Date', () => {
    expect(() => vnDateOf(new Date('nope'))).toThrow(RangeError);
  });
});

describe('formatDateVn', () => {
  it('formats an IsoDate as dd/mm/yyyy', () => {
    expect(formatDateVn('2021-09-15')).toBe('15/09/2021');
    expect(formatDateVn('2026-01-05')).toBe('05/01/2026');
  });

  it('formats an instant in Vietnam time, not UTC', () => {
    expect(formatDateVn(utc('2021-09-15T16:59:59Z'))).toBe('15/09/2021');
    expect(formatDateVn(utc('2021-09-15T17:00:00Z'))).toBe('16/09/2021');
    expect(formatDateVn(utc('2021-12-31T17:00:00Z'))).toBe('01/01/2022');
  });

  it('rejects malformed input', () => {
    expect(() => formatDateVn('2021-13-01')).toThrow(RangeError);
    expect(() => formatDateVn(new Date(NaN))).toThrow(RangeError);
  });
});

describe('formatDateTimeVn', () => {
  it('formats HH:mm dd/mm/yyyy in Vietnam time, 24-hour clock', () => {
    expect(formatDateTimeVn(utc('2021-09-15T02:05:00Z'))).toBe('09:05 15/09/2021');
    expect(formatDateTimeVn(utc('2021-09-15T16:59:59Z'))).toBe('23:59 15/09/2021');
    expect(formatDateTimeVn(utc('2021-09-15T17:00:00Z'))).toBe('00:00 16/09/2021');
    expect(formatDateTimeVn(utc('2021-09-15T07:30:00Z'))).toBe('14:30 15/09/2021');
  });

  it('crosses the year boundary at 17:00Z on 31/12', () => {
    expect(formatDateTimeVn(utc('2026-12-31T17:00:00Z'))).toBe('00:00 01/01/2027');
  });

  it('rejects an Invalid Date', () => {
    expect(() => formatDateTimeVn(new Date(NaN))).toThrow(RangeError);
  });
});

describe('parseVnDate', () => {
  it('parses d/m/yyyy and dd/mm/yyyy', () => {
    expect(parseVnDate('15/9/2021')).toBe('2021-09-15');
    expect(parseVnDate('15/09/2021')).toBe('2021-09-15');
    expect(parseVnDate('1/1/2022')).toBe('2022-01-01');
    expect(parseVnDate('05/01/2026')).toBe('2026-01-05');
    expect(parseVnDate('31/12/2030')).toBe('2030-12-31');
  });

  it('accepts - and . separators and surrounding spaces, not mixed separators', () => {
    expect(parseVnDate('15-9-2021')).toBe('2021-09-15');
    expect(parseVnDate('15.9.2021')).toBe('2021-09-15');
    expect(parseVnDate(' 15/9/2021 ')).toBe('2021-09-15');
    expect(parseVnDate('15/9-2021')).toBeNull();
  });

  it('validates leap years', () => {
    expect(parseVnDate('29/2/2024')).toBe('2024-02-29');
    expect(parseVnDate('29/2/2025')).toBeNull();
    expect(parseVnDate('29/2/2000')).toBe('2000-02-29'); // divisible by 400
    expect(parseVnDate('29/2/1900')).toBeNull(); // divisible by 100, not 400
  });

  it('rejects impossible days and months', () => {
    expect(parseVnDate('31/4/2021')).toBeNull();
    expect(parseVnDate('30/4/2021')).toBe('2021-04-30');
    expect(parseVnDate('32/1/2021')).toBeNull();
    expect(parseVnDate('0/1/2021')).toBeNull();
    expect(parseVnDate('1/0/2021')).toBeNull();
    expect(parseVnDate('1/13/2021')).toBeNull();
  });

  it('rejects malformed text', () => {
    expect(parseVnDate('')).toBeNull();
    expect(parseVnDate('15/9')).toBeNull();
    expect(parseVnDate('15/9/21')).toBeNull();
    expect(parseVnDate('2021-09-15')).toBeNull();
    expect(parseVnDate('15/9/2021 abc')).toBeNull();
    expect(parseVnDate('ngày 15/9/2021')).toBeNull();
    expect(parseVnDate('115/9/2021')).toBeNull();
  });
});

describe('isIsoDate', () => {
  it('accepts real YYYY-MM-DD dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-2-28')).toBe(false);
    expect(isIsoDate('2025-02-28T00:00:00Z')).toBe(false);
    expect(isIsoDate('0001-01-01')).toBe(true);
    expect(isIsoDate('9999-12-31')).toBe(true);
    expect(isIsoDate('0000-12-31')).toBe(false);
  });
});

describe('addDays', () => {
  it('adds and subtracts calendar days', () => {
    expect(addDays('2021-09-15', 0)).toBe('2021-09-15');
    expect(addDays('2021-09-15', 1)).toBe('2021-09-16');
    expect(addDays('2021-09-15', -15)).toBe('2021-08-31');
    expect(addDays('2021-09-15', 100)).toBe('2021-12-24');
  });

  it('crosses month, year and leap-day boundaries', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2024-01-01', 366)).toBe('2025-01-01');
  });

  it('rejects fractional days and bad dates', () => {
    expect(() => addDays('2021-09-15', 0.5)).toThrow(RangeError);
    expect(() => addDays('2021-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
  });
});

describe('daysBetween', () => {
  it('is b − a in whole calendar days', () => {
    expect(daysBetween('2021-09-15', '2021-09-15')).toBe(0);
    expect(daysBetween('2021-09-14', '2021-09-15')).toBe(1);
    expect(daysBetween('2021-09-15', '2021-09-14')).toBe(-1);
    expect(daysBetween('2021-09-15', '2021-12-24')).toBe(100);
  });

  it('counts leap days', () => {
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-01-01', '2026-01-01')).toBe(365);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2025-02-28', '2025-03-01')).toBe(1);
  });

  it('is the inverse of addDays', () => {
    for (const n of [-400, -1, 0, 1, 3, 4, 100, 1000]) {
      expect(daysBetween('2026-12-20', addDays('2026-12-20', n))).toBe(n);
    }
  });
});
