// @ts-check
/**
 * Runs PDF.js on one uploaded PDF inside a worker thread (started by readPdfPages in pdf.ts), so
 * that the server can end it: the parent terminates this thread when the reading time is used up
 * (even in the middle of a step that never yields) and V8 ends it when its heap passes the
 * thread's resourceLimits. Plain JavaScript on purpose: the same file runs under `next start`,
 * the standalone server and the tests, without a bundler or a TypeScript loader.
 *
 * Input (workerData): { bytes: Uint8Array, maxPages: number, maxTextChars: number, spin?: boolean }.
 * Output (one message): { pages } — per page its text pieces { str, x, y, width, height } —
 * or { refused: 'ENCRYPTED' | 'NOT_PDF' | 'TOO_MANY_PAGES' | 'TOO_MUCH_TEXT' }.
 * `spin` is a test-only switch (set only by tests through pdf.ts's `limits` argument, never from a
 * file's content): the thread loops forever, standing in for a PDF.js step that never yields.
 */
import { parentPort, workerData } from 'node:worker_threads';

/** @param {Record<string, unknown>} message */
function send(message) {
  parentPort?.postMessage(message);
}

async function main() {
  const { bytes, maxPages, maxTextChars, spin } = workerData;
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
      page.cleanup();
    }
  } catch {
    send({ refused: 'NOT_PDF' });
    return;
  }
  send({ pages });
}

main().catch(() => send({ refused: 'NOT_PDF' }));
