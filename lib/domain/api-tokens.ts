/**
 * The rules of the API tokens other systems read with (decision 020). Pure: the data layer
 * (lib/data/api-tokens.ts) keeps the counters in PostgreSQL.
 *
 * - A secret is "dd_" + 43 base64url characters (32 random bytes, 256 bits). Only its SHA-256 is
 *   stored: a secret that long cannot be guessed from its hash, so a slow password hash would add
 *   cost to every call and no safety.
 * - Rate limit: API_CALLS_PER_MINUTE calls per token per minute (fixed UTC minutes), counted in one
 *   row per token and minute that every instance increments; the call past the limit waits until
 *   the next minute (Retry-After).
 * - Audit: the first call of each token in each minute is written to the audit trail (the minute's
 *   row counts the rest), so a busy integration adds at most 1,440 events a day instead of one per
 *   call; the first refusal for the rate limit in a minute too.
 */

export const API_TOKEN_PREFIX = 'dd_';
/** The secret as it is sent: the prefix and 43 base64url characters. */
export const API_TOKEN_PATTERN = /^dd_[A-Za-z0-9_-]{43}$/;
/** Characters of the secret kept in clear, to recognise a token in the list. */
export const API_TOKEN_SHOWN_CHARS = 9;

export const API_CALLS_PER_MINUTE = 120;
/** Per-minute rows are kept this long (the use of a token over the last quarter). */
export const API_USAGE_KEEP_DAYS = 90;
/** A token lives at most this long; the administrator issues a new one before it ends. */
export const API_TOKEN_MAX_DAYS = 366;

/** The start of the UTC minute containing `now`. */
export function minuteOf(now: Date): Date {
  return new Date(Math.floor(now.getTime() / 60_000) * 60_000);
}

/** Whole seconds until the next minute starts (1–60): the Retry-After of a refused call. */
export function secondsToNextMinute(now: Date): number {
  return Math.max(1, Math.ceil((minuteOf(now).getTime() + 60_000 - now.getTime()) / 1000));
}

/** What a call with `calls` (this one included) in the current minute comes to. */
export function rateDecision(calls: number): { allowed: boolean; firstOfMinute: boolean; firstRefusal: boolean } {
  return {
    allowed: calls <= API_CALLS_PER_MINUTE,
    firstOfMinute: calls === 1,
    firstRefusal: calls === API_CALLS_PER_MINUTE + 1,
  };
}

export const API_TOKEN_SCOPE_LABELS = {
  READ_ALL: 'Đọc toàn bộ (như Lãnh đạo UBND thành phố)',
  UNIT: 'Một đơn vị (như công chức của đơn vị)',
} as const;
