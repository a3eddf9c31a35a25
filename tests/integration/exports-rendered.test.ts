/**
 * The Word report and the Excel summary as an office suite prints them: each export of the seeded
 * city is rendered by LibreOffice to PDF, its layout read back from the printed pages (poppler), and
 * its first page kept as an image (test-results/screenshots/; docs/screenshots/ when it looks
 * visibly different from the committed one: tests/support/screenshots.ts; issue 12). The XML-level layout checks
 * are in exports.test.ts; this file checks what those settings produce on paper.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { actAs, currentUser } from '../support/as-user';
import { RUN_SCREENSHOTS_DIR, keepScreenshot } from '../support/screenshots';
import { isA4, missingRenderTools, pageImage, pdfText, renderToPdf, type RenderedPdf } from '../support/office-render';

vi.mock('../../lib/auth', () => ({ getCurrentUser: async () => currentUser() }));

const { GET: xlsxRoute } = await import('../../app/api/exports/xlsx/route');
const { GET: docxRoute } = await import('../../app/api/exports/docx/route');

const SHOTS = RUN_SCREENSHOTS_DIR;
fs.mkdirSync(SHOTS, { recursive: true });

async function exportBytes(route: (r: Request) => Promise<Response>, url: string): Promise<Buffer> {
  const res = await route(new Request(url));
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

/** The printed lines of a text, trimmed, blank ones dropped. */
const linesOf = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

beforeAll(async () => {
  const missing = missingRenderTools();
  if (missing) throw new Error(missing);
  await actAs('chutich');
});

describe('Word "Báo cáo kết quả thực hiện", printed', () => {
  let pdf: RenderedPdf;
  beforeAll(async () => {
    pdf = await renderToPdf(await exportBytes(docxRoute, 'http://localhost/api/exports/docx'), 'bao-cao.docx');
    await pageImage(pdf, 1, path.join(SHOTS, 'export-word.png'));
    keepScreenshot('export-word.png');
  }, 240_000);

  it('A4 portrait on every page', () => {
    expect(pdf.pages).toBeGreaterThanOrEqual(2);
    for (const size of pdf.pageSizes) expect(isA4(size, 'portrait')).toBe(true);
  });

  it('Quốc hiệu and tiêu ngữ each on one printed line, the title and its trích yếu on page 1', async () => {
    const first = linesOf(await pdfText(pdf, 1, 1));
    // The head's two columns print side by side: the issuing body and the Quốc hiệu share a line.
    expect(first.some((l) => /^ỦY BAN NHÂN DÂN\s+CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM$/.test(l))).toBe(true);
    expect(first.some((l) => /Độc lập - Tự do - Hạnh phúc$/.test(l))).toBe(true);
    expect(first.some((l) => /^Số:\s+\/BC-UBND\s+Hà Tĩnh, ngày \d{2} tháng \d{2} năm \d{4}$/.test(l))).toBe(true);
    const title = first.indexOf('BÁO CÁO');
    const until = first.findIndex((l) => l.startsWith('(tính đến ngày'));
    expect(title).toBeGreaterThan(0);
    expect(until).toBeGreaterThan(title + 1);
    const trichYeu = first.slice(title + 1, until);
    expect(trichYeu.join(' ')).toMatch(/^Kết quả thực hiện /);
    // A wrapped trích yếu never leaves one word alone on a line.
    for (const line of trichYeu) expect(line.split(/\s+/).length, line).toBeGreaterThan(1);
  });

  it('table headers keep "STT" whole; the last page is signed by the chairman by name', async () => {
    const all = await pdfText(pdf);
    const last = linesOf(await pdfText(pdf, pdf.pages, pdf.pages));
    expect(all).toMatch(/\bSTT\b/);
    expect(all).not.toMatch(/\bST\s*\n\s*T\b/);
    expect(last.some((l) => l.includes('CHỦ TỊCH'))).toBe(true);
    expect(last.some((l) => l.includes('Trần Văn Minh'))).toBe(true);
  });
});

describe('Excel "Biểu tổng hợp", printed', () => {
  let pdf: RenderedPdf;
  beforeAll(async () => {
    pdf = await renderToPdf(await exportBytes(xlsxRoute, 'http://localhost/api/exports/xlsx'), 'bieu-tong-hop.xlsx');
    await pageImage(pdf, 1, path.join(SHOTS, 'export-excel.png'));
    keepScreenshot('export-excel.png');
  }, 240_000);

  it('A4 landscape on every page', () => {
    for (const size of pdf.pageSizes) expect(isA4(size, 'landscape')).toBe(true);
  });

  it('page 1: the issuing body and Biểu số on one line, the title, every column, the total and the signatures', async () => {
    const first = linesOf(await pdfText(pdf, 1, 1));
    expect(first[0]).toMatch(/^UBND THÀNH PHỐ HÀ TĨNH\s+Biểu số 01$/);
    expect(first).toContain('BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN NHIỆM VỤ THEO ĐƠN VỊ');
    // One page wide: the first and the last column's headers are printed on the same line.
    expect(first.some((l) => /^STT\s.*Đơn vị.*Tổng số.*Xếp hạng$/.test(l))).toBe(true);
    expect(first.some((l) => /^Tổng cộng(\s+\d+){7}\s/.test(l))).toBe(true);
    expect(first.some((l) => /^NGƯỜI LẬP BIỂU\s+THỦ TRƯỞNG ĐƠN VỊ$/.test(l))).toBe(true);
  });

  it('each summary sheet starts on a page of its own with its Biểu số', async () => {
    const text = await pdfText(pdf);
    const pages = text.split('\f');
    for (const form of ['Biểu số 01', 'Biểu số 02', 'Biểu số 03', 'Biểu số 04', 'Biểu số 05'])
      expect(
        pages.some((p) => linesOf(p)[0]?.endsWith(form)),
        form,
      ).toBe(true);
  });
});

it('keeps the first pages as images: A4 at 72 dpi, upright for Word, landscape for Excel', () => {
  const size = (f: string) => {
    const bytes = fs.readFileSync(path.join(SHOTS, f));
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  };
  // 595.3 × 841.9 points at 72 dpi: pdftoppm rounds each side up or down.
  expect(isA4(size('export-word.png'), 'portrait')).toBe(true);
  expect(isA4(size('export-excel.png'), 'landscape')).toBe(true);
});
