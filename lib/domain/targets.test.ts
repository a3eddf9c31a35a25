import { describe, expect, it } from 'vitest';
import { formatIndicatorValue, pathToTarget, ragOf, requiredOn, targetInForce, type IndicatorRule } from './targets';

// "≥ 80% of procedures online at level 3–4 by 2025, ≥ 90% by 2030", from 30% at the end of 2020.
const online: IndicatorRule = {
  direction: 'HIGHER_IS_BETTER',
  baselineValue: 30,
  baselineYear: 2020,
  targets: [
    { year: 2030, value: 90 },
    { year: 2025, value: 80 },
  ],
};
// Days to settle a dossier: 20 in 2020, at most 10 by 2025 (lower is better).
const days: IndicatorRule = {
  direction: 'LOWER_IS_BETTER',
  baselineValue: 20,
  baselineYear: 2020,
  targets: [{ year: 2025, value: 10 }],
};

describe('trajectory', () => {
  it('starts at the baseline and reaches each target at the end of its year', () => {
    expect(requiredOn(online, '2020-12-31')).toBe(30);
    expect(requiredOn(online, '2019-06-30')).toBe(30);
    expect(requiredOn(online, '2025-12-31')).toBe(80);
    expect(requiredOn(online, '2030-12-31')).toBe(90);
    expect(requiredOn(online, '2035-06-30')).toBe(90);
  });

  it('is a straight line between two points (half-way in time, half-way in value)', () => {
    // 31/12/2020 → 31/12/2025 is 1826 days; 913 days in is 2 July 2023.
    expect(requiredOn(online, '2023-07-02')).toBeCloseTo(55, 1);
    expect(requiredOn(online, '2028-07-01')).toBeCloseTo(85, 0);
    expect(requiredOn(days, '2023-07-02')).toBeCloseTo(15, 1);
  });

  it('without a baseline asks for the target in force; without targets asks for nothing', () => {
    const flat: IndicatorRule = { ...online, baselineValue: null, baselineYear: null };
    expect(requiredOn(flat, '2022-06-14')).toBe(80);
    expect(requiredOn(flat, '2026-06-14')).toBe(90);
    expect(targetInForce(flat, '2031-01-01')).toEqual({ year: 2030, value: 90 });
    expect(requiredOn({ ...online, targets: [] }, '2024-01-01')).toBeNull();
    expect(ragOf({ ...online, targets: [] }, 50, '2024-01-01')).toBeNull();
  });
});

describe('red, amber, green', () => {
  it('green on or above the line, amber within 5% below it, red further behind', () => {
    expect(ragOf(online, 80, '2025-12-31')).toBe('GREEN');
    expect(ragOf(online, 95, '2025-12-31')).toBe('GREEN');
    expect(ragOf(online, 76, '2025-12-31')).toBe('AMBER'); // 4 short of 80 = exactly 5%
    expect(ragOf(online, 75.9, '2025-12-31')).toBe('RED');
    expect(ragOf(online, 0, '2025-12-31')).toBe('RED');
  });

  it('turns round for lower-is-better', () => {
    expect(ragOf(days, 10, '2025-12-31')).toBe('GREEN');
    expect(ragOf(days, 10.5, '2025-12-31')).toBe('AMBER');
    expect(ragOf(days, 12, '2025-12-31')).toBe('RED');
    expect(ragOf(days, 25, '2021-12-31')).toBe('RED');
  });

  it('a target of 0 (lower is better) has no amber band', () => {
    const zero: IndicatorRule = {
      direction: 'LOWER_IS_BETTER',
      baselineValue: null,
      baselineYear: null,
      targets: [{ year: 2025, value: 0 }],
    };
    expect(ragOf(zero, 0, '2025-06-14')).toBe('GREEN');
    expect(ragOf(zero, 0.01, '2025-06-14')).toBe('RED');
  });
});

describe('path to the target', () => {
  it('says the change still needed per year until the next unmet target', () => {
    const p = pathToTarget(online, 70, '2024-12-31')!;
    expect(p).toMatchObject({ year: 2025, value: 80, met: false, change: 10 });
    expect(p.perYear).toBeCloseTo(10, 0);
  });

  it('skips a target already met and looks at the next one', () => {
    expect(pathToTarget(online, 85, '2024-12-31')).toMatchObject({ year: 2030, value: 90, met: false, change: 5 });
    expect(pathToTarget(online, 92, '2024-12-31')).toMatchObject({ year: 2030, met: true, change: 0, perYear: null });
  });

  it('after the last target year, the last target is still the bar, with no time left', () => {
    const p = pathToTarget(days, 12, '2026-06-14')!;
    expect(p).toMatchObject({ year: 2025, value: 10, met: false, change: -2, perYear: null, yearsLeft: 0 });
  });
});

describe('formatIndicatorValue', () => {
  it('writes a Vietnamese decimal comma and the unit', () => {
    expect(formatIndicatorValue(82.5, '%')).toBe('82,5%');
    expect(formatIndicatorValue(1234, 'hồ sơ')).toBe('1.234 hồ sơ');
  });
});
