/** An indicator's field lengths, target rows, periods and directions: shared by the indicator form (browser) and indicator.ts (server). No zod here. */
export const INDICATOR_LIMITS = {
  code: 30,
  name: 300,
  measureUnit: 30,
  text: 5_000,
  value: 999_999_999_999,
  yearFrom: 2000,
  yearTo: 2100,
} as const;

/** How many target rows the form offers (2025 and 2030, with room for intermediate years). */
export const TARGET_ROWS = 4;

/** Decree 09/2019 reporting periods an indicator may be reported for (a one-off has no trajectory). */
export const INDICATOR_PERIODS = ['MONTHLY', 'QUARTERLY', 'HALF_YEARLY', 'YEARLY'] as const;
export const INDICATOR_DIRECTIONS = ['HIGHER_IS_BETTER', 'LOWER_IS_BETTER'] as const;
