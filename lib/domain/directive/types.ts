/**
 * Types of the directive import parser. They live in their own module so the helper modules
 * (unit matcher, deadlines, structure) can share them without importing the parser itself.
 * parse-directive.ts re-exports every one of them: callers import from there.
 */

/** A registry unit the parser may match against (HA_TINH_UNITS has this shape). */
export type UnitRef = {
  code: string;
  name: string;
  kind: string;
  aliases?: readonly string[];
};

/**
 * A unit named in the text.
 * - unitCode: the registry unit it was matched to, or null.
 * - confidence (0..1) is the confidence in unitCode: 1 for an exact normalised match of a name or
 *   alias, lower for glued / abbreviated / fuzzy matches. When unitCode is null it is 0.2 for a
 *   phrase that names a body outside the registry ("Báo Hà Tĩnh") and 0 for a collective group
 *   named as a partner ("các phòng, ban, ngành thành phố").
 */
export type ParsedUnitRef = { text: string; unitCode: string | null; confidence: number };

export type Collective = 'ALL' | 'WARDS_COMMUNES' | 'DEPARTMENTS' | null;

export type Recurrence = 'ONCE' | 'MONTHLY' | 'QUARTERLY' | 'HALF_YEARLY' | 'YEARLY' | 'CONTINUOUS';

/**
 * What the task's deadline is: a date; a date the text gives without a year or as an impossible
 * day; not a date at all — a daily or other cycle ("hằng ngày trước 16 giờ") or an event ("sau
 * khi Nghị định được ban hành"); or nothing written.
 */
export type DeadlineKind = 'DATE' | 'NO_YEAR' | 'INVALID' | 'RECURRING' | 'EVENT' | 'NONE';

export type ParsedTask = {
  /** As written: "1", "a", "1.2"; "1.a" for a lettered task under a numbered group. */
  number: string;
  /** First sentence of the text, at most 200 characters. */
  title: string;
  /** Full text of the task (continuation paragraphs joined with "\n"), NFC, glued words as-is. */
  text: string;
  lead: ParsedUnitRef | null;
  /**
   * The other units named as leads when the text lists several ("Cơ quan chủ trì: Sở Nội vụ, Sở
   * Tài chính", a lead cell with two Sở, "Phòng Kinh tế và Phòng Quản lý đô thị chủ trì"): kept,
   * not read as partners. The first listed is `lead`.
   */
  coLeads: ParsedUnitRef[];
  coordinators: ParsedUnitRef[];
  collective: Collective;
  /** Calendar date 'YYYY-MM-DD' (the last day the task may be completed), or null. */
  deadline: string | null;
  /** The words the deadline was read from ("hoàn thành trước 15/9/2021"), or null. */
  deadlineText: string | null;
  deadlineKind: DeadlineKind;
  recurrence: Recurrence;
  /** True when neither the task nor its headings name who does it (collective ALL by default). */
  addresseeAssumed: boolean;
  /**
   * The heading the task's group (`collective`) was inherited from, as written ("Các sở, ban,
   * ngành, đoàn thể cấp tỉnh và UBND các xã, phường"), when the task names nobody itself; null
   * otherwise. The review shows it as a lead to check.
   */
  groupFromHeading?: string | null;
};

export type ParsedSection = {
  /** "I", "II" for Roman sections, "1", "2" for numbered sections, "" for the implicit section. */
  numeral: string;
  title: string;
  tasks: ParsedTask[];
};

export type ParsedDirective = {
  preamble: string;
  sections: ParsedSection[];
  /** Messages in Vietnamese for the person reviewing the import. */
  warnings: string[];
  /**
   * True when the text was read and found to assign no task (a Quyết định made of articles, or
   * numbered text that never names a unit): the review must not invent one from the whole text.
   */
  assignsNoTasks?: boolean;
};
