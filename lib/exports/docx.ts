/**
 * "Báo cáo kết quả thực hiện" as a Word document (docx), in the layout of Decree 30/2020/NĐ-CP
 * (lib/exports/decree30.ts: the head with "Số: …/BC-UBND", Nơi nhận and the signature block
 * "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH"): the kind of document "BÁO CÁO" and its summary centred in
 * bold, then the body.
 */
import { Paragraph, Table, TableCell, TableRow, VerticalAlign, WidthType, type AlignmentType } from 'docx';
import type { UnitStanding } from '../data/dashboard';
import type { StatusCounts } from '../data/dashboard-sql';
import type { ExportHead, ExportSigner } from '../data/exports';
import { describeTargets, formatIndicatorValue, RAG_LABELS } from '../domain/targets';
import { formatDateVn, vnDateOf } from '../domain/time';
import type { IndicatorStanding } from '../data/targets';
import { closingBlock, CONTENT_WIDTH, decreeDocument, headerBlock, para, ruleParagraph, SIZE } from './decree30';
import { formatRate, headlineNumbers, headlineSentence, placeOf } from './text';

export const DEFAULT_ISSUING_BODY = 'UBND thành phố Hà Tĩnh';
/**
 * Bounds that keep the report short and quick to make whatever the dataset: units listed under each
 * section (all of a city's; the first of a nation's, with a note) and units listed as behind
 * schedule (the worst, with the count of the rest). The Excel table has every unit.
 */
export const REPORT_UNITS_PER_SECTION = 50;
export const BEHIND_ROWS = 30;

/** What the report is made of: the export head (the signer is optional: a blank line is left to write the name). */
export type ReportInput = Pick<ExportHead, 'dashboard' | 'programme' | 'sectionTitle' | 'generatedAt' | 'targets'> & {
  signer?: ExportSigner | null;
};

/** "I. Về công tác chỉ đạo" → "Về công tác chỉ đạo": the report numbers sections itself (1., 2., …). */
export function withoutNumeral(title: string): string {
  return title.replace(/^\s*[IVXLCDM]+\s*[.)]\s*/u, '');
}

function tableCell(
  text: string,
  {
    width,
    bold,
    align = 'CENTER',
    span,
  }: { width: number; bold?: boolean; align?: keyof typeof AlignmentType; span?: number },
): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    columnSpan: span,
    verticalAlign: VerticalAlign.CENTER,
    margins: { top: 40, bottom: 40, left: 60, right: 60 },
    children: [para({ text, bold, size: SIZE.table }, { align, spacing: { before: 0, after: 0 } })],
  });
}

/** A table of counts in the headline's columns, one row per named item, with a total row. */
function countsTable(
  firstHeader: string,
  items: { name: string; counts: StatusCounts; rate: number | null }[],
  total?: StatusCounts,
): Table {
  const nameWidth = Math.round(CONTENT_WIDTH * 0.31);
  // "STT" in bold 12 pt needs about 9 mm with the cell's margins: never narrower, or it breaks as "ST/T".
  const sttWidth = Math.round(CONTENT_WIDTH * 0.08);
  const rest = CONTENT_WIDTH - nameWidth - sttWidth;
  const w = Math.floor(rest / 7);
  const widths = [sttWidth, nameWidth, w, w, w, w, w, w, rest - 6 * w];
  const head1 = new TableRow({
    tableHeader: true,
    children: [
      new TableCell({
        rowSpan: 2,
        width: { size: widths[0]!, type: WidthType.DXA },
        margins: { left: 40, right: 40 },
        verticalAlign: VerticalAlign.CENTER,
        children: [para({ text: 'STT', bold: true, size: SIZE.table }, { align: 'CENTER', spacing: { after: 0 } })],
      }),
      new TableCell({
        rowSpan: 2,
        width: { size: widths[1]!, type: WidthType.DXA },
        verticalAlign: VerticalAlign.CENTER,
        children: [
          para({ text: firstHeader, bold: true, size: SIZE.table }, { align: 'CENTER', spacing: { after: 0 } }),
        ],
      }),
      new TableCell({
        rowSpan: 2,
        width: { size: widths[2]!, type: WidthType.DXA },
        verticalAlign: VerticalAlign.CENTER,
        children: [para({ text: 'Tổng số', bold: true, size: SIZE.table }, { align: 'CENTER', spacing: { after: 0 } })],
      }),
      tableCell('Đã hoàn thành', { width: widths[3]! + widths[4]!, bold: true, span: 2 }),
      tableCell('Chưa hoàn thành', { width: widths[5]! + widths[6]!, bold: true, span: 2 }),
      new TableCell({
        rowSpan: 2,
        width: { size: widths[7]! + widths[8]!, type: WidthType.DXA },
        columnSpan: 2,
        verticalAlign: VerticalAlign.CENTER,
        children: [
          para({ text: 'Tỷ lệ hoàn thành', bold: true, size: SIZE.table }, { align: 'CENTER', spacing: { after: 0 } }),
        ],
      }),
    ],
  });
  const head2 = new TableRow({
    tableHeader: true,
    children: [
      tableCell('Đúng hạn', { width: widths[3]!, bold: true }),
      tableCell('Quá hạn', { width: widths[4]!, bold: true }),
      tableCell('Trong hạn', { width: widths[5]!, bold: true }),
      tableCell('Quá hạn', { width: widths[6]!, bold: true }),
    ],
  });
  const line = (stt: string, name: string, counts: StatusCounts, rate: number | null, bold = false) => {
    const h = headlineNumbers(counts);
    return new TableRow({
      cantSplit: true,
      children: [
        tableCell(stt, { width: widths[0]!, bold }),
        tableCell(name, { width: widths[1]!, bold, align: 'LEFT' }),
        tableCell(String(h.total), { width: widths[2]!, bold }),
        tableCell(String(h.doneOnTime), { width: widths[3]!, bold }),
        tableCell(String(h.doneLate), { width: widths[4]!, bold }),
        tableCell(String(h.openOnTime), { width: widths[5]!, bold }),
        tableCell(String(h.openOverdue), { width: widths[6]!, bold }),
        tableCell(formatRate(rate), { width: widths[7]! + widths[8]!, bold, span: 2 }),
      ],
    });
  };
  const rows = [head1, head2, ...items.map((item, i) => line(String(i + 1), item.name, item.counts, item.rate))];
  if (total)
    rows.push(
      line('', 'Tổng cộng', total, total.total ? (total.DONE_ON_TIME + total.DONE_LATE) / total.total : null, true),
    );
  return new Table({ width: { size: CONTENT_WIDTH, type: WidthType.DXA }, columnWidths: widths, rows });
}

function behindTable(units: UnitStanding[]): Table {
  const widths = [
    Math.round(CONTENT_WIDTH * 0.08),
    Math.round(CONTENT_WIDTH * 0.47),
    Math.round(CONTENT_WIDTH * 0.15),
    Math.round(CONTENT_WIDTH * 0.15),
  ];
  widths.push(CONTENT_WIDTH - widths.reduce((a, b) => a + b, 0));
  const head = new TableRow({
    tableHeader: true,
    children: ['STT', 'Đơn vị', 'Số nhiệm vụ quá hạn', 'Tổng số nhiệm vụ', 'Tỷ lệ hoàn thành'].map((t, i) =>
      tableCell(t, { width: widths[i]!, bold: true }),
    ),
  });
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      head,
      ...units.map(
        (u, i) =>
          new TableRow({
            cantSplit: true,
            children: [
              tableCell(String(i + 1), { width: widths[0]! }),
              tableCell(u.name, { width: widths[1]!, align: 'LEFT' }),
              tableCell(String(u.counts.IN_PROGRESS_OVERDUE), { width: widths[2]! }),
              tableCell(String(u.counts.total), { width: widths[3]! }),
              tableCell(formatRate(u.completionRate), { width: widths[4]! }),
            ],
          }),
      ),
    ],
  });
}

/** One row per indicator (the STT column as wide as the other tables', ≥ 12 mm): its targets, the units' mean against the trajectory, and how many units stand where. */
function targetsTable(indicators: IndicatorStanding[]): Table {
  const widths = [0.08, 0.35, 0.16, 0.12, 0.1, 0.09, 0.1].map((f) => Math.round(CONTENT_WIDTH * f));
  widths[1] = CONTENT_WIDTH - widths.reduce((a, b, i) => (i === 1 ? a : a + b), 0);
  const head = new TableRow({
    tableHeader: true,
    children: ['STT', 'Chỉ tiêu', 'Mục tiêu', 'Bình quân', 'Đạt lộ trình', 'Gần đạt', 'Chậm'].map((t, i) =>
      tableCell(t, { width: widths[i]!, bold: true }),
    ),
  });
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      head,
      ...indicators.map(
        (ind, i) =>
          new TableRow({
            cantSplit: true,
            children: [
              tableCell(String(i + 1), { width: widths[0]! }),
              tableCell(ind.name, { width: widths[1]!, align: 'LEFT' }),
              tableCell(describeTargets(ind.targets, ind.measureUnit), { width: widths[2]! }),
              tableCell(ind.average === null ? '—' : formatIndicatorValue(ind.average, ind.measureUnit), {
                width: widths[3]!,
              }),
              tableCell(String(ind.counts.GREEN), { width: widths[4]! }),
              tableCell(String(ind.counts.AMBER), { width: widths[5]! }),
              tableCell(String(ind.counts.RED), { width: widths[6]! }),
            ],
          }),
      ),
    ],
  });
}

/** Section "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU": the table, then per indicator the units behind the trajectory. */
function targetsSection(numeral: string, indicators: IndicatorStanding[]): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [
    para({ text: `${numeral}. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU`, bold: true }, { keepNext: true }),
    para(
      'Giá trị mới nhất đã được phê duyệt của các đơn vị so với lộ trình cần đạt (tăng đều từ giá trị gốc đến từng mục tiêu); ' +
        '"gần đạt" là thiếu không quá 5% so với lộ trình:',
      { indent: true, keepNext: true },
    ),
    targetsTable(indicators),
    para('', { spacing: { before: 0, after: 120 } }),
  ];
  for (const ind of indicators) {
    const behind = ind.units.filter((u) => u.rag === 'RED');
    const missing = ind.counts.NONE;
    if (behind.length === 0 && missing === 0) continue;
    const parts: string[] = [];
    if (behind.length > 0)
      parts.push(
        `${RAG_LABELS.RED.toLowerCase()}: ${behind
          .map((u) => `${u.unitName} (${formatIndicatorValue(u.latest!.value, ind.measureUnit)})`)
          .join(', ')}`,
      );
    if (missing > 0) parts.push(`${missing} đơn vị chưa có số liệu được phê duyệt`);
    out.push(para(`- ${ind.name}: ${parts.join('; ')}.`, { indent: true }));
  }
  return out;
}

/** The recipients of the report (Decree 30: "Nơi nhận"). */
const REPORT_RECIPIENTS = [
  '- Thường trực Thành ủy, HĐND thành phố (b/c);',
  '- Chủ tịch, các Phó Chủ tịch UBND thành phố;',
  '- Các phòng, ban, đơn vị thuộc thành phố;',
  '- UBND các phường, xã;',
  '- Lưu: VT, NV.',
];

/**
 * "Trên đây là báo cáo kết quả thực hiện … của Ủy ban nhân dân thành phố./." — naming the committee
 * once: not again when the programme's title already ends with its owner.
 */
export function closingSentence(programmeTitle: string | null): string {
  const subject = programmeTitle ?? 'các chương trình, kế hoạch';
  const owned = /của\s+(ủy ban nhân dân|ubnd|hđnd|hội đồng nhân dân)\b/iu.test(subject);
  return `Trên đây là báo cáo kết quả thực hiện ${subject}${owned ? '' : ' của Ủy ban nhân dân thành phố'}./.`;
}

/** The Word report for the filters of `data`, signed for the committee by `data.signer` (a blank name line when unknown). */
export async function buildReportDocument(data: ReportInput): Promise<Buffer> {
  const signer = data.signer ?? { title: 'CHỦ TỊCH', name: null };
  const d = data.dashboard;
  const issuingBody = data.programme?.issuingBody || DEFAULT_ISSUING_BODY;
  const today = vnDateOf(data.generatedAt);
  const when = d.periodLabel && !d.isNow ? d.periodLabel : `(tính đến ngày ${formatDateVn(d.asOf)})`;
  const subject = data.programme ? data.programme.title : 'các chương trình, kế hoạch của Ủy ban nhân dân thành phố';
  const h = headlineNumbers(d.headline);
  const behind = d.units
    .filter((u) => u.counts.IN_PROGRESS_OVERDUE > 0)
    .sort((a, b) => b.counts.IN_PROGRESS_OVERDUE - a.counts.IN_PROGRESS_OVERDUE || a.rank - b.rank);

  const body: (Paragraph | Table)[] = [
    headerBlock({ issuingBody, place: placeOf(issuingBody), date: today, number: 'Số:        /BC-UBND' }),
    para({ text: 'BÁO CÁO', bold: true }, { align: 'CENTER', spacing: { before: 360, after: 0 } }),
    // The last two words held together: a wrapped trích yếu never leaves one word alone on its last line.
    para(
      { text: `Kết quả thực hiện ${subject}`.replace(/ (\S+)$/u, '\u00a0$1'), bold: true },
      { align: 'CENTER', spacing: { before: 0, after: 0 } },
    ),
    para({ text: when, bold: true }, { align: 'CENTER', spacing: { before: 0, after: 0 } }),
    ruleParagraph(Math.round(CONTENT_WIDTH * 0.25)),
    para(
      `Thực hiện ${data.programme ? `${data.programme.title}${data.programme.documentNumber ? ` (số ${data.programme.documentNumber})` : ''}` : 'các chương trình, kế hoạch đã ban hành'}, ` +
        `Ủy ban nhân dân thành phố báo cáo kết quả thực hiện ${d.scopeLabel === 'toàn thành phố' ? 'trên địa bàn thành phố' : `(${d.scopeLabel})`}` +
        `${data.sectionTitle ? `, mục ${data.sectionTitle}` : ''}, số liệu tính đến ${d.isNow ? '' : 'hết '}ngày ${formatDateVn(d.asOf)}, như sau:`,
      { indent: true, spacing: { before: 240, after: 120, line: 300 } },
    ),
    para({ text: 'I. KẾT QUẢ CHUNG', bold: true }, { keepNext: true }),
    para(headlineSentence(d.headline), { indent: true }),
    para(
      `Tỷ lệ hoàn thành đạt ${formatRate(d.completionRate)}, trong đó hoàn thành đúng hạn ${formatRate(d.onTimeRate)}; ` +
        `còn ${h.openOverdue} nhiệm vụ đang thực hiện quá hạn` +
        // Pending approvals are today's state: only meaningful in a report "as of now".
        (d.isNow ? ` và ${d.pending} báo cáo đang chờ xem xét, phê duyệt.` : '.'),
      { indent: true },
    ),
    para({ text: 'II. KẾT QUẢ THEO TỪNG MỤC CỦA CHƯƠNG TRÌNH', bold: true }, { keepNext: true }),
  ];

  if (d.sections.length === 0) body.push(para('Không có nhiệm vụ nào trong phạm vi báo cáo.', { indent: true }));
  d.sections.forEach((section, si) => {
    const col = d.heat.dimension === 'section' ? d.heat.columns.findIndex((c) => c.key === section.key) : -1;
    const items =
      col < 0
        ? []
        : d.heat.rows
            .map((row) => ({ name: row.name, cell: row.cells[col] }))
            .filter((x): x is { name: string; cell: NonNullable<typeof x.cell> } => x.cell != null)
            .map((x) => ({
              name: x.name,
              counts: x.cell.counts,
              rate: x.cell.total ? x.cell.done / x.cell.total : null,
            }));
    body.push(
      para({ text: `${si + 1}. ${withoutNumeral(section.title)}`, bold: true, italics: true }, { keepNext: true }),
    );
    body.push(para(headlineSentence(section.counts), { indent: true, keepNext: true }));
    if (items.length) {
      body.push(countsTable('Đơn vị', items, section.counts));
      if (d.heat.totalUnits > d.heat.rows.length) {
        body.push(
          para({
            text: `(Bảng liệt kê ${d.heat.rows.length}/${d.heat.totalUnits} đơn vị đầu theo thứ tự xếp hạng; số liệu của tất cả đơn vị có trong Biểu tổng hợp kèm theo.)`,
            italics: true,
            size: SIZE.small,
          }),
        );
      }
      body.push(para('', { spacing: { before: 0, after: 120 } }));
    }
  });

  body.push(para({ text: 'III. CÁC ĐƠN VỊ CÒN NHIỆM VỤ QUÁ HẠN', bold: true }, { keepNext: true }));
  if (behind.length === 0) {
    body.push(para('Không có đơn vị nào có nhiệm vụ quá hạn.', { indent: true }));
  } else {
    body.push(
      para(`Có ${behind.length} đơn vị còn nhiệm vụ đang thực hiện quá hạn, cụ thể:`, { indent: true, keepNext: true }),
    );
    body.push(behindTable(behind.slice(0, BEHIND_ROWS)));
    if (behind.length > BEHIND_ROWS) {
      const rest = behind.slice(BEHIND_ROWS);
      const restOverdue = rest.reduce((n, u) => n + u.counts.IN_PROGRESS_OVERDUE, 0);
      body.push(
        para({
          text: `(Bảng trên liệt kê ${BEHIND_ROWS} đơn vị có nhiều nhiệm vụ quá hạn nhất; ${rest.length} đơn vị khác còn ${restOverdue} nhiệm vụ quá hạn, chi tiết tại Biểu tổng hợp kèm theo.)`,
          italics: true,
          size: SIZE.small,
        }),
      );
    }
  }
  const targets = data.targets ?? [];
  if (targets.length > 0) body.push(...targetsSection('IV', targets));
  body.push(
    para(
      { text: `${targets.length > 0 ? 'V' : 'IV'}. ĐỀ XUẤT, KIẾN NGHỊ`, bold: true },
      { keepNext: true, spacing: { before: 240, after: 120, line: 300 } },
    ),
    para(
      'Ủy ban nhân dân thành phố yêu cầu Thủ trưởng các phòng, ban, đơn vị và Chủ tịch UBND các phường, xã có nhiệm vụ quá hạn ' +
        'khẩn trương tổ chức thực hiện, báo cáo kết quả kèm tài liệu kiểm chứng về Ủy ban nhân dân thành phố (qua Phòng Nội vụ) để tổng hợp.',
      { indent: true },
    ),
    para(closingSentence(data.programme?.title ?? null), {
      indent: true,
      spacing: { before: 0, after: 240, line: 300 },
    }),
    closingBlock({ recipients: REPORT_RECIPIENTS, signer }),
  );

  return decreeDocument({ title: `Báo cáo kết quả thực hiện ${subject}`, children: body });
}
