/**
 * The layout of an administrative document under Decree 30/2020/NĐ-CP (Appendix I), shared by the
 * documents the app writes (the report in docx.ts, the Công văn đôn đốc in urging-letter.ts):
 *   A4, margins top/bottom 20 mm, left 30 mm, right 15 mm; Times New Roman 13–14 pt;
 *   a borderless two-column head: the issuing body (bold capitals, a short rule under it) and the
 *   "Số: …/…" line on the left; Quốc hiệu "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" on one line and Tiêu
 *   ngữ "Độc lập - Tự do - Hạnh phúc" (a rule under it) with the italic place and date on the right;
 *   at the end "Nơi nhận:" on the left and the signature block (TM. / KT.) on the right.
 * The number of a document is left blank: the văn thư fills it in when registering it.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ISpacingProperties,
} from 'docx';
import type { IsoDate } from '../domain/time';
import { decreeDateLine, issuingBodyLines } from './text';

export const FONT = 'Times New Roman';
/** Half-points. */
export const SIZE = { body: 28, head: 26, nation: 24, small: 24, table: 24, recipients: 22 } as const;
const MM = 56.7; // twips per millimetre
const PAGE = { width: 11906, height: 16838 };
const MARGIN = {
  top: Math.round(20 * MM),
  bottom: Math.round(20 * MM),
  left: Math.round(30 * MM),
  right: Math.round(15 * MM),
};
export const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
/** The first-line indent of body paragraphs. */
export const INDENT = Math.round(10 * MM);

/** Who signs for the committee. */
export type DocumentSigner = {
  /** "CHỦ TỊCH" or "PHÓ CHỦ TỊCH". */
  title: string;
  /** The signer's name, or null (a blank line is printed for it). */
  name: string | null;
};

export type Run = { text: string; bold?: boolean; italics?: boolean; size?: number; underline?: boolean };

export function para(
  runs: Run | Run[] | string,
  opts: {
    align?: keyof typeof AlignmentType;
    indent?: boolean;
    spacing?: ISpacingProperties;
    rule?: boolean;
    keepNext?: boolean;
  } = {},
): Paragraph {
  const list = typeof runs === 'string' ? [{ text: runs }] : Array.isArray(runs) ? runs : [runs];
  return new Paragraph({
    alignment: AlignmentType[opts.align ?? 'JUSTIFIED'],
    indent: opts.indent ? { firstLine: INDENT } : undefined,
    spacing: opts.spacing ?? { before: 0, after: 120, line: 300 },
    keepNext: opts.keepNext,
    children: list.map(
      (r) =>
        new TextRun({
          text: r.text,
          bold: r.bold,
          italics: r.italics,
          size: r.size ?? SIZE.body,
          font: FONT,
          underline: r.underline ? {} : undefined,
        }),
    ),
  });
}

/**
 * A short centred rule under the title block: an empty paragraph indented from both sides with a
 * top border. (A one-cell table, as in the head's columns, was drawn across the line above it by
 * LibreOffice when it follows a paragraph at the top level.)
 */
export function ruleParagraph(widthTwips: number): Paragraph {
  const side = Math.round((CONTENT_WIDTH - widthTwips) / 2);
  return new Paragraph({
    indent: { left: side, right: side },
    spacing: { before: 60, after: 0, line: 240 },
    border: { top: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [new TextRun({ text: '', size: 4 })],
  });
}

/** A short centred rule under a heading line (the line under the issuing body and the Tiêu ngữ). */
export function rule(widthTwips: number): Table {
  return new Table({
    alignment: AlignmentType.CENTER,
    width: { size: widthTwips, type: WidthType.DXA },
    columnWidths: [widthTwips],
    borders: { ...TableBorders.NONE, top: { style: BorderStyle.SINGLE, size: 6, color: '000000' } },
    rows: [
      new TableRow({
        children: [new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: '', size: 4 })] })] })],
      }),
    ],
  });
}

/**
 * The head of the document: issuing body and number on the left, Quốc hiệu, Tiêu ngữ and the date
 * line on the right; `below` goes under the number (a Công văn's "V/v …" summary).
 */
export function headerBlock(head: {
  issuingBody: string;
  place: string;
  date: IsoDate;
  /** "Số:        /BC-UBND". */
  number: string;
  below?: string;
}): Table {
  // Decree 30: the Quốc hiệu (12–13 pt capitals) fits on one line in the right column at 12 pt;
  // the columns leave no inner margin, so the widths are the text's.
  const left = Math.round(CONTENT_WIDTH * 0.37);
  const right = CONTENT_WIDTH - left;
  const tight: ISpacingProperties = { before: 0, after: 0, line: 260 };
  const bodyLines = issuingBodyLines(head.issuingBody);
  const cell = (width: number, children: (Paragraph | Table)[]) =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      borders: TableBorders.NONE,
      margins: { left: 0, right: 0 },
      children,
    });
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: [left, right],
    borders: TableBorders.NONE,
    rows: [
      new TableRow({
        children: [
          cell(left, [
            ...bodyLines.map((line, i) =>
              para(
                { text: line, bold: true, size: SIZE.head },
                { align: 'CENTER', spacing: i === bodyLines.length - 1 ? { ...tight, after: 60 } : tight },
              ),
            ),
            rule(Math.round(left * 0.35)),
            para({ text: head.number, size: SIZE.head }, { align: 'CENTER', spacing: { before: 60, after: 0 } }),
            ...(head.below
              ? [para({ text: head.below, size: SIZE.small }, { align: 'CENTER', spacing: { before: 60, after: 0 } })]
              : []),
          ]),
          cell(right, [
            para(
              { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true, size: SIZE.nation },
              { align: 'CENTER', spacing: tight },
            ),
            para(
              { text: 'Độc lập - Tự do - Hạnh phúc', bold: true, size: SIZE.body },
              { align: 'CENTER', spacing: { ...tight, after: 60 } },
            ),
            rule(Math.round(right * 0.55)),
            para(
              { text: decreeDateLine(head.place, head.date), italics: true, size: SIZE.body },
              { align: 'CENTER', spacing: { before: 60, after: 0 } },
            ),
          ]),
        ],
      }),
    ],
  });
}

/**
 * "Nơi nhận:" and the signature block: "TM. ỦY BAN NHÂN DÂN", then "CHỦ TỊCH" — or, for a
 * vice-chairman, "KT. CHỦ TỊCH" over "PHÓ CHỦ TỊCH" (Decree 30, signing on behalf) — room for the
 * signature and the seal, and the signer's name.
 */
export function closingBlock({ recipients, signer }: { recipients: readonly string[]; signer: DocumentSigner }): Table {
  const left = Math.round(CONTENT_WIDTH * 0.45);
  const right = CONTENT_WIDTH - left;
  const tight: ISpacingProperties = { before: 0, after: 0, line: 260 };
  const authority =
    signer.title === 'CHỦ TỊCH'
      ? ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH']
      : ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', signer.title];
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: [left, right],
    borders: TableBorders.NONE,
    rows: [
      new TableRow({
        cantSplit: true,
        children: [
          new TableCell({
            width: { size: left, type: WidthType.DXA },
            borders: TableBorders.NONE,
            children: [
              para(
                { text: 'Nơi nhận:', bold: true, italics: true, size: SIZE.small },
                { align: 'LEFT', spacing: tight },
              ),
              ...recipients.map((t) => para({ text: t, size: SIZE.recipients }, { align: 'LEFT', spacing: tight })),
            ],
          }),
          new TableCell({
            width: { size: right, type: WidthType.DXA },
            borders: TableBorders.NONE,
            children: [
              ...authority.map((t) =>
                para({ text: t, bold: true, size: SIZE.head }, { align: 'CENTER', spacing: tight }),
              ),
              // Room for the signature and the seal (Decree 30: the name goes under them).
              para({ text: '', size: SIZE.body }, { align: 'CENTER', spacing: { before: 1500, after: 0 } }),
              para(
                { text: signer.name ?? '……………………………', bold: true, size: SIZE.body },
                { align: 'CENTER', spacing: tight },
              ),
            ],
          }),
        ],
      }),
    ],
  });
}

/** The .docx of a document on A4 with Decree 30's margins and font. */
export function decreeDocument({
  title,
  children,
}: {
  title: string;
  children: (Paragraph | Table)[];
}): Promise<Buffer> {
  const doc = new Document({
    creator: 'Đôn đốc',
    title,
    styles: { default: { document: { run: { font: FONT, size: SIZE.body } } } },
    sections: [{ properties: { page: { size: PAGE, margin: MARGIN } }, children }],
  });
  return Packer.toBuffer(doc);
}
