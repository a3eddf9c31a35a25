import { AppError } from '../errors';

const NOT_UTF8 =
  'Tệp .txt không ở bảng mã UTF-8 (có thể là TCVN3 hoặc VNI). Hãy mở tệp, chọn Lưu thành… với bảng mã UTF-8, rồi tải lên lại; hoặc dán nội dung vào ô văn bản.';

/** A .txt file's text: UTF-8 (with or without BOM) or UTF-16 with its BOM; anything else is refused. */
export function decodeTextFile(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new AppError(NOT_UTF8);
  }
}
