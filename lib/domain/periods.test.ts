import { describe, it, expect } from 'vitest';
import {
  ALL_TIME_END,
  asOfFor,
  lastCutoffs,
  periodOfKey,
  ALL_TIME_START,
  isRecurrence,
  nextPeriod,
  periodByKey,
  periodContaining,
  periodsBetween,
  previousPeriod,
  RECURRENCE_LABELS,
  RECURRENCES,
  type Period,
  type Recurrence,
} from './periods';
import { addDays } from './time';

const CYCLIC: Recurrence[] = ['MONTHLY', 'QUARTERLY', 'HALF_YEARLY', 'YEARLY'];
const keyOf = (r: Recurrence, d: string) => periodContaining(r, d).key;

describe('constants', () => {
  it('lists recurrences with Vietnamese labels', () => {
    expect(RECURRENCES).toEqual(['ONCE', 'MONTHLY', 'QUARTERLY', 'HALF_YEARLY', 'YEARLY', 'CONTINUOUS']);
    expect(RECURRENCE_LABELS).toEqual({
      ONCE: 'Một lần',
      MONTHLY: 'Hàng tháng',
      QUARTERLY: 'Hàng quý',
      HALF_YEARLY: '6 tháng',
      YEARLY: 'Hàng năm',
      CONTINUOUS: 'Thường xuyên',
    });
  });

  it('isRecurrence recognises exactly the recurrences', () => {
    for (const r of RECURRENCES) expect(isRecurrence(r)).toBe(true);
    expect(isRecurrence('monthly')).toBe(false);
    expect(isRecurrence('WEEKLY')).toBe(false);
    expect(isRecurrence('')).toBe(false);
  });
});

describe('period shapes (Decree 09/2019/NĐ-CP windows)', () => {
  it('monthly: 15th of previous month → 14th', () => {
    expect(periodByKey('MONTHLY', '2026-11')).toEqual({
      recurrence: 'MONTHLY',
      key: '2026-11',
      label: 'Tháng 11/2026',
      start: '2026-10-15',
      end: '2026-11-14',
    });
    expect(periodByKey('MONTHLY', '2027-01')).toEqual({
      recurrence: 'MONTHLY',
      key: '2027-01',
      label: 'Tháng 1/2027',
      start: '2026-12-15',
      end: '2027-01-14',
    });
    expect(periodByKey('MONTHLY', '2024-03')?.start).toBe('2024-02-15');
  });

  it('quarterly: 15th of the month before the quarter → 14th of its last month', () => {
    expect(periodByKey('QUARTERLY', '2026-Q4')).toEqual({
      recurrence: 'QUARTERLY',
      key: '2026-Q4',
      label: 'Quý IV/2026',
      start: '2026-09-15',
      end: '2026-12-14',
    });
    expect(periodByKey('QUARTERLY', '2026-Q1')).toMatchObject({
      label: 'Quý I/2026',
      start: '2025-12-15',
      end: '2026-03-14',
    });
    expect(periodByKey('QUARTERLY', '2026-Q2')).toMatchObject({
      label: 'Quý II/2026',
      start: '2026-03-15',
      end: '2026-06-14',
    });
    expect(periodByKey('QUARTERLY', '2026-Q3')).toMatchObject({
      label: 'Quý III/2026',
      start: '2026-06-15',
      end: '2026-09-14',
    });
  });

  it('half-yearly: 15/12 → 14/6 and 15/6 → 14/12', () => {
    expect(periodByKey('HALF_YEARLY', '2026-H1')).toEqual({
      recurrence: 'HALF_YEARLY',
      key: '2026-H1',
      label: '6 tháng đầu năm 2026',
      start: '2025-12-15',
      end: '2026-06-14',
    });
    expect(periodByKey('HALF_YEARLY', '2026-H2')).toEqual({
      recurrence: 'HALF_YEARLY',
      key: '2026-H2',
      label: '6 tháng cuối năm 2026',
      start: '2026-06-15',
      end: '2026-12-14',
    });
  });

  it('yearly: 15/12 of the previous year → 14/12', () => {
    expect(periodByKey('YEARLY', '2026')).toEqual({
      recurrence: 'YEARLY',
      key: '2026',
      label: 'Năm 2026',
      start: '2025-12-15',
      end: '2026-12-14',
    });
  });

  it('ONCE and CONTINUOUS have one all-time period', () => {
    expect(periodByKey('ONCE', 'ONCE')).toEqual({
      recurrence: 'ONCE',
      key: 'ONCE',
      label: 'Cả kỳ',
      start: '0001-01-01',
      end: '9999-12-31',
    });
    expect(periodByKey('CONTINUOUS', 'CONTINUOUS')).toEqual({
      recurrence: 'CONTINUOUS',
      key: 'CONTINUOUS',
      label: 'Thường xuyên',
      start: ALL_TIME_START,
      end: ALL_TIME_END,
    });
  });
});

describe('periodContaining', () => {
  it('the 14th is the last day of the month’s period, the 15th the first of the next', () => {
    expect(keyOf('MONTHLY', '2026-11-14')).toBe('2026-11');
    expect(keyOf('MONTHLY', '2026-11-15')).toBe('2026-12');
    expect(keyOf('MONTHLY', '2026-11-20')).toBe('2026-12');
    expect(keyOf('MONTHLY', '2026-11-01')).toBe('2026-11');
    expect(keyOf('MONTHLY', '2026-10-15')).toBe('2026-11');
    expect(keyOf('MONTHLY', '2026-10-31')).toBe('2026-11');
  });

  it('dates after 14/12 belong to the next year', () => {
    expect(keyOf('MONTHLY', '2026-12-20')).toBe('2027-01');
    expect(keyOf('QUARTERLY', '2026-12-20')).toBe('2027-Q1');
    expect(keyOf('HALF_YEARLY', '2026-12-20')).toBe('2027-H1');
    expect(keyOf('YEARLY', '2026-12-20')).toBe('2027');
    expect(keyOf('YEARLY', '2026-12-31')).toBe('2027');
    expect(keyOf('MONTHLY', '2026-12-14')).toBe('2026-12');
    expect(keyOf('QUARTERLY', '2026-12-14')).toBe('2026-Q4');
    expect(keyOf('HALF_YEARLY', '2026-12-14')).toBe('2026-H2');
    expect(keyOf('YEARLY', '2026-12-14')).toBe('2026');
    expect(keyOf('YEARLY', '2027-01-01')).toBe('2027');
  });

  it('quarter and half-year boundaries fall on the 14th/15th', () => {
    expect(keyOf('QUARTERLY', '2026-03-14')).toBe('2026-Q1');
    expect(keyOf('QUARTERLY', '2026-03-15')).toBe('2026-Q2');
    expect(keyOf('QUARTERLY', '2026-06-14')).toBe('2026-Q2');
    expect(keyOf('QUARTERLY', '2026-06-15')).toBe('2026-Q3');
    expect(keyOf('QUARTERLY', '2026-09-14')).toBe('2026-Q3');
    expect(keyOf('QUARTERLY', '2026-09-15')).toBe('2026-Q4');
    expect(keyOf('HALF_YEARLY', '2026-06-14')).toBe('2026-H1');
    expect(keyOf('HALF_YEARLY', '2026-06-15')).toBe('2026-H2');
    expect(keyOf('HALF_YEARLY', '2026-01-01')).toBe('2026-H1');
  });

  it('handles leap days', () => {
    expect(keyOf('MONTHLY', '2024-02-29')).toBe('2024-03');
    expect(periodContaining('MONTHLY', '2024-02-29').start).toBe('2024-02-15');
  });

  it('ONCE and CONTINUOUS always give their single period', () => {
    expect(keyOf('ONCE', '2021-09-15')).toBe('ONCE');
    expect(keyOf('CONTINUOUS', '1999-01-01')).toBe('CONTINUOUS');
  });

  it('the period found always contains the date (every day of 2024–2027)', () => {
    for (let d = '2024-01-01'; d <= '2027-12-31'; d = addDays(d, 1)) {
      for (const r of RECURRENCES) {
        const p = periodContaining(r, d);
        expect(p.start <= d && d <= p.end).toBe(true);
        expect(periodByKey(r, p.key)).toEqual(p);
      }
    }
  });

  it('rejects malformed dates and dates outside the supported years', () => {
    expect(() => periodContaining('MONTHLY', '2026-13-01')).toThrow(RangeError);
    expect(() => periodContaining('MONTHLY', '2025-02-29')).toThrow(RangeError);
    expect(() => periodContaining('ONCE', '20/11/2026')).toThrow(RangeError);
    expect(() => periodContaining('YEARLY', '9999-12-20')).toThrow(RangeError);
    expect(() => periodContaining('YEARLY', '0999-06-01')).toThrow(RangeError);
    expect(periodContaining('YEARLY', '9999-12-14').key).toBe('9999');
    expect(periodContaining('QUARTERLY', '1000-01-01')).toMatchObject({ key: '1000-Q1', start: '0999-12-15' });
  });
});

describe('periodByKey', () => {
  it('returns null for impossible keys', () => {
    expect(periodByKey('MONTHLY', '2026-13')).toBeNull();
    expect(periodByKey('MONTHLY', '2026-00')).toBeNull();
    expect(periodByKey('QUARTERLY', '2026-Q5')).toBeNull();
    expect(periodByKey('QUARTERLY', '2026-Q0')).toBeNull();
    expect(periodByKey('HALF_YEARLY', '2026-H3')).toBeNull();
  });

  it('returns null for malformed keys', () => {
    for (const k of ['', '2026-1', '2026-011', '26-11', '2026/11', ' 2026-11', '2026-11 ', '2026-q4', 'abcd', '0999']) {
      expect(periodByKey('MONTHLY', k)).toBeNull();
      expect(periodByKey('YEARLY', k)).toBeNull();
    }
    expect(periodByKey('YEARLY', '02026')).toBeNull();
    expect(periodByKey('QUARTERLY', '2026-QIV')).toBeNull();
    expect(periodByKey('HALF_YEARLY', '2026-h1')).toBeNull();
  });

  it('returns null for a key of another recurrence', () => {
    expect(periodByKey('MONTHLY', '2026-Q1')).toBeNull();
    expect(periodByKey('MONTHLY', '2026')).toBeNull();
    expect(periodByKey('QUARTERLY', '2026-11')).toBeNull();
    expect(periodByKey('QUARTERLY', '2026-H1')).toBeNull();
    expect(periodByKey('HALF_YEARLY', '2026-Q1')).toBeNull();
    expect(periodByKey('YEARLY', '2026-H1')).toBeNull();
    expect(periodByKey('ONCE', 'CONTINUOUS')).toBeNull();
    expect(periodByKey('CONTINUOUS', 'ONCE')).toBeNull();
    expect(periodByKey('ONCE', '2026')).toBeNull();
    expect(periodByKey('ONCE', 'once')).toBeNull();
  });
});

describe('previousPeriod / nextPeriod', () => {
  const key = (p: Period | null) => p?.key ?? null;
  const by = (r: Recurrence, k: string) => {
    const p = periodByKey(r, k);
    if (!p) throw new Error(`no period ${k}`);
    return p;
  };

  it('steps within a year', () => {
    expect(key(nextPeriod(by('MONTHLY', '2026-11')))).toBe('2026-12');
    expect(key(previousPeriod(by('MONTHLY', '2026-11')))).toBe('2026-10');
    expect(key(nextPeriod(by('QUARTERLY', '2026-Q2')))).toBe('2026-Q3');
    expect(key(nextPeriod(by('HALF_YEARLY', '2026-H1')))).toBe('2026-H2');
  });

  it('rolls over year boundaries', () => {
    expect(key(nextPeriod(by('MONTHLY', '2026-12')))).toBe('2027-01');
    expect(key(previousPeriod(by('MONTHLY', '2027-01')))).toBe('2026-12');
    expect(key(nextPeriod(by('QUARTERLY', '2026-Q4')))).toBe('2027-Q1');
    expect(key(previousPeriod(by('QUARTERLY', '2027-Q1')))).toBe('2026-Q4');
    expect(key(nextPeriod(by('HALF_YEARLY', '2026-H2')))).toBe('2027-H1');
    expect(key(previousPeriod(by('HALF_YEARLY', '2027-H1')))).toBe('2026-H2');
    expect(key(nextPeriod(by('YEARLY', '2026')))).toBe('2027');
    expect(key(previousPeriod(by('YEARLY', '2026')))).toBe('2025');
  });

  it('accepts just { recurrence, key }', () => {
    expect(key(nextPeriod({ recurrence: 'MONTHLY', key: '2026-11' }))).toBe('2026-12');
    expect(nextPeriod({ recurrence: 'MONTHLY', key: '2026-13' })).toBeNull();
  });

  it('is null for ONCE / CONTINUOUS and beyond the supported years', () => {
    expect(nextPeriod(by('ONCE', 'ONCE'))).toBeNull();
    expect(previousPeriod(by('CONTINUOUS', 'CONTINUOUS'))).toBeNull();
    expect(nextPeriod(by('YEARLY', '9999'))).toBeNull();
    expect(previousPeriod(by('MONTHLY', '1000-01'))).toBeNull();
  });

  it('windows tile with no gap or overlap, and next/previous are inverses', () => {
    for (const r of CYCLIC) {
      let p = periodContaining(r, '2024-01-01');
      for (let i = 0; i < 30; i++) {
        const n = nextPeriod(p);
        expect(n).not.toBeNull();
        if (!n) break;
        expect(n.start).toBe(addDays(p.end, 1));
        expect(previousPeriod(n)).toEqual(p);
        p = n;
      }
    }
  });
});

describe('periodsBetween', () => {
  const keys = (r: Recurrence, from: string, to: string) => periodsBetween(r, from, to).map((p) => p.key);

  it('lists every period whose window intersects [from, to], in order', () => {
    expect(keys('MONTHLY', '2026-10-01', '2027-01-20')).toEqual([
      '2026-10',
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
    ]);
    expect(keys('QUARTERLY', '2026-01-01', '2026-12-31')).toEqual([
      '2026-Q1',
      '2026-Q2',
      '2026-Q3',
      '2026-Q4',
      '2027-Q1',
    ]);
    expect(keys('HALF_YEARLY', '2021-07-15', '2022-06-14')).toEqual(['2021-H2', '2022-H1']);
    expect(keys('YEARLY', '2021-07-15', '2030-12-31')).toEqual([
      '2021',
      '2022',
      '2023',
      '2024',
      '2025',
      '2026',
      '2027',
      '2028',
      '2029',
      '2030',
      '2031',
    ]);
  });

  it('includes both ends: a range touching a window by one day includes it', () => {
    expect(keys('MONTHLY', '2026-11-14', '2026-11-15')).toEqual(['2026-11', '2026-12']);
    expect(keys('MONTHLY', '2026-10-15', '2026-11-14')).toEqual(['2026-11']);
    expect(keys('QUARTERLY', '2026-12-14', '2026-12-15')).toEqual(['2026-Q4', '2027-Q1']);
  });

  it('a single day gives its one period', () => {
    expect(keys('MONTHLY', '2026-12-20', '2026-12-20')).toEqual(['2027-01']);
  });

  it('is empty when from > to', () => {
    expect(periodsBetween('MONTHLY', '2026-12-01', '2026-11-30')).toEqual([]);
    expect(periodsBetween('ONCE', '2026-12-01', '2026-11-30')).toEqual([]);
  });

  it('ONCE and CONTINUOUS give their single period', () => {
    expect(keys('ONCE', '2021-01-01', '2030-12-31')).toEqual(['ONCE']);
    expect(keys('CONTINUOUS', '2021-01-01', '2030-12-31')).toEqual(['CONTINUOUS']);
  });

  it('covers the whole 2021–2030 programme: 120 months, 40 quarters', () => {
    expect(periodsBetween('MONTHLY', '2021-01-15', '2031-01-14')).toHaveLength(120);
    expect(periodsBetween('QUARTERLY', '2021-01-01', '2030-12-14')).toHaveLength(40); // 2021-Q1 … 2030-Q4
  });

  it('stops at the last supported period', () => {
    expect(keys('YEARLY', '9998-01-01', '9999-12-31')).toEqual(['9998', '9999']);
  });

  it('rejects malformed dates', () => {
    expect(() => periodsBetween('MONTHLY', '2026-1-1', '2026-12-31')).toThrow(RangeError);
    expect(() => periodsBetween('MONTHLY', '2026-01-01', '2026-02-30')).toThrow(RangeError);
  });
});

describe('lastCutoffs (the trend) and asOfFor (a period filter)', () => {
  it('counts the current period only from its cut-off day, in Vietnam', () => {
    const keys = (asOf: string, recurrence: 'MONTHLY' | 'QUARTERLY', n: number) =>
      lastCutoffs(recurrence, new Date(asOf), n).map((p) => p.key);
    expect(keys('2026-12-01T05:00:00Z', 'MONTHLY', 3)).toEqual(['2026-09', '2026-10', '2026-11']);
    // 14/12 23:59:59 in Hà Nội is still the cut-off day of December's report …
    expect(keys('2026-12-14T16:59:59Z', 'MONTHLY', 2)).toEqual(['2026-11', '2026-12']);
    // … and one second later it is 15/12, the first day of January's window.
    expect(keys('2026-12-14T17:00:00Z', 'MONTHLY', 2)).toEqual(['2026-11', '2026-12']);
    expect(keys('2026-12-01T05:00:00Z', 'QUARTERLY', 2)).toEqual(['2026-Q2', '2026-Q3']);
    expect(keys('2026-12-14T16:59:59Z', 'QUARTERLY', 2)).toEqual(['2026-Q3', '2026-Q4']);
  });

  it('ends a past period at the last instant of its cut-off day, and never after now', () => {
    const now = new Date('2026-12-01T05:00:00Z');
    expect(asOfFor('2026-05', now).toISOString()).toBe('2026-05-14T16:59:59.999Z');
    expect(asOfFor('2026-Q4', now)).toEqual(now);
    expect(asOfFor(undefined, now)).toEqual(now);
    expect(asOfFor('not-a-period', now)).toEqual(now);
    expect(periodOfKey('2026-H2')?.end).toBe('2026-12-14');
  });
});
