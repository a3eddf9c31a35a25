import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { extractPdfText, pdfLines, type PdfPiece } from './pdf';
import { PDF_TOO_HEAVY, PDF_TOO_SLOW } from './pdf-limits';

/** A well-formed one-page PDF whose page content is `content` (Flate-compressed), with a Helvetica font. */
function onePagePdf(content: string): Uint8Array {
  const stream = deflateSync(Buffer.from(content, 'latin1'));
  const objects: Buffer[] = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
    Buffer.from(
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    ),
    Buffer.concat([
      Buffer.from(`<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`),
      stream,
      Buffer.from('\nendstream'),
    ]),
    Buffer.from('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'),
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n')];
  const offsets: number[] = [];
  let at = parts[0]!.length;
  objects.forEach((body, i) => {
    const object = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), body, Buffer.from('\nendobj\n')]);
    offsets.push(at);
    at += object.length;
    parts.push(object);
  });
  const xref = [
    'xref',
    `0 ${objects.length + 1}`,
    '0000000000 65535 f ',
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `),
    'trailer',
    `<< /Size ${objects.length + 1} /Root 1 0 R >>`,
    'startxref',
    String(at),
    '%%EOF',
  ].join('\n');
  parts.push(Buffer.from(xref));
  return new Uint8Array(Buffer.concat(parts));
}

describe('extractPdfText (PDF.js in a worker thread)', () => {
  it('reads a well-formed page', async () => {
    const pdf = onePagePdf('BT /F1 12 Tf 72 760 Td (1. Phong Tu phap ra soat van ban quy pham.) Tj ET');
    await expect(extractPdfText(pdf)).resolves.toContain('Phong Tu phap ra soat');
  });

  it('refuses a page whose text pieces would fill the reading thread’s heap (a crafted PDF)', async () => {
    // 600,000 one-letter pieces on two alternating lines (PDF.js joins neighbours on one line and
    // drops text off the page): 17 MB of operators, a few KB compressed, under the text bound
    // (2 million characters) and the decompression bound; PDF.js keeps an object per piece.
    const pdf = onePagePdf(`BT /F1 10 Tf 72 700 Td ${'(a)Tj 0 -12 Td (b)Tj 0 12 Td '.repeat(300_000)}ET`);
    expect(pdf.length).toBeLessThan(100_000);
    // The heap is lowered for the test (the server's is 256 MB) so that the crafted file stays small.
    await expect(extractPdfText(pdf, { maxHeapMb: 24, maxReadMs: 120_000 })).rejects.toThrow(PDF_TOO_HEAVY);
  }, 150_000);

  it('terminates a reading step that never yields at the time limit', async () => {
    // `spin` is the test-only switch of pdf-worker.mjs (an endless loop where PDF.js would run):
    // no file content can set it. Without the worker this read would never return.
    const pdf = onePagePdf('BT /F1 12 Tf 72 760 Td (1. Phong Tu phap ra soat van ban quy pham.) Tj ET');
    await expect(extractPdfText(pdf, { spin: true, maxReadMs: 200 })).rejects.toThrow(PDF_TOO_SLOW);
    // The server goes on reading other PDFs.
    await expect(extractPdfText(pdf)).resolves.toContain('Phong Tu phap');
  });
});

describe('pdfLines: two columns of prose', () => {
  const piece = (str: string, x: number, y: number, width: number): PdfPiece => ({ str, x, y, width, height: 10 });

  it('reads the left column, then the right, keeping a title across the page in place', () => {
    const page: PdfPiece[] = [piece('KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2024', 150, 780, 300)];
    for (let i = 0; i < 6; i++) {
      // Justified columns: the left lines end at one edge (the last line of a paragraph shorter).
      page.push(piece(`trái ${i + 1}`, 50, 740 - i * 14, i === 5 ? 120 : 230));
      page.push(piece(`phải ${i + 1}`, 310, 740 - i * 14, 230));
    }
    expect(pdfLines([page])).toEqual([
      'KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2024',
      ...[1, 2, 3, 4, 5, 6].map((n) => `trái ${n}`),
      ...[1, 2, 3, 4, 5, 6].map((n) => `phải ${n}`),
    ]);
  });

  it('leaves a document header (issuer | national motto, centred in each half) line by line', () => {
    const page: PdfPiece[] = [
      piece('ỦY BAN NHÂN DÂN', 90, 800, 120),
      piece('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 300, 800, 250),
      piece('THÀNH PHỐ HÀ TĨNH', 85, 786, 130),
      piece('Độc lập - Tự do - Hạnh phúc', 340, 786, 170),
      piece('Số: 12/KH-UBND', 95, 772, 100),
      piece('Hà Tĩnh, ngày 20 tháng 3 năm 2024', 330, 772, 200),
      piece('1. Phòng Nội vụ chủ trì rà soát tổ chức bộ máy các cơ quan chuyên môn thuộc thành phố.', 50, 740, 490),
    ];
    expect(pdfLines([page])).toEqual([
      'ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'THÀNH PHỐ HÀ TĨNH\tĐộc lập - Tự do - Hạnh phúc',
      'Số: 12/KH-UBND\tHà Tĩnh, ngày 20 tháng 3 năm 2024',
      '1. Phòng Nội vụ chủ trì rà soát tổ chức bộ máy các cơ quan chuyên môn thuộc thành phố.',
    ]);
  });
});
