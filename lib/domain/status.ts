/**
 * The official status of a task or assignment — the ONE rule every screen, chart, export and report
 * uses, so that the numbers always add up to the national headline
 * "Tổng số N; đã hoàn thành X (đúng hạn a, quá hạn b); chưa hoàn thành Y (trong hạn c, quá hạn d)".
 *
 * Definition (precise enough to be re-implemented in SQL):
 *
 *   Inputs: due_date   DATE or NULL   — a calendar day in Asia/Ho_Chi_Minh; NULL = no deadline
 *                                        ("Thường xuyên / Không thời hạn").
 *           completed_at TIMESTAMPTZ or NULL — when the work was completed.
 *           started    BOOLEAN        — any progress has been recorded.
 *           now        TIMESTAMPTZ    — the moment of evaluation (a parameter, never the clock).
 *
 *   deadline := (due_date + 1 day) at 00:00 Asia/Ho_Chi_Minh = due_date 17:00:00 UTC
 *               (a deadline "trước 15/9/2021" is met by anything strictly before the end of 15/9
 *               in Vietnam: SQL `((due_date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')`).
 *   today    := (now AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
 *
 *   status :=
 *     completed_at IS NOT NULL AND (due_date IS NULL OR completed_at <  deadline) → DONE_ON_TIME
 *     completed_at IS NOT NULL AND  due_date IS NOT NULL AND completed_at >= deadline → DONE_LATE
 *     completed_at IS NULL AND due_date IS NOT NULL AND now >= deadline       → IN_PROGRESS_OVERDUE
 *     completed_at IS NULL AND started                                      → IN_PROGRESS_ON_TIME
 *     otherwise                                                              → NOT_STARTED
 *
 *   `started` is ignored once the deadline has passed: an untouched task past its deadline counts as
 *   "Đang thực hiện quá hạn", because that is how government trackers count it — the unit owes the
 *   work, and "Chưa thực hiện" would hide the lateness. So NOT_STARTED only ever means "not started
 *   and not yet due (or no deadline)".
 *
 *   Flags and counters (all in whole Vietnamese calendar days):
 *     no_deadline   := due_date IS NULL
 *     days_left     := due_date - today   when status = IN_PROGRESS_ON_TIME or NOT_STARTED with a
 *                      deadline (0 = due today), else NULL
 *     due_soon      := days_left IS NOT NULL AND days_left <= 3            ("Sắp đến hạn")
 *     days_overdue  := today - due_date   when IN_PROGRESS_OVERDUE (always >= 1);
 *                      (completed_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date - due_date
 *                                         when DONE_LATE (>= 1: how late it was finished);
 *                      else NULL
 */
import { daysBetween, endOfDayVn, vnDateOf, type IsoDate } from './time';

export const OFFICIAL_STATUSES = [
  'DONE_ON_TIME',
  'DONE_LATE',
  'IN_PROGRESS_ON_TIME',
  'IN_PROGRESS_OVERDUE',
  'NOT_STARTED',
] as const;
export type OfficialStatus = (typeof OFFICIAL_STATUSES)[number];

export const STATUS_LABELS: Record<OfficialStatus, string> = {
  DONE_ON_TIME: 'Hoàn thành đúng hạn',
  DONE_LATE: 'Hoàn thành quá hạn',
  IN_PROGRESS_ON_TIME: 'Đang thực hiện trong hạn',
  IN_PROGRESS_OVERDUE: 'Đang thực hiện quá hạn',
  NOT_STARTED: 'Chưa thực hiện',
};

/** The colours government trackers use for these statuses. */
export const STATUS_COLORS: Record<OfficialStatus, string> = {
  DONE_ON_TIME: '#16a34a', // green
  DONE_LATE: '#ea580c', // orange
  IN_PROGRESS_ON_TIME: '#2563eb', // blue
  IN_PROGRESS_OVERDUE: '#dc2626', // red
  NOT_STARTED: '#6b7280', // grey
};

/**
 * Text in a status's colour on its light tint: the same hues, dark enough for WCAG AA (≥ 4.5:1,
 * issue 12: the 600 shades gave 3.1–4.4:1). Dots, borders and chart bars keep STATUS_COLORS.
 */
export const STATUS_TEXT_COLORS: Record<OfficialStatus, string> = {
  DONE_ON_TIME: '#166534', // green-800
  DONE_LATE: '#9a3412', // orange-800
  IN_PROGRESS_ON_TIME: '#1e40af', // blue-800
  IN_PROGRESS_OVERDUE: '#991b1b', // red-800
  NOT_STARTED: '#374151', // gray-700
};

/** "Sắp đến hạn": this many whole days left, or fewer. */
export const DUE_SOON_DAYS = 3;

export type StatusInput = { dueDate: IsoDate | null; completedAt: Date | null; started: boolean };

export type StatusResult = {
  status: OfficialStatus;
  /** "Sắp đến hạn": not done, not overdue, and at most DUE_SOON_DAYS (working) days left. */
  dueSoon: boolean;
  /** "Thường xuyên / Không thời hạn". */
  noDeadline: boolean;
  /** Calendar days until the due date (0 = due today) while open and in time; else null. */
  daysLeft: number | null;
  /** Calendar days past the due date: while overdue, or how late a DONE_LATE was finished; else null. */
  daysOverdue: number | null;
};

/**
 * Applies the rule in the header comment. `dueSoonUntil`: the last deadline that is "Sắp đến hạn"
 * today, counted in working days (lib/domain/working-days.ts `dueSoonUntil`, decision 015); without
 * it, DUE_SOON_DAYS calendar days.
 */
export function computeStatus(
  input: StatusInput,
  now: Date,
  { dueSoonUntil }: { dueSoonUntil?: IsoDate } = {},
): StatusResult {
  const { dueDate, completedAt, started } = input;
  const base = { dueSoon: false, noDeadline: dueDate === null, daysLeft: null, daysOverdue: null };

  if (completedAt !== null) {
    if (dueDate === null || completedAt.getTime() < endOfDayVn(dueDate).getTime()) {
      return { ...base, status: 'DONE_ON_TIME' };
    }
    return { ...base, status: 'DONE_LATE', daysOverdue: daysBetween(dueDate, vnDateOf(completedAt)) };
  }

  if (dueDate === null) {
    return { ...base, status: started ? 'IN_PROGRESS_ON_TIME' : 'NOT_STARTED' };
  }

  const today = vnDateOf(now);
  if (now.getTime() >= endOfDayVn(dueDate).getTime()) {
    // Overdue whether or not anyone started it: see the header comment.
    return { ...base, status: 'IN_PROGRESS_OVERDUE', daysOverdue: daysBetween(dueDate, today) };
  }

  const daysLeft = daysBetween(today, dueDate);
  return {
    ...base,
    status: started ? 'IN_PROGRESS_ON_TIME' : 'NOT_STARTED',
    daysLeft,
    dueSoon: dueSoonUntil !== undefined ? dueDate <= dueSoonUntil : daysLeft <= DUE_SOON_DAYS,
  };
}
