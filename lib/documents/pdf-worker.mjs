// @ts-check
/**
 * Runs PDF.js on one uploaded PDF inside a worker thread (started by readPdfPages in pdf.ts), so
 * that the server can end it: the parent terminates this thread when the reading time is used up
 * (even in the middle of a step that never yields) and V8 ends it when its heap passes the
 * thread's resourceLimits. Plain JavaScript on purpose: the same file runs under `next start`,
 * the standalone server and the tests, without a bundler or a TypeScript loader.
 *
 * Input (workerData): { bytes: Uint8Array, maxPages: number, maxTextChars: number, spin?: boolean,
 *   ocr: null | { langPath: string, maxPages: number, dpi: number, maxPixels: number, minConfidence: number } }.
 * Output: { pages, ocrPages, ocrConfidence? } — per page its text pieces { str, x, y, width, height }, and the
 * numbers of the pages read by OCR — or { refused: 'ENCRYPTED' | 'NOT_PDF' | 'TOO_MANY_PAGES' |
 * 'TOO_MUCH_TEXT' | 'TOO_MANY_SCANNED' | 'UNREADABLE_SCAN' | 'OCR_FAILED' }. Before OCR starts it sends
 * { ocrStarting: n } so that the parent gives the thread the OCR time limit instead of the text one.
 *
 * OCR (scanned pages): a page whose text layer has fewer than MIN_PAGE_CHARS letters is drawn by
 * PDF.js on a canvas (@napi-rs/canvas, PDF.js's own optional dependency for Node) at `dpi`, capped
 * at `maxPixels`, and read by tesseract.js (Tesseract compiled to WebAssembly, in its own nested
 * thread, which ends with this one) with the Vietnamese model shipped by the npm package
 * @tesseract.js-data/vie, read from disk: no network. Each recognised word becomes a piece in the
 * page's coordinates (y of its line's bottom), so the layout step (pdf.ts) orders it like text.
 * `spin` is a test-only switch (set only by tests through pdf.ts's `limits` argument, never from a
 * file's content): the thread loops forever, standing in for a PDF.js step that never yields.
 */
import { parentPort, workerData } from 'node:worker_threads';

/** @param {Record<string, unknown>} message */
function send(message) {
  parentPort?.postMessage(message);
}

/** Letters a page's text layer must have to be read as text; fewer: the page is a scan. */
const MIN_PAGE_CHARS = 20;

/**
 * The words of one scanned page as pieces in PDF coordinates, and their mean confidence (0–100).
 * @param {any} page a PDF.js page
 * @param {any} doc the PDF.js document (its canvas factory)
 * @param {any} tesseract a tesseract.js worker
 * @param {{ dpi: number, maxPixels: number }} ocr
 */
async function ocrPage(page, doc, tesseract, ocr) {
  const base = page.getViewport({ scale: 1 });
  const scale = Math.min(ocr.dpi / 72, Math.sqrt(ocr.maxPixels / (base.width * base.height)));
  const viewport = page.getViewport({ scale });
  const { canvas, context } = doc.canvasFactory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  await page.render({ canvasContext: context, canvas, viewport }).promise;
  const png = canvas.toBuffer('image/png');
  doc.canvasFactory.destroy({ canvas, context });
  const { data } = await tesseract.recognize(png, {}, { text: false, blocks: true });
  const pieces = [];
  let confidence = 0;
  for (const block of data.blocks ?? [])
    for (const paragraph of block.paragraphs)
      for (const line of paragraph.lines) {
        const bottom = line.bbox.y1;
        const height = (line.bbox.y1 - line.bbox.y0) / scale;
        for (const word of line.words) {
          if (word.text.trim() === '') continue;
          confidence += word.confidence;
          pieces.push({
            str: word.text,
            x: word.bbox.x0 / scale,
            y: base.height - bottom / scale,
            width: (word.bbox.x1 - word.bbox.x0) / scale,
            height,
          });
        }
      }
  return { pieces, confidence: pieces.length ? confidence / pieces.length : 0 };
}

async function main() {
  const { bytes, maxPages, maxTextChars, spin, ocr } = workerData;
  if (spin) for (;;);
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({
    data: bytes,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  let doc;
  try {
    doc = await task.promise;
  } catch (error) {
    send({ refused: error instanceof Error && error.name === 'PasswordException' ? 'ENCRYPTED' : 'NOT_PDF' });
    return;
  }
  if (doc.numPages > maxPages) {
    send({ refused: 'TOO_MANY_PAGES' });
    return;
  }
  const pages = [];
  /** @type {number[]} */
  const scanned = [];
  let chars = 0;
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const pieces = [];
      for (const item of content.items) {
        if (!('str' in item) || typeof item.str !== 'string' || !item.transform) continue;
        chars += item.str.length;
        if (chars > maxTextChars) {
          send({ refused: 'TOO_MUCH_TEXT' });
          return;
        }
        pieces.push({
          str: item.str,
          x: item.transform[4] ?? 0,
          y: item.transform[5] ?? 0,
          width: item.width ?? 0,
          height: item.height || Math.abs(item.transform[3] ?? 0),
        });
      }
      pages.push(pieces);
      if (pieces.reduce((n, p) => n + p.str.replace(/\s/g, '').length, 0) < MIN_PAGE_CHARS) scanned.push(n);
      page.cleanup();
    }
  } catch {
    send({ refused: 'NOT_PDF' });
    return;
  }
  if (!ocr || scanned.length === 0) {
    send({ pages, ocrPages: [] });
    return;
  }
  if (scanned.length > ocr.maxPages) {
    send({ refused: 'TOO_MANY_SCANNED' });
    return;
  }
  send({ ocrStarting: scanned.length });
  let words = 0;
  let sum = 0;
  /** @type {any} */
  let tesseract = null;
  try {
    const { createWorker, OEM } = await import('tesseract.js');
    tesseract = await createWorker('vie', OEM.LSTM_ONLY, { langPath: ocr.langPath, gzip: true, cacheMethod: 'none' });
    for (const n of scanned) {
      const { pieces, confidence } = await ocrPage(await doc.getPage(n), doc, tesseract, ocr);
      pages[n - 1] = pieces;
      words += pieces.length;
      sum += confidence * pieces.length;
    }
  } catch {
    send({ refused: 'OCR_FAILED' });
    return;
  } finally {
    await tesseract?.terminate().catch(() => {});
  }
  if (words === 0 || sum / words < ocr.minConfidence) {
    send({ refused: 'UNREADABLE_SCAN' });
    return;
  }
  send({ pages, ocrPages: scanned, ocrConfidence: Math.round(sum / words) });
}

main().catch(() => send({ refused: 'NOT_PDF' }));
