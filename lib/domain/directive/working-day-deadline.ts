/**
 * Deadlines given in working days (decision 015): "hoàn thành trong 10 ngày làm việc kể từ ngày
 * 01/02/2027", "trong thời hạn 05 ngày làm việc kể từ ngày ký". A separate step after the parser:
 * it needs the working-day calendar (public holidays and the administrator's swaps), which the
 * caller passes in, so the parser itself stays unaware of it.
 *
 * With a dated anchor the deadline is the n-th working day after it (lib/domain/working-days.ts);
 * with an undated one ("kể từ ngày ký", "kể từ ngày nhận được") the date is left empty and the
 * phrase is shown to the reviewer, who fills the date in.
 */
import { addWorkingDays, type WorkCalendar } from '../working-days';
import { foldSameLength } from './normalize';
import type { ParsedDirective } from './types';

export type WorkingDayDeadline = {
  days: number;
  /** The anchor date 'YYYY-MM-DD', or null when the text names an event ("kể từ ngày ký"). */
  from: string | null;
  /** The words in the original text. */
  text: string;
};

// On the folded text (no diacritics, lower case, same length as the original).
const PHRASE =
  /(?:trong(?:\s+thoi\s+han)?|chua\s+qua|khong\s+qua|cham\s+nhat(?:\s+la)?|sau)\s+(\d{1,3})\s+ngay\s+lam\s+viec(?:\s+(?:ke\s+tu|tinh\s+tu)\s+(?:ngay\s+)?(?:(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})|[a-z ]{0,40}?(?=[,.;:)]|$)))?/m;

function validDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The first working-day deadline in a text, or null. */
export function findWorkingDayDeadline(text: string): WorkingDayDeadline | null {
  const original = text.normalize('NFC');
  const match = PHRASE.exec(foldSameLength(original));
  if (!match) return null;
  const days = Number(match[1]);
  if (days < 1) return null;
  const from = match[2] ? validDate(Number(match[4]), Number(match[3]), Number(match[2])) : null;
  return { days, from, text: original.slice(match.index, match.index + match[0].length).trim() };
}

/**
 * The parsed directive with working-day deadlines read: a task whose text gives one gets it as its
 * deadline (unless the parser found a calendar date elsewhere in the text — that date stays).
 */
export function withWorkingDayDeadlines(parsed: ParsedDirective, calendar: WorkCalendar): ParsedDirective {
  return {
    ...parsed,
    sections: parsed.sections.map((section) => ({
      ...section,
      tasks: section.tasks.map((task) => {
        const found = findWorkingDayDeadline(task.text);
        if (!found) return task;
        // The parser may have read the anchor date itself as the deadline: the phrase wins then.
        if (task.deadline && !(task.deadlineText && found.text.includes(task.deadlineText))) return task;
        return {
          ...task,
          deadline: found.from ? addWorkingDays(found.from, found.days, calendar) : null,
          deadlineText: found.text,
          recurrence: found.from ? ('ONCE' as const) : task.recurrence,
        };
      }),
    })),
  };
}
