/** Lengths of a report's fields: shared by the report and review forms (browser) and report.ts (server). No zod here. */
export const REPORT_LIMITS = {
  content: 10_000,
  difficulties: 5_000,
  proposals: 5_000,
  noEvidenceReason: 2_000,
  reason: 2_000,
  /** Largest indicator value (the column is numeric(16,4)). */
  indicatorValue: 999_999_999_999,
} as const;
