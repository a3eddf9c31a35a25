/**
 * Writes the .docx and .pdf fixtures of the directive import (tests/fixtures/documents/), from
 * one description: a city plan whose body uses Word's automatic numbering and whose appendix is a
 * task table (TT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành). The
 * table's rows are those of the corpus fixture tests/fixtures/directives/07-bang-tab-de-an-06
 * (a real "Bảng phân công nhiệm vụ" shape), with the cases Word adds: a lead cell merged over two
 * rows, a coordinating cell with one unit per paragraph, a section row across the whole table, a
 * TT column numbered by Word, and two deadlines that are not dates.
 *
 *   npx tsx scripts/make-document-fixtures.ts
 *
 * The outputs are committed (tests read them, never regenerate them). The PDF needs a TrueType
 * font with Vietnamese glyphs: DejaVu Sans from Debian's fonts-dejavu-core by default, or
 * FIXTURE_FONT=/path/to/font.ttf. Also writes a "scanned" PDF (a page with a drawing and no text),
 * a real scan's stand-in (the text PDF's two pages drawn by PDF.js as greyscale JPEG images at
 * 200 dpi, put into a PDF with no text layer: what a scanner gives, read by OCR) and an encrypted
 * one (a password to open it).
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  AlignmentType,
  Document,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalMergeType,
  WidthType,
} from 'docx';
import PDFDocument from 'pdfkit';

const OUT = path.join(import.meta.dirname, '../tests/fixtures/documents');
const FONT = process.env.FIXTURE_FONT ?? '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

export const HEADER = [
  'UỶ BAN NHÂN DÂN THÀNH PHỐ HÀ TĨNH',
  'Số: 88/KH-UBND',
  'Hà Tĩnh, ngày 20 tháng 3 năm 2023',
  'KẾ HOẠCH',
  'Triển khai Đề án 06 về phát triển ứng dụng dữ liệu dân cư trên địa bàn thành phố năm 2023',
];

/** Body: level 0 → "I.", level 1 → "1." (Word's automatic numbering in the .docx). */
const BODY: { text: string; level?: 0 | 1 }[] = [
  { text: 'Mục đích, yêu cầu', level: 0 },
  { text: 'Triển khai đồng bộ, hiệu quả các nhiệm vụ của Đề án 06 trên địa bàn thành phố.' },
  { text: 'Tổ chức thực hiện', level: 0 },
  {
    text: 'Phòng Nội vụ chủ trì theo dõi, đôn đốc việc thực hiện Kế hoạch; báo cáo kết quả trước ngày 15/12/2023.',
    level: 1,
  },
  { text: 'Các nhiệm vụ cụ thể được phân công tại Phụ lục kèm theo.', level: 1 },
];

type Row = { text: string; lead: string; coordinators: string[]; deadline: string; mergeLeadWithNext?: boolean };

/** Section rows are strings; the table's task rows are numbered 1, 2, … by Word. */
export const TABLE: (string | Row)[] = [
  'I. HOÀN THIỆN THỂ CHẾ, DỮ LIỆU',
  {
    text: 'Kiện toàn Tổ công tác triển khai Đề án 06 cấp thành phố và cấp xã',
    lead: 'Công an thành phố',
    coordinators: ['Phòng Nội vụ', 'UBND các phường, xã'],
    deadline: 'Tháng 4/2023',
  },
  {
    text: 'Rà soát, làm sạch dữ liệu hộ tịch, đồng bộ với Cơ sở dữ liệu quốc gia về dân cư',
    lead: 'Phòng Tư pháp',
    coordinators: ['UBND các phường, xã', 'Công an thành phố'],
    deadline: 'Trước ngày 30/6/2023',
    mergeLeadWithNext: true,
  },
  {
    text: 'Cập nhật thông tin hộ tịch phát sinh vào Cơ sở dữ liệu quốc gia về dân cư',
    lead: 'Phòng Tư pháp',
    coordinators: ['UBND các phường, xã'],
    deadline: 'Hằng ngày trước 16 giờ',
  },
  'II. TRIỂN KHAI ỨNG DỤNG',
  {
    text: 'Tuyên truyền, hướng dẫn người dân kích hoạt tài khoản định danh điện tử mức độ 2',
    lead: 'UBND các phường, xã',
    coordinators: ['Phòng Văn hóa và Thông tin'],
    deadline: 'Thường xuyên',
  },
  {
    text: 'Tích hợp, chia sẻ dữ liệu dân cư với hệ thống thông tin giải quyết thủ tục hành chính của thành phố',
    lead: 'Văn phòng HĐND và UBND thành phố',
    coordinators: ['Phòng Văn hóa và Thông tin'],
    deadline: 'Sau khi Tỉnh hoàn thành kết nối hệ thống',
  },
  {
    text: 'Sơ kết việc thực hiện Đề án 06 của thành phố',
    lead: 'Phòng Nội vụ',
    coordinators: ['Các phòng, ban, ngành'],
    deadline: 'Trước ngày 15/12/2023',
  },
];

const COLUMNS = ['TT', 'Nội dung', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian hoàn thành'];
const WIDTHS = [6, 40, 18, 20, 16]; // per cent

async function writeDocx(file: string): Promise<void> {
  const p = (text: string, opts: { bold?: boolean; center?: boolean } = {}) =>
    new Paragraph({
      alignment: opts.center ? AlignmentType.CENTER : undefined,
      children: [new TextRun({ text, bold: opts.bold })],
    });
  const cell = (children: Paragraph[], extra: Partial<ConstructorParameters<typeof TableCell>[0]> = {}) =>
    new TableCell({ children, ...extra });
  const rows: TableRow[] = [
    new TableRow({
      tableHeader: true,
      children: COLUMNS.map((c, i) =>
        cell([p(c, { bold: true, center: true })], { width: { size: WIDTHS[i]!, type: WidthType.PERCENTAGE } }),
      ),
    }),
  ];
  let mergedAbove = false;
  for (const entry of TABLE) {
    if (typeof entry === 'string') {
      rows.push(new TableRow({ children: [cell([p(entry, { bold: true })], { columnSpan: COLUMNS.length })] }));
      continue;
    }
    const lead = entry.mergeLeadWithNext
      ? cell([p(entry.lead)], { verticalMerge: VerticalMergeType.RESTART })
      : mergedAbove
        ? cell([], { verticalMerge: VerticalMergeType.CONTINUE })
        : cell([p(entry.lead)]);
    mergedAbove = Boolean(entry.mergeLeadWithNext);
    rows.push(
      new TableRow({
        children: [
          cell([new Paragraph({ numbering: { reference: 'tt', level: 0 }, children: [] })]),
          cell([p(entry.text)]),
          lead,
          cell(entry.coordinators.map((c) => p(c))),
          cell([p(entry.deadline)]),
        ],
      }),
    );
  }
  const doc = new Document({
    numbering: {
      config: [
        {
          reference: 'body',
          levels: [
            { level: 0, format: LevelFormat.UPPER_ROMAN, text: '%1.', alignment: AlignmentType.LEFT },
            { level: 1, format: LevelFormat.DECIMAL, text: '%2.', alignment: AlignmentType.LEFT },
          ],
        },
        {
          reference: 'tt',
          levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1', alignment: AlignmentType.CENTER }],
        },
      ],
    },
    sections: [
      {
        children: [
          ...HEADER.map((h, i) => p(h, { bold: i !== 2, center: true })),
          ...BODY.map((b) =>
            b.level === undefined
              ? p(b.text)
              : new Paragraph({ numbering: { reference: 'body', level: b.level }, children: [new TextRun(b.text)] }),
          ),
          p('PHỤ LỤC', { bold: true, center: true }),
          p('DANH MỤC NHIỆM VỤ', { bold: true, center: true }),
          new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows }),
        ],
      },
    ],
  });
  fs.writeFileSync(file, await Packer.toBuffer(doc));
}

function pdfDocument(file: string): PDFKit.PDFDocument {
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: 'Kế hoạch 88/KH-UBND' } });
  doc.pipe(fs.createWriteStream(file));
  return doc;
}

function writePdf(file: string): void {
  const doc = pdfDocument(file);
  doc.registerFont('body', FONT);
  doc.font('body').fontSize(11);
  for (const h of HEADER) doc.text(h, { align: 'center' });
  doc.moveDown();
  const roman = ['I', 'II', 'III'];
  let section = 0;
  let item = 0;
  for (const b of BODY) {
    const marker = b.level === 0 ? `${roman[section++]}. ` : b.level === 1 ? `${++item}. ` : '';
    if (b.level === 0) item = 0;
    doc.text(`${marker}${b.text}`, { align: 'left' });
  }
  doc.addPage();
  doc.text('PHỤ LỤC', { align: 'center' });
  doc.text('DANH MỤC NHIỆM VỤ', { align: 'center' });
  doc.moveDown();
  const left = 50;
  const width = doc.page.width - 100;
  const xs: number[] = [];
  let x = left;
  for (const w of WIDTHS) {
    xs.push(x);
    x += (width * w) / 100;
  }
  const colWidth = (i: number) => (width * WIDTHS[i]!) / 100 - 8;
  doc.fontSize(9);
  const row = (cells: string[]) => {
    const top = doc.y;
    let bottom = top;
    cells.forEach((c, i) => {
      doc.text(c, xs[i]!, top, { width: colWidth(i) });
      bottom = Math.max(bottom, doc.y);
    });
    doc.x = left;
    doc.y = bottom + 6;
  };
  row(COLUMNS);
  let n = 0;
  for (const entry of TABLE) {
    if (typeof entry === 'string') {
      doc.text(entry, left, doc.y, { width });
      doc.y += 6;
      continue;
    }
    row([String(++n), entry.text, entry.lead, entry.coordinators.join('; '), entry.deadline]);
  }
  doc.end();
}

/** The plan's first lines, encrypted with a password to open it. */
function writeEncryptedPdf(file: string): void {
  const doc = new PDFDocument({ size: 'A4', margin: 50, userPassword: 'mat-khau', ownerPassword: 'chu-so-huu' });
  doc.pipe(fs.createWriteStream(file));
  doc.registerFont('body', FONT);
  doc.font('body').fontSize(11);
  for (const h of HEADER) doc.text(h, { align: 'center' });
  doc.end();
}

/** A "scan": a page with shapes and no text layer. */
function writeScannedPdf(file: string): void {
  const doc = pdfDocument(file);
  for (let i = 0; i < 30; i++) doc.rect(60, 80 + i * 22, 300 + ((i * 37) % 160), 8).fill('#333333');
  doc.end();
}

/** The tasks of the two-column plan (ke-hoach-hai-cot.pdf): number, text with its lead and deadline. */
export const TWO_COLUMN_TASKS = [
  'Phòng Nội vụ chủ trì rà soát, sắp xếp tổ chức bộ máy các cơ quan chuyên môn thuộc Ủy ban nhân dân thành phố theo hướng tinh gọn, hoạt động hiệu lực, hiệu quả; hoàn thành trước ngày 30/6/2024.',
  'Phòng Tư pháp chủ trì, phối hợp với Văn phòng HĐND và UBND thành phố rà soát, hệ thống hóa văn bản quy phạm pháp luật do thành phố ban hành; hoàn thành trước ngày 31/7/2024.',
  'Phòng Tài chính - Kế hoạch chủ trì tham mưu bố trí kinh phí thực hiện cải cách hành chính trong dự toán ngân sách năm 2025; hoàn thành trước ngày 15/11/2024.',
  'Phòng Văn hóa và Thông tin chủ trì tuyên truyền về cải cách hành chính trên Cổng thông tin điện tử và hệ thống truyền thanh cơ sở; hoàn thành trước ngày 31/12/2024.',
  'Công an thành phố chủ trì hướng dẫn người dân kích hoạt tài khoản định danh điện tử mức độ 2, phối hợp với UBND các phường, xã; hoàn thành trước ngày 30/9/2024.',
  'Văn phòng HĐND và UBND thành phố chủ trì theo dõi, tổng hợp kết quả thực hiện Kế hoạch, báo cáo Ủy ban nhân dân thành phố; hoàn thành trước ngày 20/12/2024.',
];

/**
 * A plan set in two columns of justified prose under a title across the page, as some portals
 * print a directive: the left column's line and the right one's share a baseline.
 */
function writeTwoColumnPdf(file: string): void {
  const doc = pdfDocument(file);
  doc.registerFont('body', FONT);
  doc.font('body').fontSize(11);
  doc.text('UỶ BAN NHÂN DÂN THÀNH PHỐ HÀ TĨNH', { align: 'center' });
  doc.text('Số: 95/KH-UBND', { align: 'center' });
  doc.text('KẾ HOẠCH', { align: 'center' });
  doc.text('Cải cách hành chính thành phố năm 2024', { align: 'center' });
  doc.moveDown();
  const body = [
    'I. MỤC ĐÍCH, YÊU CẦU',
    'Nâng cao chất lượng phục vụ người dân và doanh nghiệp, bảo đảm các nhiệm vụ cải cách hành chính được triển khai đồng bộ, đúng tiến độ, gắn trách nhiệm của người đứng đầu từng cơ quan, đơn vị.',
    'II. NHIỆM VỤ CỤ THỂ',
    ...TWO_COLUMN_TASKS.map((t, i) => `${i + 1}. ${t}`),
  ].join('\n');
  doc.fontSize(10).text(body, { columns: 2, columnGap: 24, align: 'justify', height: 250 });
  doc.end();
}

/** The text PDF's pages as images only: a scan of the printed plan, for the OCR path. */
async function writeScanOfPlan(from: string, file: string): Promise<void> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const source = await pdfjs.getDocument({ data: new Uint8Array(fs.readFileSync(from)), verbosity: 0 }).promise;
  const doc = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: false });
  const done = new Promise<void>((resolve) => doc.pipe(fs.createWriteStream(file)).on('finish', () => resolve()));
  for (let n = 1; n <= source.numPages; n++) {
    const page = await source.getPage(n);
    const viewport = page.getViewport({ scale: 200 / 72 });
    const factory = (source as unknown as { canvasFactory: { create(w: number, h: number): unknown } }).canvasFactory;
    const { canvas, context } = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height)) as {
      canvas: { toBuffer(type: string, quality?: number): Buffer; width: number; height: number };
      context: CanvasRenderingContext2D;
    };
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    await page.render({ canvasContext: context, canvas: canvas as unknown as HTMLCanvasElement, viewport }).promise;
    doc.addPage({ size: 'A4', margin: 0 });
    doc.image(canvas.toBuffer('image/jpeg', 70), 0, 0, { width: doc.page.width, height: doc.page.height });
  }
  doc.end();
  await done;
}

fs.mkdirSync(OUT, { recursive: true });
await writeDocx(path.join(OUT, 'ke-hoach-bang-nhiem-vu.docx'));
writePdf(path.join(OUT, 'ke-hoach-bang-nhiem-vu.pdf'));
// writePdf's stream must be flushed before it is read back.
await new Promise((resolve) => setTimeout(resolve, 500));
await writeScanOfPlan(path.join(OUT, 'ke-hoach-bang-nhiem-vu.pdf'), path.join(OUT, 'ke-hoach-ban-scan.pdf'));
writeScannedPdf(path.join(OUT, 'ban-scan.pdf'));
writeTwoColumnPdf(path.join(OUT, 'ke-hoach-hai-cot.pdf'));
writeEncryptedPdf(path.join(OUT, 'ma-hoa.pdf'));
console.log(`Wrote fixtures to ${path.relative(process.cwd(), OUT)}`);
