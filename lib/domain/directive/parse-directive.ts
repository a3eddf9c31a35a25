/**
 * Directive import parser: pasted Vietnamese directive text → proposed programme (sections,
 * tasks, lead and coordinating units, collective addressees, deadlines, recurrences) plus
 * warnings for the reviewer. Pure: no I/O, never throws, linear in the input.
 *
 * Decisions the code relies on (see also the helper modules):
 * - Default addressee: a task that names neither a lead unit nor a collective, and whose heading
 *   names none either, gets collective 'ALL'. A directive of the city is addressed to all its
 *   units ("Ủy ban nhân dân thành phố … đề ra các nhiệm vụ, giải pháp cần tập trung chỉ đạo"),
 *   so seed tasks I.1, I.5, I.6, I.7 and II.2 (and I.4, whose "đơn vị, địa phương" comes after a
 *   fronted "Căn cứ vào…" clause) bind every unit and every unit reports on them.
 * - Recurrence: a task with a dated deadline is ONCE; otherwise the recurrence cue a human would
 *   read (deadlines.ts: a cue opening a sentence wins); with neither, ONCE with a null deadline:
 *   nothing in the text says the work repeats, and the app shows such a task as "Không thời hạn"
 *   until the reviewer sets a date or a cycle.
 * - "định kỳ" without a period → QUARTERLY, with a warning (deadlines.ts).
 * - Sections titled "Mục đích, yêu cầu", "Mục tiêu", "Căn cứ", "Quan điểm" hold aims, not tasks,
 *   and are skipped with a warning; sections left without tasks are dropped with a warning.
 */
import {
  type Addressees,
  classifyGroup,
  extractAddressees,
  headingAddressee,
  splitUnitList,
  startsWithUnitName,
  unitNamePhrase,
  unitRef,
} from './addressees';
import {
  type DeadlineMatch,
  extractDeadline,
  extractRecurrence,
  findDeadlines,
  type RecurrenceMatch,
} from './deadlines';
import { foldSameLength, foldWords, normalizeDirectiveText } from './normalize';
import { reflowPaste } from './reflow';
import { type Block, buildSkeleton, FIELD_LINE, type Item, isHeadingLike, isTaskDash } from './structure';
import type {
  Collective,
  ParsedDirective,
  ParsedSection,
  ParsedTask,
  ParsedUnitRef,
  Recurrence,
  UnitRef,
} from './types';
import { createUnitMatcher, type UnitMatcher } from './unit-matcher';
import { firstSentence, taskTitle, trimEnd } from './text-utils';

export type {
  Collective,
  DeadlineKind,
  ParsedDirective,
  ParsedSection,
  ParsedTask,
  ParsedUnitRef,
  Recurrence,
  UnitRef,
} from './types';

/** Warnings beyond this are summarised: a megabyte of junk must not produce a megabyte of advice. */
const MAX_WARNINGS = 100;

const SKIPPED_TITLES =
  /^(?:ve )?(?:muc dich|muc tieu|can cu|quan diem|doi tuong|phuong phap|thanh phan|thuc trang|tinh hinh|danh gia (?:nguy co|tinh hinh|thuc trang|ket qua)|ket qua thuc hien|noi dung giam sat|bo cuc|pham vi|chi tieu)(?:\s|$)/;

/** Funding sections ("Kinh phí thực hiện"): only an item that names who arranges it (a unit or a group) is a task. */
const FUNDING_TITLES = /^(?:ve )?(?:kinh phi|nguon kinh phi)(?:\s|$)/;

/** What tasks inherit from a heading; `groupText` is the heading that named the group, as written. */
type Inherited = { lead: ParsedUnitRef | null; coLeads?: ParsedUnitRef[]; collective: Collective; groupText?: string };

/** A heading's addressee, if it names one, with the heading's words when it names a group. */
function headingOwn(title: string, ctx: Context, otherwise: Inherited): Inherited {
  const heading = headingAddressee(title, ctx.matcher);
  if (!heading.lead && !heading.collective) return otherwise;
  return heading.lead
    ? heading
    : { ...heading, groupText: trimEnd(title.replace(/\s+/g, ' ').trim(), ':. ').slice(0, 200) };
}

type Context = {
  matcher: UnitMatcher;
  unitNames: ReadonlyMap<string, string>;
  warnings: string[];
  /** Warnings not kept because of MAX_WARNINGS. */
  dropped: number;
  /** Tasks whose addressee was named (in the task or a heading), not the directive-wide default. */
  named: number;
  /** Year of the document's date line ("Hà Nội, ngày 19 tháng 11 năm 2025"), for "đến cuối năm". */
  year: number | null;
  /** Tasks that name nobody (given the directive-wide default ALL). */
  unnamed: WeakSet<ParsedTask>;
};

/** One task before analysis: its number, text and (for table rows) its cells. */
type TaskSource = { number: string; text: string; item: Item };

function warn(ctx: Context, message: string): void {
  // Past the cap only the count matters (capWarnings); building a million strings would not.
  if (ctx.warnings.length <= MAX_WARNINGS) ctx.warnings.push(message);
  else ctx.dropped += 1;
}

function formatConfidence(c: number): string {
  return c.toFixed(2).replace('.', ',');
}

// ---------------------------------------------------------------------------------------------
// Items → task sources

function renderChild(child: Item): string {
  const marker = child.kind === 'letter' ? `${child.marker})` : `${child.marker}.`;
  return [`${marker} ${child.body}`.trim(), ...child.lines].join('\n');
}

function itemText(item: Item): string {
  if (item.kind === 'row' && item.cells && item.columns) {
    const cell = item.cells[item.columns.text] ?? '';
    return [cell, ...item.lines].filter((s) => s !== '').join('\n');
  }
  return [item.body, ...item.lines, ...item.children.map(renderChild)]
    .filter((s) => s.trim() !== '')
    .join('\n')
    .trim();
}

/**
 * A heading whose bullets are separate tasks: it names the unit that does them ("1. Sở Nội vụ:",
 * "a) Sở Xây dựng"), or it is a short line announcing a list ("1.2. Đối với công tác lựa chọn nhà
 * thầu:"). A long sentence ending in ":" ("Giao Ban Quản lý … chỉ đạo … có trách nhiệm:") is one
 * task whose bullets are its details, and so is a short topic without a colon ("a) Thu gom và xử
 * lý rác thải").
 */
function isGroupHeading(body: string): boolean {
  const s = body.trim();
  if (unitNamePhrase(s) !== null) return true;
  // "Các Sở, ngành chủ trì, quản lý, tham gia thực hiện các dự án …": a unit described, no sentence.
  if (startsWithUnitName(s) && s.length <= 220 && !/[.;!?](?:\s|$)/.test(s)) return true;
  // "a) Chủ trì, phối hợp với các sở, ban, ngành …" / "b) Phối hợp với …": the unit's role over its bullets.
  if (/^(?:chủ trì|phối hợp)(?:\s|,)/i.test(s) && s.length <= 300 && !/[.;!?](?:\s|$)/.test(s)) return true;
  return s.endsWith(':') && s.split(/\s+/).length <= 16 && isHeadingLike(s);
}

/**
 * Dash bullets under a group heading → one task each; "+" bullets and unmarked paragraphs after a
 * dash belong to it; paragraphs before the first dash only introduce the list.
 */
function dashSources(
  lines: readonly string[],
  prefix: string,
  inherited: Inherited,
): { source: TaskSource; inherited: Inherited }[] {
  const out: { source: TaskSource; inherited: Inherited }[] = [];
  let current: Item | null = null;
  for (const line of lines) {
    if (isTaskDash(line)) {
      current = {
        kind: 'letter',
        marker: String(out.length + 1),
        body: line.replace(/^[-–—•]\s*/, ''),
        lines: [],
        children: [],
      };
      out.push({
        source: { number: prefix ? `${prefix}.${current.marker}` : current.marker, text: '', item: current },
        inherited,
      });
    } else if (current) current.lines.push(line);
  }
  for (const o of out) o.source.text = itemText(o.source.item);
  return out;
}

/** The body is only the name of the unit that does what follows ("3. Sở Công Thương"). */
function namesUnitOnly(body: string): boolean {
  return unitNamePhrase(body) !== null && !/[.!?]\s+\S/.test(body.trim());
}

/** The tasks of one item or child, given the addressee it inherits. */
function expand(
  item: Item,
  number: string,
  ctx: Context,
  inherited: Inherited,
): { source: TaskSource; inherited: Inherited }[] {
  const dashes = item.kind !== 'row' && item.lines.some(isTaskDash) && isGroupHeading(item.body);
  const unitOnly = !dashes && item.kind !== 'row' && item.lines.length > 0 && namesUnitOnly(item.body);
  if (!dashes && !unitOnly) return [{ source: { number, text: itemText(item), item }, inherited }];
  // Only a heading is read for its addressee (reading every task's body here doubled the cost).
  const own = headingOwn(item.body, ctx, inherited);
  if (dashes) return dashSources(item.lines, number, own);
  const text = item.lines.join('\n').trim();
  return [{ source: { number, text, item: { ...item, body: '', lines: [...item.lines] } }, inherited: own }];
}

/**
 * The tasks an item stands for: itself, or (when it is only a heading over "a)", "b)" children
 * or over "- " bullets) each child, numbered "1.a" / "1.2" / "1.1", inheriting the heading's
 * addressee.
 */
/**
 * A topic over lettered items in a real plan is often longer than isHeadingLike allows ("1. Hoàn
 * thiện cơ chế, chính sách phát triển giáo dục mầm non ở địa bàn đô thị, khu công nghiệp"): no
 * sentence punctuation and at most 30 words still make it a heading when items follow.
 */
function isTopicHeading(body: string): boolean {
  const s = body.trim();
  return s !== '' && !/[.;!?](?:\s|$)/.test(s) && s.split(/\s+/).length <= 30;
}

/**
 * A heading addressed to businesses or the public ("11. Đề nghị các doanh nghiệp sản xuất …",
 * "12. Các tổ chức, cá nhân và hộ gia đình …"): they are not units of the administration, so what
 * follows is not tracked as tasks.
 */
const NOT_UNITS =
  /^(?:đề nghị\s+)?(?:các\s+)?(?:doanh nghiệp|công ty|cơ sở sản xuất|tổ chức, cá nhân|tổ chức và cá nhân|hộ gia đình|người dân|nhân dân)(?:\s|,|$)/i;

function itemSources(item: Item, ctx: Context, inherited: Inherited): { source: TaskSource; inherited: Inherited }[] {
  if (NOT_UNITS.test(item.body.trim()) && isTopicHeading(item.body.replace(/:\s*$/, ''))) {
    warn(ctx, `Bỏ qua mục «${item.body.slice(0, 80)}»: giao cho doanh nghiệp hoặc người dân, không phải đơn vị.`);
    return [];
  }
  if (item.children.length > 0 && (isHeadingLike(item.body) || isTopicHeading(item.body))) {
    const own = headingOwn(item.body, ctx, inherited);
    return item.children.flatMap((child) => {
      // "2.1. Trách nhiệm chung" over sibling letters: a sub-heading, not a task.
      // "2.2. Trách nhiệm cụ thể" + "Ngoài … các nội dung sau:" introduces the next letters.
      const introOnly = child.lines.every((l) => l.trim().endsWith(':'));
      if (child.kind === 'subnumber' && introOnly && isHeadingLike(child.body) && !namesUnitOnly(child.body)) return [];
      const number = child.kind === 'subnumber' ? child.marker : `${item.marker}.${child.marker}`;
      return expand(child, number, ctx, own);
    });
  }
  return expand(item, item.marker, ctx, inherited);
}

// ---------------------------------------------------------------------------------------------
// Task analysis

function combineCollectives(list: Collective[]): Collective {
  const set = new Set(list.filter((c): c is Exclude<Collective, null> => c !== null));
  if (set.size === 0) return null;
  if (set.size === 1) return [...set][0] ?? null;
  return 'ALL';
}

/** Lead / collective / partners from a table row's "chủ trì" and "phối hợp" cells. */
function rowAddressees(item: Item, text: string, ctx: Context): Addressees {
  const cols = item.columns;
  const cells = item.cells ?? [];
  const fromText = extractAddressees(text, ctx.matcher);
  if (!cols) return fromText;
  const leadCell = cols.lead !== null ? (cells[cols.lead] ?? '') : '';
  const coordCell = cols.coordinators !== null ? (cells[cols.coordinators] ?? '') : '';
  let leads = leadCell ? splitUnitList(leadCell, ctx.matcher, { stopAtVerbs: false }) : [];
  // A lead cell names the lead even when the name is of no known kind ("Thuế Đồng Nai").
  if (leads.length === 0 && leadCell.trim() !== '')
    leads = [unitRef((leadCell.split(/[;\n]/)[0] ?? leadCell).trim(), ctx.matcher)];
  const partners = coordCell ? splitUnitList(coordCell, ctx.matcher, { stopAtVerbs: false }) : fromText.coordinators;
  if (leads.length === 0) return { ...fromText, coordinators: partners };
  const first = leads[0];
  if (first && first.unitCode === null && first.confidence === 0) {
    const groups = leads.filter((l) => l.unitCode === null && l.confidence === 0);
    const collective = combineCollectives(groups.map((g) => groupCollective(g.text)));
    const rest = leads.filter((l) => !groups.includes(l));
    return { lead: null, coordinators: [...rest, ...partners], collective };
  }
  return { lead: first ?? null, coLeads: leads.slice(1), coordinators: partners, collective: null };
}

function groupCollective(text: string): Collective {
  return classifyGroup(text)?.collective ?? null;
}

/**
 * The deadline written in a "Thời gian" cell or field line: its latest date, because such a cell
 * may give a range ("Quý IV/2025 - Quý II/2026" ends with the second quarter of 2026).
 */
function deadlineInCell(cell: string): DeadlineMatch | null {
  const all = findDeadlines(cell, { cueRequired: false });
  const dated = all.filter((m) => m.date !== null).sort((a, b) => ((a.date ?? '') < (b.date ?? '') ? 1 : -1));
  return dated[0] ?? all[0] ?? null;
}

/** The text of the task's deadline cell or "Thời gian thực hiện:" line, or ''. */
function deadlineCell(source: TaskSource): string {
  const { item } = source;
  const cell = item.columns?.deadline != null ? (item.cells?.[item.columns.deadline] ?? '') : '';
  return cell || fieldValue(source.text, FIELD_TIME);
}

/** "từ nay đến cuối năm", "trong năm nay": the end of the document's year. */
const THIS_YEAR = /(?:từ nay )?đến cuối năm(?!\s*(?:19|20)\d\d)|(?:trong|cuối) năm nay/i;

function deadlineOf(source: TaskSource, ctx: Context): DeadlineMatch | null {
  const cell = deadlineCell(source);
  const fromCell = cell ? deadlineInCell(cell) : null;
  const found = fromCell && fromCell.date ? fromCell : (extractDeadline(source.text) ?? fromCell);
  if (found?.date || ctx.year === null) return found;
  const m = THIS_YEAR.exec(source.text.slice(0, 3000));
  return m ? { date: `${ctx.year}-12-31`, text: m[0], index: m.index, problem: null } : found;
}

/** The year of the date line near the top ("…, ngày 19 tháng 11 năm 2025"), or null. */
function documentYear(text: string): number | null {
  const m = /ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+((?:19|20)\d\d)/i.exec(text.slice(0, 3000));
  return m ? Number(m[1]) : null;
}

/**
 * A time that is not a date: an event ("Sau khi Nghị định … được ban hành") or a daily cycle
 * ("trước 16 giờ hằng ngày"), read from the time cell / field or after a deadline cue.
 */
function nonDateDeadline(source: TaskSource): string | null {
  const cell = deadlineCell(source);
  const where = cell || source.text.slice(0, 3000);
  const re = cell
    ? /(?:sau khi|ngay sau khi|khi)\s[^.;\n]{3,100}|(?:trước\s+\d{1,2}\s*giờ\s+)?(?:hằng|hàng)\s+ngày(?:\s*,?\s*trước\s+\d{1,2}\s*giờ(?:\s*\d{1,2})?)?/i
    : /(?:hoàn thành|thời gian thực hiện|thời hạn)\s*:?\s*(?:ngay\s+)?sau khi\s[^.;\n]{3,100}|trước\s+\d{1,2}\s*giờ\s+(?:hằng|hàng)\s+ngày|(?:hằng|hàng)\s+ngày\s*,?\s*trước\s+\d{1,2}\s*giờ/i;
  const m = re.exec(where);
  return m ? m[0].trim() : null;
}

const FIELD_LEAD = /^(?:cơ quan|đơn vị) (?:chủ trì|thực hiện)(?: thực hiện)?$/i;
const FIELD_PARTNERS = /^(?:cơ quan|đơn vị) phối hợp(?: thực hiện)?$/i;
const FIELD_TIME = /^(?:thời gian(?: thực hiện| hoàn thành)?|thời hạn(?: hoàn thành)?)$/i;

/** The value of a field line ("- Cơ quan chủ trì: Sở Khoa học và Công nghệ.") of the task, or ''. */
function fieldValue(text: string, name: RegExp): string {
  for (const line of text.split('\n')) {
    if (!FIELD_LINE.test(line)) continue;
    const m = /^[-–—•+]?\s*([^:]{2,40}?)\s*:\s*(.*)$/.exec(line.trim());
    if (m && name.test(m[1] ?? '')) return m[2] ?? '';
  }
  return '';
}

/** Verbs after the lead in a "Cơ quan thực hiện: Sở Nội vụ chủ trì tham mưu …" line. */
const AFTER_LEAD =
  /\s(?:chu tri|thuc hien|tham muu|phoi hop|trien khai|to chuc|ra soat|tien hanh|co trach nhiem)(?![a-z])/;

/** Lead and partners from "Cơ quan chủ trì/thực hiện:" and "Cơ quan phối hợp:" lines. */
function fieldAddressees(text: string, ctx: Context): Addressees | null {
  const leadValue = fieldValue(text, FIELD_LEAD);
  const partnerValue = fieldValue(text, FIELD_PARTNERS);
  if (!leadValue && !partnerValue) return null;
  let lead: ParsedUnitRef | null = null;
  let coLeads: ParsedUnitRef[] = [];
  let collective: Collective = null;
  let others: ParsedUnitRef[] = [];
  if (leadValue) {
    const first = (leadValue.split(/[;,.]/)[0] ?? '').trim();
    const verb = AFTER_LEAD.exec(` ${foldSameLength(first)}`);
    const phrase = verb ? first.slice(0, Math.max(0, verb.index - 1)) : first;
    const group = classifyGroup(phrase);
    if (group && !/^(?:sở|ban|phòng)\s/i.test(phrase)) collective = group.collective;
    else if (phrase.trim() !== '') {
      // "Cơ quan chủ trì: Sở Nội vụ, Sở Giáo dục và Đào tạo, Sở Tài chính.": every one leads.
      const listed = verb ? [] : splitUnitList(leadValue, ctx.matcher, { stopAtVerbs: true });
      lead = listed[0] ?? splitUnitList(phrase, ctx.matcher, { stopAtVerbs: false })[0] ?? null;
      coLeads = listed.slice(1).filter((r) => !classifyGroup(r.text));
    }
    // "Cơ quan thực hiện: Sở Nội vụ chủ trì tham mưu …; Sở Tư pháp, Đài Phát thanh … chủ động
    // tổ chức triển khai …": the units of the clause after the lead's work with it.
    const rest = verb && /chu\s*tri/.test(verb[0]) ? /;\s*(.+)$/s.exec(leadValue)?.[1] : undefined;
    if (rest && startsWithUnitName(rest)) others = splitUnitList(rest, ctx.matcher, { stopAtVerbs: true });
  }
  const coordinators = partnerValue ? splitUnitList(partnerValue, ctx.matcher, { stopAtVerbs: false }) : others;
  return { lead, coLeads, coordinators, collective };
}

/**
 * The task's first paragraph: its lines up to the first that opens a new one — a bullet ("- ",
 * "+ ", "a)") or a capital letter; a line that goes on in lower case is the same paragraph
 * wrapped (a <br> in a pasted web page).
 */
function firstParagraph(text: string): string {
  const lines = text.split('\n');
  let end = 1;
  while (end < lines.length && !/^\s*(?:[-–—•+*]|[a-zđ0-9]{1,3}[.)]\s|\p{Lu})/u.test(lines[end] ?? '')) end += 1;
  return lines.slice(0, end).join('\n');
}

/**
 * A cycle stated for the task's report: a clause that says "báo cáo" and names a period ("định
 * kỳ hằng quý báo cáo …", "tổng hợp báo cáo UBND tỉnh trước ngày 25/12 hằng năm"), anywhere in
 * the task, bullets included: the app's recurrence is when the task is reported on.
 */
function reportingCycle(text: string): RecurrenceMatch | null {
  for (const clause of text.slice(0, 4000).split(/(?<=[.;])\s+|\n/)) {
    if (!/b[áa]o\s+c[áa]o/i.test(clause)) continue;
    const found = extractRecurrence(clause);
    if (found) return found;
  }
  return null;
}

/**
 * A cycle that governs the task's duty: a cue in the first paragraph (a cue in a bullet or a later
 * paragraph describes one of the task's details: "- Hàng năm, xây dựng kế hoạch xúc tiến …" under
 * "2. Đẩy mạnh xúc tiến thương mại"), in its first sentence or opening a sentence. A cue deep in a
 * long task ("…; thường xuyên cập nhật thông tin …" in a later sentence) describes one clause.
 */
function dutyCycle(text: string): RecurrenceMatch | null {
  const found = extractRecurrence(firstParagraph(text));
  if (found && found.index > firstSentence(text).length + 1 && !/(?:^|[.;:!?\n]\s*)$/.test(text.slice(0, found.index)))
    return null;
  return found;
}

function recurrenceOf(source: TaskSource, deadline: DeadlineMatch | null, label: string, ctx: Context): Recurrence {
  if (deadline?.date) return 'ONCE';
  const cell = deadlineCell(source);
  // What a cycle belongs to: the time cell of a task table, else the task's report, else the
  // task's duty. Budget phrases ("kinh phí hằng năm", "… hằng năm từ nguồn vốn") are never
  // cycles (deadlines.ts).
  const found = (cell ? extractRecurrence(cell) : null) ?? reportingCycle(source.text) ?? dutyCycle(source.text);
  if (!found) return 'ONCE';
  if (found.assumed)
    warn(ctx, `Nhiệm vụ ${label}: «${found.text}» không nêu chu kỳ; tạm hiểu là hằng quý, cần kiểm tra lại.`);
  return found.recurrence;
}

function warnDeadline(deadline: DeadlineMatch | null, label: string, ctx: Context): void {
  if (!deadline || deadline.date) return;
  if (deadline.problem === 'INVALID')
    warn(ctx, `Nhiệm vụ ${label}: ngày trong «${deadline.text}» không hợp lệ; cần nhập lại thời hạn.`);
  else warn(ctx, `Nhiệm vụ ${label}: thời hạn «${deadline.text}» không ghi năm; cần nhập ngày cụ thể.`);
}

function warnUnit(ref: ParsedUnitRef, role: string, label: string, ctx: Context): void {
  if (ref.unitCode === null) {
    if (ref.confidence > 0) warn(ctx, `Nhiệm vụ ${label}: ${role} «${ref.text}» không có trong danh mục đơn vị.`);
    return;
  }
  if (ref.confidence < 0.85) {
    const name = ctx.unitNames.get(ref.unitCode) ?? ref.unitCode;
    warn(
      ctx,
      `Nhiệm vụ ${label}: ${role} «${ref.text}» được khớp gần đúng với «${name}» (độ tin cậy ${formatConfidence(ref.confidence)}).`,
    );
  }
}

function analyzeTask(source: TaskSource, inherited: Inherited, label: string, ctx: Context): ParsedTask {
  const fields = source.item.kind === 'row' ? null : fieldAddressees(source.text, ctx);
  const fromText =
    source.item.kind === 'row'
      ? rowAddressees(source.item, source.text, ctx)
      : extractAddressees(source.text, ctx.matcher);
  const own: Addressees = fields
    ? {
        lead: fields.lead ?? (fields.collective ? null : fromText.lead),
        coLeads: fields.lead ? fields.coLeads : fields.collective ? [] : fromText.coLeads,
        collective: fields.lead ? null : (fields.collective ?? fromText.collective),
        coordinators: fields.coordinators.length > 0 ? fields.coordinators : fromText.coordinators,
      }
    : fromText;
  let { lead, collective } = own;
  // "Chỉ đạo các đơn vị liên quan …" under "3. Ủy ban MTTQ": the group is directed, not the lead.
  if (!lead && collective && inherited.lead && /^\s*(?:chỉ đạo|hướng dẫn|đôn đốc)\s/i.test(source.text))
    collective = null;
  let fromHeading = false;
  let groupFromHeading: string | null = null;
  if (!lead && !collective) {
    ({ lead, collective } = inherited);
    fromHeading = lead !== null;
    // "5. Các sở, ban, ngành, đoàn thể cấp tỉnh và UBND các xã, phường" over "- Tiếp tục phổ biến …":
    // the group leads each item; the reviewer sees where it came from.
    if (!lead && collective) groupFromHeading = inherited.groupText ?? null;
  }
  const named = Boolean(lead || collective);
  if (named) ctx.named += 1;
  // Nobody named anywhere: the directive as a whole is addressed to every unit.
  if (!lead && !collective) collective = 'ALL';
  const sameUnit = (a: ParsedUnitRef | null, b: ParsedUnitRef) =>
    a !== null && (a.text === b.text || (b.unitCode !== null && a.unitCode === b.unitCode));
  const listed = fromHeading ? (inherited.coLeads ?? []) : lead && lead === own.lead ? (own.coLeads ?? []) : [];
  const coLeads = listed.filter((c) => !sameUnit(lead, c));
  const coordinators = own.coordinators.filter((c) => !sameUnit(lead, c) && !coLeads.some((l) => sameUnit(l, c)));
  if (lead) warnUnit(lead, 'đơn vị chủ trì', label, ctx);
  for (const c of coLeads) warnUnit(c, 'đơn vị cùng chủ trì', label, ctx);
  for (const c of coordinators) warnUnit(c, 'đơn vị phối hợp', label, ctx);
  const deadline = deadlineOf(source, ctx);
  warnDeadline(deadline, label, ctx);
  const notDate = deadline?.date ? null : nonDateDeadline(source);
  if (notDate)
    warn(
      ctx,
      `Nhiệm vụ ${label}: thời hạn «${notDate}» không phải là một ngày (${/sau khi/i.test(notDate) ? 'tính từ một sự kiện' : 'lặp lại'}); để trống hạn hoặc nhập ngày cụ thể.`,
    );
  const task: ParsedTask = {
    number: source.number,
    title: taskTitle(source.text),
    text: source.text,
    lead,
    coLeads,
    coordinators,
    collective,
    deadline: deadline?.date ?? null,
    deadlineText: deadline?.text ?? notDate,
    deadlineKind: deadline?.date
      ? 'DATE'
      : notDate
        ? /sau khi|(?:^|\s)khi\s/i.test(notDate)
          ? 'EVENT'
          : 'RECURRING'
        : (deadline?.problem ?? 'NONE'),
    recurrence: recurrenceOf(source, deadline, label, ctx),
    addresseeAssumed: !named,
    groupFromHeading,
  };
  if (!named) ctx.unnamed.add(task);
  return task;
}

// ---------------------------------------------------------------------------------------------
// Blocks → sections

function taskLabel(numeral: string, number: string): string {
  return numeral ? `${numeral}.${number}` : number;
}

/** Warns when numbers go backwards or repeat ("1, 2, 2, 4"): a sign of a broken paste. */
function warnNumbering(section: ParsedSection, ctx: Context): void {
  let previous = 0;
  for (const task of section.tasks) {
    if (!/^\d+$/.test(task.number)) continue;
    const n = Number(task.number);
    if (n <= previous) {
      const where = section.numeral ? `Mục ${section.numeral}` : 'Văn bản';
      warn(ctx, `${where}: nhiệm vụ số ${n} đứng sau số ${previous}; kiểm tra lại đánh số.`);
    }
    previous = n;
  }
}

/** "(1) Người đứng đầu …": a note numbered in parentheses. */
const PAREN_ITEM = /^\*{0,3}\((\d{1,2})\)\*{0,3}\s*(?=\S)/;
/** "*Một số vấn đề lưu ý:*": a short label over the notes, not work. */
const NOTES_LABEL = /^\*{0,3}[^.;:]{2,60}:\*{0,3}$/;

/**
 * A numbered section whose paragraphs go on with notes "(1) …", "(2) …" (two or more): the
 * paragraphs before the first note are one task (when they say more than a label), and each note
 * with the paragraphs after it is a task of its own, numbered "(1)", "(2)". The section's title
 * is its heading then, not part of a task.
 */
function parenthesisedItems(block: Block): Item[] | null {
  const first = block.intro.findIndex((l) => PAREN_ITEM.test(l.trim()));
  if (first < 0 || block.intro.filter((l) => PAREN_ITEM.test(l.trim())).length < 2) return null;
  const items: Item[] = [];
  const before = block.intro.slice(0, first).filter((l) => !NOTES_LABEL.test(l.trim()));
  if (before.length > 0)
    items.push({ kind: 'number', marker: block.numeral, body: before.join('\n'), lines: [], children: [] });
  for (const line of block.intro.slice(first)) {
    const m = PAREN_ITEM.exec(line.trim());
    const last = items[items.length - 1];
    if (m) {
      const body = line.trim().slice(m[0].length);
      items.push({ kind: 'number', marker: `(${m[1]})`, body, lines: [], children: [] });
    } else if (last) last.lines.push(line);
  }
  return items;
}

/**
 * A numbered section without sub-items is itself one task, numbered like the section; a section
 * headed by a unit name keeps its bullets for itemSources to split ("1. Sở Y tế:" then "- …").
 */
function blockSources(block: Block): Item[] {
  if (block.items.length > 0) return block.items;
  const notes = parenthesisedItems(block);
  if (notes) return notes;
  if (block.intro.length > 0 && (isGroupHeading(block.title) || namesUnitOnly(block.title))) {
    return [{ kind: 'number', marker: block.numeral, body: block.title, lines: [...block.intro], children: [] }];
  }
  const text = [block.title, ...block.intro].join('\n').trim();
  if (!text || (block.intro.length === 0 && isHeadingLike(block.title))) return [];
  return [{ kind: 'number', marker: block.numeral, body: text, lines: [], children: [] }];
}

/**
 * The addressees a Công văn or Chỉ thị names before its list ("Chủ tịch UBND tỉnh yêu cầu Giám đốc
 * các sở, ban, ngành; Chủ tịch UBND các xã, phường:"): a collective that tasks naming nobody inherit.
 * Only a sentence that ends with ":" right before the list counts.
 */
function preambleAddressee(preamble: readonly string[]): Inherited {
  const last = (preamble[preamble.length - 1] ?? '').trim();
  if (!last.endsWith(':')) return { lead: null, collective: null };
  const m = /(?:yêu cầu|đề nghị|giao)\s+(.{3,300}?):\s*$/i.exec(last);
  const group = m?.[1] ? classifyGroup(m[1].replace(/;/g, ',')) : null;
  return { lead: null, collective: group?.collective ?? null };
}

/**
 * "Về kiểm điểm tập thể: Thực hiện theo Mục III Kế hoạch số 13-KH/TU.", "- Về phương pháp …: thực
 * hiện tương tự như nội dung khoản 2 …": says which procedure applies, assigns no work.
 */
const REFERENCE_ONLY =
  /^(?:[-–—•+]\s*)?(?:(?:về|đối với)\s[^:\n]{3,160}:\s*)?(?:thực hiện|áp dụng)\s+(?:tương tự\s+)?(?:như\s+|theo\s+)(?:nội dung\s+)?(?:(?:tại\s+)?(?:điểm|khoản|mục|phần|điều|kế hoạch|hướng dẫn|quy định)\b)[^\n]{0,200}$/i;

/** "- Thẩm quyền quyết định đánh giá …: Thường trực HĐND": who decides, not work to track. */
const AUTHORITY_ONLY = /^(?:[-–—•+]\s*)?thẩm quyền (?:quyết định|phê duyệt|xem xét)[^:\n]{0,160}:[^\n]{0,200}$/i;

/** Every line states a procedure to follow or who decides (a topic line ending in ":" aside). */
function isReferenceOnly(text: string): boolean {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const body = lines.length > 1 && lines[0]?.endsWith(':') ? lines.slice(1) : lines;
  return body.length > 0 && body.every((l) => REFERENCE_ONLY.test(l) || AUTHORITY_ONLY.test(l));
}

function buildSection(
  block: Block,
  ctx: Context,
  numberedSections: boolean,
  document: Inherited,
): ParsedSection | null {
  const title = trimEnd(block.title, ': \t\n');
  const label = block.numeral || '(không đánh số)';
  if (SKIPPED_TITLES.test(foldWords(title))) {
    warn(ctx, `Bỏ qua mục ${label} «${title}»: nêu mục đích, yêu cầu, không phải nhiệm vụ.`);
    return null;
  }
  const heading = headingOwn(title, ctx, document);
  const items = numberedSections ? blockSources(block) : block.items;
  const funding = FUNDING_TITLES.test(foldWords(title));
  const tasks: ParsedTask[] = [];
  for (const [i, item] of items.entries()) {
    // "2.1. Các nội dung chung" with nothing under it but the letters after it: a sub-heading.
    const next = items[i + 1];
    if (
      item.kind === 'subnumber' &&
      item.lines.length === 0 &&
      item.children.length === 0 &&
      next?.kind === 'letter' &&
      isHeadingLike(item.body)
    )
      continue;
    for (const { source, inherited } of itemSources(item, ctx, heading)) {
      if (isReferenceOnly(source.text)) {
        warn(ctx, `Bỏ qua mục «${source.text.slice(0, 80)}»: chỉ dẫn chiếu cách thực hiện, không giao việc.`);
        continue;
      }
      if (funding) {
        const named = extractAddressees(source.text, ctx.matcher);
        if (!named.lead && !named.collective) continue;
      }
      tasks.push(analyzeTask(source, inherited, taskLabel(block.numeral, source.number), ctx));
    }
  }
  if (tasks.length === 0) {
    warn(ctx, `Bỏ qua mục ${label} «${title}»: không có nhiệm vụ được đánh số.`);
    return null;
  }
  const section = { numeral: block.numeral, title, tasks };
  warnNumbering(section, ctx);
  return section;
}

/**
 * A Công văn without numbering: each paragraph that assigns work to a named unit ("Đề nghị Sở Y
 * tế chủ trì, phối hợp với … báo cáo … trước ngày 20/11/2024", "Giao Sở Tài chính …") is a task.
 */
const ASSIGNMENT = /(?:^|[.;:]\s+)(?:đề nghị|giao(?: cho)?)\s+(?=\S)/i;

function unnumberedAssignments(paragraphs: readonly string[], ctx: Context): ParsedSection | null {
  const tasks: ParsedTask[] = [];
  for (const p of paragraphs) {
    const m = ASSIGNMENT.exec(p);
    if (!m) continue;
    const rest = p.slice(m.index + m[0].length);
    if (!startsWithUnitName(rest) && !/chủ trì/i.test(rest.slice(0, 300))) continue;
    const number = String(tasks.length + 1);
    const source: TaskSource = {
      number,
      text: p.slice(m.index).replace(/^[.;:]\s+/, ''),
      item: { kind: 'number', marker: number, body: p, lines: [], children: [] },
    };
    tasks.push(analyzeTask(source, { lead: null, collective: null }, number, ctx));
  }
  return tasks.length > 0 ? { numeral: '', title: '', tasks } : null;
}

/**
 * A plan whose appendix has a task table ("PHỤ LỤC: Danh mục nhiệm vụ" with Cơ quan chủ trì …)
 * states its tasks there; body items that name no unit ("III. Nhiệm vụ, giải pháp: 1. Đẩy mạnh
 * truyền thông…") restate them and are dropped (with a warning) rather than doubled.
 */
function dropRestatedTasks(sections: ParsedSection[], ctx: Context): void {
  const hasTable = sections.some((s) => s.numeral.startsWith('PL') && s.tasks.length > 0);
  if (!hasTable) return;
  let dropped = 0;
  for (let i = sections.length - 1; i >= 0; i--) {
    const s = sections[i];
    if (!s || s.numeral.startsWith('PL')) continue;
    const kept = s.tasks.filter((t) => !ctx.unnamed.has(t));
    dropped += s.tasks.length - kept.length;
    if (kept.length === 0) sections.splice(i, 1);
    else s.tasks = kept;
  }
  if (dropped > 0)
    warn(
      ctx,
      `Bỏ ${dropped} mục trong thân văn bản không nêu đơn vị thực hiện: bảng nhiệm vụ ở phụ lục đã liệt kê các nhiệm vụ.`,
    );
}

function capWarnings(warnings: string[], dropped: number): string[] {
  const rest = warnings.length - MAX_WARNINGS + dropped;
  if (rest <= 0) return warnings;
  return [...warnings.slice(0, MAX_WARNINGS), `… và ${rest} cảnh báo khác.`];
}

function parseUnsafe(input: string, units: readonly UnitRef[]): ParsedDirective {
  const text = reflowPaste(normalizeDirectiveText(input));
  if (text.trim() === '') return { preamble: '', sections: [], warnings: ['Văn bản trống.'] };
  const ctx: Context = {
    matcher: createUnitMatcher(units),
    unitNames: new Map(units.map((u) => [u.code, u.name])),
    warnings: [],
    dropped: 0,
    named: 0,
    year: documentYear(text),
    unnamed: new WeakSet(),
  };
  const skeleton = buildSkeleton(text.split('\n'));
  const sections: ParsedSection[] = [];
  const document = preambleAddressee(skeleton.preamble);
  for (const block of skeleton.blocks) {
    const section = buildSection(block, ctx, skeleton.shape === 'NUMBERED', document);
    if (section) sections.push(section);
  }
  dropRestatedTasks(sections, ctx);
  if (skeleton.shape === 'NONE' && sections.length === 0 && !skeleton.articles) {
    const section = unnumberedAssignments(skeleton.preamble, ctx);
    if (section) sections.push(section);
  }
  // Numbered text that never names a unit (a forecast, a report, a list of solutions) assigns
  // no task: a directive says who does the work somewhere.
  let assignsNoTasks = false;
  if (sections.length > 0 && ctx.named === 0) {
    const count = sections.reduce((n, s) => n + s.tasks.length, 0);
    sections.length = 0;
    assignsNoTasks = true;
    ctx.warnings.unshift(
      `Văn bản có ${count} mục được đánh số nhưng không giao việc cho đơn vị nào; không đề xuất nhiệm vụ. Nếu văn bản có giao nhiệm vụ, hãy nhập thủ công.`,
    );
  } else if (sections.length === 0 && skeleton.articles) {
    assignsNoTasks = true;
    ctx.warnings.unshift(
      'Văn bản gồm các Điều (quyết định, quy chế): các Điều không giao nhiệm vụ và văn bản không kèm kế hoạch hay phụ lục nhiệm vụ; không đề xuất nhiệm vụ.',
    );
  }
  if (assignsNoTasks) {
    return {
      preamble: skeleton.preamble.join('\n'),
      sections,
      warnings: capWarnings(ctx.warnings, ctx.dropped),
      assignsNoTasks,
    };
  }
  if (skeleton.shape === 'NONE' && sections.length === 0) {
    ctx.warnings.unshift(
      'Không tìm thấy mục hoặc nhiệm vụ được đánh số (I., II., 1., 2., a), b)…); hãy tách nhiệm vụ thủ công.',
    );
  } else if (sections.length === 0) {
    ctx.warnings.unshift('Không nhận ra nhiệm vụ nào trong văn bản.');
  }
  return { preamble: skeleton.preamble.join('\n'), sections, warnings: capWarnings(ctx.warnings, ctx.dropped) };
}

/**
 * Parses pasted directive text against a unit registry. Never throws: any input gives a result,
 * at worst with no sections and a warning.
 */
export function parseDirective(text: string, units: readonly UnitRef[]): ParsedDirective {
  try {
    const input = typeof text === 'string' ? text : '';
    return parseUnsafe(input, Array.isArray(units) ? units : []);
  } catch {
    return {
      preamble: '',
      sections: [],
      warnings: ['Không phân tích được văn bản do lỗi không mong đợi; hãy nhập nhiệm vụ thủ công.'],
    };
  }
}
