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
import { type Addressees, classifyGroup, extractAddressees, headingAddressee, splitUnitList } from './addressees';
import { type DeadlineMatch, extractDeadline, extractRecurrence } from './deadlines';
import { foldWords, normalizeDirectiveText } from './normalize';
import { type Block, buildSkeleton, type Item, isHeadingLike } from './structure';
import type { Collective, ParsedDirective, ParsedSection, ParsedTask, ParsedUnitRef, Recurrence, UnitRef } from './types';
import { createUnitMatcher, type UnitMatcher } from './unit-matcher';
import { taskTitle, trimEnd } from './text-utils';

export type {
  Collective,
  ParsedDirective,
  ParsedSection,
  ParsedTask,
  ParsedUnitRef,
  Recurrence,
  UnitRef,
} from './types';

/** Warnings beyond this are summarised: a megabyte of junk must not produce a megabyte of advice. */
const MAX_WARNINGS = 100;

const SKIPPED_TITLES = /^(?:ve )?(?:muc dich|muc tieu|can cu|quan diem)(?:\s|$)/;

type Inherited = { lead: ParsedUnitRef | null; collective: Collective };

type Context = {
  matcher: UnitMatcher;
  unitNames: ReadonlyMap<string, string>;
  warnings: string[];
  /** Warnings not kept because of MAX_WARNINGS. */
  dropped: number;
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
  return [item.body, ...item.lines, ...item.children.map(renderChild)].filter((s) => s.trim() !== '').join('\n').trim();
}

/**
 * The tasks an item stands for: itself, or (when it is only a heading over "a)", "b)" children)
 * each child, numbered "1.a" / "1.2", inheriting the heading's addressee.
 */
function itemSources(item: Item, ctx: Context, inherited: Inherited): { source: TaskSource; inherited: Inherited }[] {
  if (item.children.length > 0 && isHeadingLike(item.body)) {
    const heading = headingAddressee(item.body, ctx.matcher);
    const own = heading.lead || heading.collective ? heading : inherited;
    return item.children.map((child) => ({
      source: {
        number: child.kind === 'subnumber' ? child.marker : `${item.marker}.${child.marker}`,
        text: itemText(child),
        item: child,
      },
      inherited: own,
    }));
  }
  return [{ source: { number: item.marker, text: itemText(item), item }, inherited }];
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
  const leads = leadCell ? splitUnitList(leadCell, ctx.matcher, { stopAtVerbs: false }) : [];
  const partners = coordCell ? splitUnitList(coordCell, ctx.matcher, { stopAtVerbs: false }) : fromText.coordinators;
  if (leads.length === 0) return { ...fromText, coordinators: partners };
  const first = leads[0];
  if (first && first.unitCode === null && first.confidence === 0) {
    const groups = leads.filter((l) => l.unitCode === null && l.confidence === 0);
    const collective = combineCollectives(groups.map((g) => groupCollective(g.text)));
    const rest = leads.filter((l) => !groups.includes(l));
    return { lead: null, coordinators: [...rest, ...partners], collective };
  }
  return { lead: first ?? null, coordinators: [...leads.slice(1), ...partners], collective: null };
}

function groupCollective(text: string): Collective {
  return classifyGroup(text)?.collective ?? null;
}

function deadlineOf(source: TaskSource): DeadlineMatch | null {
  const { item } = source;
  const cell = item.columns?.deadline != null ? (item.cells?.[item.columns.deadline] ?? '') : '';
  const fromCell = cell ? extractDeadline(cell, { cueRequired: false }) : null;
  return fromCell && fromCell.date ? fromCell : (extractDeadline(source.text) ?? fromCell);
}

function recurrenceOf(source: TaskSource, deadline: DeadlineMatch | null, label: string, ctx: Context): Recurrence {
  if (deadline?.date) return 'ONCE';
  const { item } = source;
  const cell = item.columns?.deadline != null ? (item.cells?.[item.columns.deadline] ?? '') : '';
  const found = (cell ? extractRecurrence(cell) : null) ?? extractRecurrence(source.text);
  if (!found) return 'ONCE';
  if (found.assumed) warn(ctx, `Nhiệm vụ ${label}: «${found.text}» không nêu chu kỳ; tạm hiểu là hằng quý, cần kiểm tra lại.`);
  return found.recurrence;
}

function warnDeadline(deadline: DeadlineMatch | null, label: string, ctx: Context): void {
  if (!deadline || deadline.date) return;
  if (deadline.problem === 'INVALID') warn(ctx, `Nhiệm vụ ${label}: ngày trong «${deadline.text}» không hợp lệ; cần nhập lại thời hạn.`);
  else warn(ctx, `Nhiệm vụ ${label}: thời hạn «${deadline.text}» không ghi năm; cần nhập ngày cụ thể.`);
}

function warnUnit(ref: ParsedUnitRef, role: string, label: string, ctx: Context): void {
  if (ref.unitCode === null) {
    if (ref.confidence > 0) warn(ctx, `Nhiệm vụ ${label}: ${role} «${ref.text}» không có trong danh mục đơn vị.`);
    return;
  }
  if (ref.confidence < 0.85) {
    const name = ctx.unitNames.get(ref.unitCode) ?? ref.unitCode;
    warn(ctx, `Nhiệm vụ ${label}: ${role} «${ref.text}» được khớp gần đúng với «${name}» (độ tin cậy ${formatConfidence(ref.confidence)}).`);
  }
}

function analyzeTask(source: TaskSource, inherited: Inherited, label: string, ctx: Context): ParsedTask {
  const own = source.item.kind === 'row' ? rowAddressees(source.item, source.text, ctx) : extractAddressees(source.text, ctx.matcher);
  let { lead, collective } = own;
  if (!lead && !collective) ({ lead, collective } = inherited);
  // Nobody named anywhere: the directive as a whole is addressed to every unit.
  if (!lead && !collective) collective = 'ALL';
  const coordinators = own.coordinators.filter((c) => !(lead && c.unitCode !== null && c.unitCode === lead.unitCode));
  if (lead) warnUnit(lead, 'đơn vị chủ trì', label, ctx);
  for (const c of coordinators) warnUnit(c, 'đơn vị phối hợp', label, ctx);
  const deadline = deadlineOf(source);
  warnDeadline(deadline, label, ctx);
  return {
    number: source.number,
    title: taskTitle(source.text),
    text: source.text,
    lead,
    coordinators,
    collective,
    deadline: deadline?.date ?? null,
    deadlineText: deadline?.text ?? null,
    recurrence: recurrenceOf(source, deadline, label, ctx),
  };
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

/** A numbered section without sub-items is itself one task, numbered like the section. */
function blockSources(block: Block): Item[] {
  if (block.items.length > 0) return block.items;
  const text = [block.title, ...block.intro].join('\n').trim();
  if (!text || (block.intro.length === 0 && isHeadingLike(block.title))) return [];
  return [{ kind: 'number', marker: block.numeral, body: text, lines: [], children: [] }];
}

function buildSection(block: Block, ctx: Context, numberedSections: boolean): ParsedSection | null {
  const title = trimEnd(block.title, ': \t\n');
  const label = block.numeral || '(không đánh số)';
  if (SKIPPED_TITLES.test(foldWords(title))) {
    warn(ctx, `Bỏ qua mục ${label} «${title}»: nêu mục đích, yêu cầu, không phải nhiệm vụ.`);
    return null;
  }
  const heading = headingAddressee(title, ctx.matcher);
  const items = numberedSections ? blockSources(block) : block.items;
  const tasks: ParsedTask[] = [];
  for (const item of items) {
    for (const { source, inherited } of itemSources(item, ctx, heading)) {
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

function capWarnings(warnings: string[], dropped: number): string[] {
  const rest = warnings.length - MAX_WARNINGS + dropped;
  if (rest <= 0) return warnings;
  return [...warnings.slice(0, MAX_WARNINGS), `… và ${rest} cảnh báo khác.`];
}

function parseUnsafe(input: string, units: readonly UnitRef[]): ParsedDirective {
  const text = normalizeDirectiveText(input);
  if (text.trim() === '') return { preamble: '', sections: [], warnings: ['Văn bản trống.'] };
  const ctx: Context = {
    matcher: createUnitMatcher(units),
    unitNames: new Map(units.map((u) => [u.code, u.name])),
    warnings: [],
    dropped: 0,
  };
  const skeleton = buildSkeleton(text.split('\n'));
  const sections: ParsedSection[] = [];
  for (const block of skeleton.blocks) {
    const section = buildSection(block, ctx, skeleton.shape === 'NUMBERED');
    if (section) sections.push(section);
  }
  if (skeleton.shape === 'NONE') {
    ctx.warnings.unshift('Không tìm thấy mục hoặc nhiệm vụ được đánh số (I., II., 1., 2., a), b)…); hãy tách nhiệm vụ thủ công.');
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
