import 'server-only';
import { AppError } from '../errors';
import { extractDocxText } from './docx';
import { readPdf } from './pdf';
import { decodeTextFile } from './text-file';

/**
 * Document readers: an uploaded file → its text, for the directive import. One home for what a
 * file may be and how it is read; every refusal is an AppError with a Vietnamese message.
 *
 * - .txt, .htm, .html: decoded (UTF-8, or UTF-16 with a BOM); the parser reads HTML's text.
 * - .docx: Word's paragraphs with their automatic numbering and its tables as tables (docx.ts).
 * - .pdf: the text layer in reading order (pdf.ts); scanned pages read by OCR (Vietnamese,
 *   offline), their numbers returned so that the review marks what came from them.
 */

export const ACCEPTED_EXTENSIONS = ['.txt', '.htm', '.html', '.docx', '.pdf'] as const;

const WRONG_TYPE = 'Chỉ nhận tệp văn bản .txt, tài liệu Word .docx hoặc PDF (.pdf).';
const OLD_DOC = 'Tệp Word 97–2003 (.doc) chưa được hỗ trợ. Hãy lưu lại dưới dạng .docx rồi tải lên.';
const IMAGE =
  'Tệp ảnh không đọc được thành văn bản. Hãy tải lên bản .docx hoặc PDF xuất từ Word, hoặc dán nội dung văn bản vào ô trên.';

export type UploadedDocument = { name: string; bytes: Uint8Array };

/** A document's text; `ocrPages`: the pages (from 1) of a PDF that were scans read by OCR. */
export type DocumentText = { text: string; ocrPages: number[] };

/** The text of an uploaded document, by its extension (the readers check the content too). */
export async function readUploadedDocument({ name, bytes }: UploadedDocument): Promise<DocumentText> {
  const lower = name.toLowerCase();
  if (lower.endsWith('.docx')) return { text: await extractDocxText(bytes), ocrPages: [] };
  if (lower.endsWith('.pdf')) {
    const { text, ocrPages } = await readPdf(bytes);
    return { text, ocrPages };
  }
  if (lower.endsWith('.txt') || lower.endsWith('.htm') || lower.endsWith('.html'))
    return { text: decodeTextFile(bytes), ocrPages: [] };
  if (lower.endsWith('.doc')) throw new AppError(OLD_DOC);
  if (/\.(?:png|jpe?g|gif|bmp|tiff?|webp|heic)$/.test(lower)) throw new AppError(IMAGE);
  throw new AppError(WRONG_TYPE);
}

/** The text alone (readers that need no provenance). */
export async function readDocument(file: UploadedDocument): Promise<string> {
  return (await readUploadedDocument(file)).text;
}
