import { constants, inflateSync } from 'node:zlib';

/**
 * Bounds on what reading an uploaded PDF may cost, checked before and while PDF.js reads it.
 *
 * A PDF keeps its page contents, fonts and object lists in compressed streams (almost always
 * /FlateDecode). A hostile file can compress hundreds of megabytes of nothing into a few kilobytes
 * (a "decompression bomb"); PDF.js would expand it in memory while looking for text. So the
 * streams are inflated once here first, each with zlib's output cap, and a file whose streams
 * would expand past PDF_MAX_INFLATED_BYTES in total is refused before PDF.js sees it. The check
 * reads the file linearly (it holds at most the 8 MB upload) and keeps no inflated data.
 *
 * Streams with other filters (LZW, run length, images) are left to the reading thread's bounds
 * (pdf.ts): its time (PDF_MAX_READ_MS, then the thread is terminated), its heap (PDF_MAX_HEAP_MB)
 * and the text it may give (PDF_MAX_TEXT_CHARS).
 */

/** Total size the compressed streams of one PDF may expand to: a 300-page text plan is far below. */
export const PDF_MAX_INFLATED_BYTES = 64 * 1024 * 1024;
/** Time PDF.js may spend reading the pages' text: its thread is terminated then (pdf.ts). */
export const PDF_MAX_READ_MS = 20_000;
/** Characters of text a PDF may give: twice the import's 1 MB source limit. */
export const PDF_MAX_TEXT_CHARS = 2_000_000;

/** Heap of the thread PDF.js reads in: a 300-page text plan needs well under a tenth of it. */
export const PDF_MAX_HEAP_MB = 256;

export const PDF_TOO_LARGE_INFLATED =
  'Tệp PDF có dữ liệu nén bất thường (khi giải nén vượt quá 64 MB) nên không được đọc. Hãy in lại văn bản ra PDF mới, tải lên bản .docx hoặc dán nội dung vào ô văn bản.';
export const PDF_TOO_SLOW =
  'Tệp PDF quá phức tạp, đọc quá 20 giây chưa xong nên đã dừng. Hãy tải lên bản .docx hoặc dán nội dung văn bản vào ô trên.';
export const PDF_TOO_HEAVY =
  'Tệp PDF cần quá nhiều bộ nhớ để đọc nên đã dừng. Hãy in lại văn bản ra PDF mới, tải lên bản .docx hoặc dán nội dung văn bản vào ô trên.';
export const PDF_TOO_MUCH_TEXT =
  'Tệp PDF có quá nhiều chữ (hơn 2 triệu ký tự). Hãy tách phần nhiệm vụ ra tệp riêng rồi tải lên.';

const STREAM = Buffer.from('stream');
const END_STREAM = Buffer.from('endstream');
const END_OBJ = Buffer.from('endobj');

/**
 * Bytes the /FlateDecode streams of the file expand to, counted up to `limit`; 'TOO_LARGE' as soon
 * as the total would pass it. Damaged streams count what they give (PDF.js reads them the same way).
 */
export function inflatedSize(bytes: Uint8Array, limit = PDF_MAX_INFLATED_BYTES): number | 'TOO_LARGE' {
  const file = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  let from = 0;
  for (let at = file.indexOf(STREAM, from); at >= 0; at = file.indexOf(STREAM, from)) {
    from = at + STREAM.length;
    // "endstream" contains "stream": skip it.
    if (at >= 3 && file.toString('latin1', at - 3, at) === 'end') continue;
    // The stream's dictionary ends right before the keyword and starts after the previous object
    // ends (or at most 64 KB back): look there for its filter.
    const floor = Math.max(0, at - 65_536, file.lastIndexOf(END_STREAM, at - 1), file.lastIndexOf(END_OBJ, at - 1));
    if (!/\/FlateDecode|\/Fl\b/.test(file.toString('latin1', floor, at))) continue;
    let start = from;
    if (file[start] === 0x0d) start += 1;
    if (file[start] === 0x0a) start += 1;
    const end = file.indexOf(END_STREAM, start);
    const data = file.subarray(start, end >= 0 ? end : file.length);
    from = end >= 0 ? end + END_STREAM.length : file.length;
    const room = limit - total;
    try {
      total += inflateSync(data, { maxOutputLength: room + 1, finishFlush: constants.Z_SYNC_FLUSH }).length;
    } catch (error) {
      if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
        return 'TOO_LARGE';
      // A damaged or encrypted stream: PDF.js decides what to make of it.
      continue;
    }
    if (total > limit) return 'TOO_LARGE';
  }
  return total;
}

/**
 * OCR of scanned pages (pages without a text layer), in the same reading thread (pdf-worker.mjs):
 * at most OCR_MAX_PAGES pages, drawn at OCR_DPI (at most OCR_MAX_PIXELS pixels a page), read in at
 * most OCR_MAX_MS in all (then the thread and Tesseract's nested thread are terminated). Tesseract
 * runs in WebAssembly, whose memory is outside the thread's heap limit: the server's resident
 * memory is watched while OCR runs, and the thread is ended when it grows by more than
 * OCR_MAX_GROWTH_MB. A scan whose words average under OCR_MIN_CONFIDENCE (Tesseract's 0–100) is
 * refused as unreadable rather than shown as a grid of noise.
 */
export const OCR_MAX_PAGES = 10;
export const OCR_MAX_MS = 120_000;
export const OCR_DPI = 200;
export const OCR_MAX_PIXELS = 6_000_000;
export const OCR_MAX_GROWTH_MB = 768;
export const OCR_MIN_CONFIDENCE = 50;

export const OCR_TOO_MANY_PAGES = `Tệp PDF có hơn ${OCR_MAX_PAGES} trang scan (không có lớp chữ): hệ thống chỉ nhận dạng chữ (OCR) tối đa ${OCR_MAX_PAGES} trang. Hãy tách phần nhiệm vụ ra tệp riêng, tải lên bản .docx hoặc dán nội dung văn bản vào ô trên.`;
export const OCR_UNREADABLE =
  'Bản scan không đọc được: chữ quá mờ, nghiêng hoặc không có chữ nên nhận dạng (OCR) không tin cậy. Hãy scan lại rõ hơn (thẳng trang, 300 dpi), tải lên bản .docx hoặc dán nội dung văn bản vào ô trên.';
export const OCR_FAILED =
  'Không nhận dạng được chữ trong bản scan (lỗi OCR). Hãy tải lên bản .docx hoặc PDF xuất từ Word, hoặc dán nội dung văn bản vào ô trên.';
export const OCR_TOO_SLOW = `Nhận dạng chữ bản scan (OCR) quá ${OCR_MAX_MS / 60_000} phút chưa xong nên đã dừng. Hãy tải lên bản .docx hoặc dán nội dung văn bản vào ô trên.`;
export const OCR_TOO_HEAVY =
  'Nhận dạng chữ bản scan (OCR) cần quá nhiều bộ nhớ nên đã dừng. Hãy scan lại với độ phân giải thấp hơn, tải lên bản .docx hoặc dán nội dung văn bản vào ô trên.';
