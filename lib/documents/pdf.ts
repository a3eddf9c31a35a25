import 'server-only';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { detectHeader } from '../domain/directive/table';
import { AppError } from '../errors';
import { log } from '../log';
import {
  inflatedSize,
  OCR_DPI,
  OCR_FAILED,
  OCR_MAX_GROWTH_MB,
  OCR_MAX_MS,
  OCR_MAX_PAGES,
  OCR_MAX_PIXELS,
  OCR_MIN_CONFIDENCE,
  OCR_TOO_HEAVY,
  OCR_TOO_MANY_PAGES,
  OCR_TOO_SLOW,
  OCR_UNREADABLE,
  PDF_MAX_HEAP_MB,
  PDF_MAX_INFLATED_BYTES,
  PDF_MAX_READ_MS,
  PDF_MAX_TEXT_CHARS,
  PDF_TOO_HEAVY,
  PDF_TOO_LARGE_INFLATED,
  PDF_TOO_MUCH_TEXT,
  PDF_TOO_SLOW,
} from './pdf-limits';

/**
 * Text of an uploaded PDF with a text layer, read with Mozilla's PDF.js (pdfjs-dist, the legacy
 * build that runs in Node) on the server, in reading order.
 *
 * - PDF.js gives each page's text as positioned pieces. `pdfLines` puts pieces of one baseline on
 *   one line, lines top to bottom, pieces left to right; a wide gap between two pieces (a table's
 *   column boundary) becomes a tab, so a task table printed to PDF reaches the parser's table
 *   reader as rows of cells (lib/domain/directive/table.ts).
 * - Pages that hold no text (a scan, a photo) are drawn and read by OCR in Vietnamese (tesseract.js,
 *   offline, in the same thread; bounds in pdf-limits.ts); the caller gets their numbers so that
 *   the review grid marks what was read from them as "cần kiểm tra". A scan OCR cannot read is
 *   refused with a message saying what to do: the import never shows an empty grid for it. So are encrypted PDFs, broken files and PDFs of
 *   more than PDF_MAX_PAGES pages.
 * - Decompression bombs, endless reading, memory floods and floods of text are refused by the
 *   bounds in pdf-limits.ts: the compressed streams' expanded size before PDF.js runs; then
 *   PDF.js runs in a worker thread (pdf-worker.mjs) with a heap limit, terminated when the reading
 *   time is used up, and stops when the pages' text passes its bound.
 */

export const PDF_MAX_PAGES = 300;

const NOT_PDF = 'Tệp không phải PDF hợp lệ hoặc đã bị hỏng. Hãy mở tệp và lưu lại, hoặc dán nội dung vào ô văn bản.';
const ENCRYPTED =
  'Tệp PDF được đặt mật khẩu hoặc mã hóa nên không đọc được. Hãy gỡ mật khẩu (hoặc in ra PDF mới) rồi tải lên lại.';
const SCANNED =
  'Tệp PDF không có lớp chữ (thường là bản scan hoặc ảnh chụp) nên không đọc được nội dung. Hãy tải lên bản .docx hoặc PDF xuất từ Word, hoặc dán nội dung văn bản vào ô trên.';
const TOO_MANY_PAGES = `Tệp PDF quá dài: tối đa ${PDF_MAX_PAGES} trang. Hãy tách phần nhiệm vụ ra tệp riêng.`;

/** One positioned piece of text, as PDF.js gives it (only what the layout needs). */
export type PdfPiece = { str: string; x: number; y: number; width: number; height: number };

/** Pieces of one page grouped into lines (same baseline within half a line), top to bottom, left to right. */
function pageLines(pieces: readonly PdfPiece[]): PdfPiece[][] {
  const sorted = pieces.filter((p) => p.str.trim() !== '').sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: PdfPiece[][] = [];
  for (const piece of sorted) {
    const line = lines[lines.length - 1];
    const head = line?.[0];
    const tolerance = Math.max(2, (head?.height || piece.height || 10) / 2);
    if (line && head && Math.abs(head.y - piece.y) <= tolerance) line.push(piece);
    else lines.push([piece]);
  }
  for (const line of lines) line.sort((a, b) => a.x - b.x);
  return lines;
}

/** Median of a non-empty list. */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * A page's lines in reading order when the page is set in two columns of prose: without this, the
 * left column's line and the right column's line on the same baseline were joined into one line
 * ("…the first half of a sentence \t the middle of another…").
 *
 * The gutter is a vertical band that the lines' wide gaps (two ems or more) share: the x, among
 * the middles of those gaps in the page's middle half, that the most lines split at. It is taken
 * as a gutter only when at least four lines and a quarter of the page's lines split there, no more
 * lines cross it than split at it, and the split lines look like columns of running text: most of
 * their left parts end near one right edge (justified or filled) and most of their right parts
 * start at one left edge. A document header (issuer | national motto, centred in each half) or a
 * table does not pass. Lines that cross the gutter (a title across the page) are kept in place:
 * the column lines between two such lines are written left column first, then the right column.
 */
export function columnOrder(lines: readonly PdfPiece[][]): PdfPiece[][] {
  const em = median(lines.flat().map((p) => p.height || 10)) || 10;
  const left = Math.min(...lines.flat().map((p) => p.x));
  const right = Math.max(...lines.flat().map((p) => p.x + p.width));
  const candidates: number[] = [];
  for (const line of lines) {
    const parts = runs(line, 2);
    for (let i = 1; i < parts.length; i++) {
      const middle = (parts[i - 1]!.end + parts[i]!.x) / 2;
      if (middle > left + (right - left) / 4 && middle < right - (right - left) / 4) candidates.push(middle);
    }
  }
  let best: { x: number; split: number } | null = null;
  for (const x of candidates) {
    const split = lines.filter((line) => splits(line, x)).length;
    if (!best || split > best.split) best = { x, split };
  }
  if (!best || best.split < 4 || best.split < lines.length / 4) return [...lines];
  const x = best.x;
  const crossing = lines.filter((line) => line.some((p) => p.x < x && p.x + p.width > x)).length;
  if (crossing > best.split) return [...lines];
  const splitLines = lines.filter((line) => splits(line, x));
  const leftEnds = splitLines.map((line) =>
    Math.max(...line.filter((p) => p.x + p.width <= x).map((p) => p.x + p.width)),
  );
  const rightStarts = splitLines.map((line) => Math.min(...line.filter((p) => p.x >= x).map((p) => p.x)));
  const edge = Math.max(...leftEnds);
  const start = Math.min(...rightStarts);
  const filled = leftEnds.filter((e) => edge - e <= 3 * em).length;
  const aligned = rightStarts.filter((s) => s - start <= em).length;
  if (filled < splitLines.length * 0.6 || aligned < splitLines.length * 0.6) return [...lines];
  const out: PdfPiece[][] = [];
  let leftColumn: PdfPiece[][] = [];
  let rightColumn: PdfPiece[][] = [];
  const flush = () => {
    out.push(...leftColumn, ...rightColumn);
    leftColumn = [];
    rightColumn = [];
  };
  for (const line of lines) {
    if (line.some((p) => p.x < x && p.x + p.width > x)) {
      flush();
      out.push(line);
      continue;
    }
    const l = line.filter((p) => p.x + p.width <= x);
    const r = line.filter((p) => p.x >= x);
    if (l.length) leftColumn.push(l);
    if (r.length) rightColumn.push(r);
  }
  flush();
  return out;
}

/** The line has text on both sides of `x` and none across it. */
function splits(line: readonly PdfPiece[], x: number): boolean {
  return (
    line.some((p) => p.x + p.width <= x) &&
    line.some((p) => p.x >= x) &&
    !line.some((p) => p.x < x && p.x + p.width > x)
  );
}

/** Pieces joined into runs: a gap wider than `em` ems starts a new run. */
function runs(line: readonly PdfPiece[], em: number): { text: string; x: number; end: number }[] {
  const out: { text: string; x: number; end: number }[] = [];
  for (const p of line) {
    const last = out[out.length - 1];
    const size = p.height || 10;
    if (last && p.x - last.end <= size * em) {
      last.text += p.x - last.end > size * 0.15 && !/\s$/.test(last.text) && !/^\s/.test(p.str) ? ` ${p.str}` : p.str;
      last.end = Math.max(last.end, p.x + p.width);
    } else out.push({ text: p.str, x: p.x, end: p.x + p.width });
  }
  return out.map((r) => ({ ...r, text: r.text.replace(/[ \u00a0]+/g, ' ').trim() }));
}

/**
 * Pages of pieces → lines of text in reading order.
 *
 * Tables: a line that reads as a task-table header (detectHeader: "TT | Nội dung | Cơ quan chủ
 * trì | …") fixes the column boundaries, halfway between one header cell's end and the next one's
 * start (so a centred header still bounds left-aligned cells). Each later line puts every piece
 * into the column it starts in and is written as one tab-separated row; a line whose cells wrapped
 * gives a row with an empty number cell, which the parser joins to the row above. A line that
 * starts in the first column and runs across the second ("II. TRIỂN KHAI …", text after the table)
 * is plain text. Outside tables a gap wider than two characters is a tab, a smaller one a space.
 */
export function pdfLines(pages: readonly (readonly PdfPiece[])[]): string[] {
  const out: string[] = [];
  let bounds: number[] | null = null;
  // The last table row written, while the next line may still continue it.
  let previous: string[] | null = null;
  for (const pieces of pages) {
    const lines = pageLines(pieces);
    // A page with a task table keeps its rows (the table reader below); otherwise two columns of
    // prose are read one after the other.
    const hasTable = lines.some((line) => {
      const cells = runs(line, 0.8);
      return cells.length >= 3 && detectHeader(cells.map((c) => c.text).join('\t'));
    });
    for (const line of hasTable || bounds || lines.length === 0 ? lines : columnOrder(lines)) {
      const cells = runs(line, 0.8);
      const asRow = cells.map((c) => c.text).join('\t');
      if (cells.length >= 3 && detectHeader(asRow)) {
        bounds = cells.slice(1).map((c, i) => (cells[i]!.end + c.x) / 2);
        previous = null;
        out.push(asRow);
        continue;
      }
      const first = line[0];
      const spans =
        first && bounds && bounds[1] !== undefined && first.x < bounds[0]! && first.x + first.width > bounds[1];
      if (bounds && !spans) {
        const onlyFirst = line.every((p) => p.x < bounds![0]! - 1);
        if (
          onlyFirst &&
          !/^\d{1,3}\.?$/.test(
            line
              .map((p) => p.str)
              .join('')
              .trim(),
          )
        ) {
          previous = null;
          out.push(
            runs(line, 2)
              .map((r) => r.text)
              .join(' '),
          );
          continue;
        }
        const row: string[] = Array.from({ length: bounds.length + 1 }, () => '');
        // Words a word's space apart are one run, placed by where it starts: a cell's line that runs
        // past the header's midpoint stays in its cell (OCR gives one piece per word).
        for (const r of runs(line, 0.5)) {
          let col = 0;
          while (col < bounds.length && r.x >= bounds[col]! - 1) col += 1;
          row[col] = row[col] ? `${row[col]} ${r.text}` : r.text;
        }
        const cells = row.map((c) => c.replace(/\s+/g, ' ').trim());
        // A cell that wrapped: no number in the first column. Joined to the row above here, with a
        // space (a PDF line break inside a cell is only a wrap).
        if (cells[0] === '' && previous) {
          cells.forEach((c, i) => {
            if (c) previous![i] = previous![i] ? `${previous![i]} ${c}` : c;
          });
          out[out.length - 1] = previous.join('\t');
        } else {
          previous = cells;
          out.push(cells.join('\t'));
        }
        continue;
      }
      previous = null;
      out.push(
        runs(line, 2)
          .map((r) => r.text)
          .join('\t'),
      );
    }
  }
  return out;
}

export type PdfLimits = {
  maxInflatedBytes: number;
  maxReadMs: number;
  maxTextChars: number;
  /** Heap of the reading thread (V8's old generation), in MB. */
  maxHeapMb: number;
  /** Test only: the reading thread loops forever (a PDF.js step that never yields). */
  spin?: boolean;
  /** Scanned pages are read by OCR (false: refused with the SCANNED message). */
  ocr: boolean;
  maxOcrMs: number;
  maxOcrPages: number;
  /** Growth of the server's resident memory allowed while OCR runs, in MB. */
  maxOcrGrowthMb: number;
  minOcrConfidence: number;
};

const LIMITS: PdfLimits = {
  maxInflatedBytes: PDF_MAX_INFLATED_BYTES,
  maxReadMs: PDF_MAX_READ_MS,
  maxTextChars: PDF_MAX_TEXT_CHARS,
  maxHeapMb: PDF_MAX_HEAP_MB,
  ocr: true,
  maxOcrMs: OCR_MAX_MS,
  maxOcrPages: OCR_MAX_PAGES,
  maxOcrGrowthMb: OCR_MAX_GROWTH_MB,
  minOcrConfidence: OCR_MIN_CONFIDENCE,
};

/** What the reading thread read: each page's pieces, and which pages were scans read by OCR. */
export type PdfPages = { pages: PdfPiece[][]; ocrPages: number[]; ocrConfidence?: number };

const REFUSALS = {
  ENCRYPTED,
  NOT_PDF,
  TOO_MANY_PAGES,
  TOO_MUCH_TEXT: PDF_TOO_MUCH_TEXT,
  TOO_MANY_SCANNED: OCR_TOO_MANY_PAGES,
  UNREADABLE_SCAN: OCR_UNREADABLE,
  OCR_FAILED,
} as const;

type WorkerAnswer = PdfPages | { refused: keyof typeof REFUSALS } | { ocrStarting: number };

/**
 * The text pieces of every page, read by PDF.js in a worker thread with a heap limit. The thread is
 * terminated when `maxReadMs` runs out, whatever it is doing (PDF.js decodes a stream or runs a
 * page's operators in one synchronous step, which no timer in this thread could interrupt), and
 * V8 ends it when its heap passes `maxHeapMb`. When the thread says it starts OCR on scanned pages,
 * the time limit becomes `maxOcrMs` from then, and the server's resident memory is sampled: the
 * thread (with Tesseract's nested thread) is terminated when it grows past `maxOcrGrowthMb`.
 * Each ending is a Vietnamese refusal.
 */
function readPdfPages(bytes: Uint8Array, bound: PdfLimits): Promise<PdfPages> {
  return new Promise((resolve, reject) => {
    // The thread's script (see its header) is found from the working directory: the project's
    // folder under `next start`, `next dev` and the tests, the standalone server's folder (server.js
    // changes to it; next.config.js copies the script there). Not bundled: plain ESM, run as is.
    // So is the Vietnamese OCR model (npm @tesseract.js-data/vie, read from disk).
    const cwd = /*turbopackIgnore: true*/ process.cwd();
    const script = path.join(cwd, 'lib/documents/pdf-worker.mjs');
    const worker = new Worker(script, {
      // A copy: the upload's buffer stays the caller's.
      workerData: {
        bytes: new Uint8Array(bytes),
        maxPages: PDF_MAX_PAGES,
        maxTextChars: bound.maxTextChars,
        spin: bound.spin,
        ocr: bound.ocr
          ? {
              langPath: path.join(cwd, 'node_modules/@tesseract.js-data/vie/4.0.0_best_int'),
              maxPages: bound.maxOcrPages,
              dpi: OCR_DPI,
              maxPixels: OCR_MAX_PIXELS,
              minConfidence: bound.minOcrConfidence,
            }
          : null,
      },
      resourceLimits: { maxOldGenerationSizeMb: bound.maxHeapMb, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 },
      stdout: true,
      stderr: true,
    });
    let settled = false;
    let memoryWatch: NodeJS.Timeout | undefined;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(memoryWatch);
      outcome();
      void worker.terminate();
    };
    let timer = setTimeout(() => finish(() => reject(new AppError(PDF_TOO_SLOW))), Math.max(0, bound.maxReadMs));
    worker.on('message', (answer: WorkerAnswer) => {
      if ('ocrStarting' in answer) {
        clearTimeout(timer);
        timer = setTimeout(() => finish(() => reject(new AppError(OCR_TOO_SLOW))), Math.max(0, bound.maxOcrMs));
        const before = process.memoryUsage.rss();
        memoryWatch = setInterval(() => {
          const grown = (process.memoryUsage.rss() - before) / 1024 / 1024;
          if (grown > bound.maxOcrGrowthMb) {
            log().warn({ grownMb: Math.round(grown) }, 'PDF OCR passed its memory bound');
            finish(() => reject(new AppError(OCR_TOO_HEAVY)));
          }
        }, 100);
        log().info({ pages: answer.ocrStarting }, 'PDF OCR of scanned pages');
        return;
      }
      finish(() => ('pages' in answer ? resolve(answer) : reject(new AppError(REFUSALS[answer.refused]))));
    });
    worker.once('error', (error: Error & { code?: string }) =>
      finish(() => {
        if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
          log().warn({ code: error.code }, 'PDF reading thread ran out of memory');
          reject(new AppError(PDF_TOO_HEAVY));
        } else {
          log().warn({ code: error.code, name: error.name }, 'PDF reading thread failed');
          reject(new AppError(NOT_PDF));
        }
      }),
    );
    worker.once('exit', () => finish(() => reject(new AppError(NOT_PDF))));
  });
}

/** A PDF's text; `ocrPages`: the pages (from 1) that were scans read by OCR, to be checked by a person. */
export type PdfText = { text: string; ocrPages: number[]; ocrConfidence?: number };

/** The text of a PDF, or an AppError with a Vietnamese message. `limits` is for tests. */
export async function readPdf(bytes: Uint8Array, limits: Partial<PdfLimits> = {}): Promise<PdfText> {
  const bound = { ...LIMITS, ...limits };
  if (!(bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46)) throw new AppError(NOT_PDF);
  if (inflatedSize(bytes, bound.maxInflatedBytes) === 'TOO_LARGE') throw new AppError(PDF_TOO_LARGE_INFLATED);
  const { pages, ocrPages, ocrConfidence } = await readPdfPages(bytes, bound);
  const text = pdfLines(pages).join('\n');
  if (text.replace(/\s/g, '').length < 20) throw new AppError(ocrPages.length > 0 ? OCR_UNREADABLE : SCANNED);
  return { text, ocrPages, ocrConfidence };
}

/** The text of a PDF (scanned pages read by OCR), or an AppError with a Vietnamese message. */
export async function extractPdfText(bytes: Uint8Array, limits: Partial<PdfLimits> = {}): Promise<string> {
  return (await readPdf(bytes, limits)).text;
}
