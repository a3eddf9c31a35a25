/**
 * Tài liệu kiểm chứng (evidence files): the limits, the accepted types and safe file names, shared
 * by the browser (early hints, the file picker's accept list) and the server (the checks that
 * count). A file's type is decided by its bytes, never by the name or the browser's MIME type.
 * No zod here: the upload form imports this file, and zod stays out of the browser's bundles
 * (the request fields' schemas are in evidence-input.ts).
 */

export const EVIDENCE_LIMITS = {
  /** 20 MB per file. */
  maxBytes: 20 * 1024 * 1024,
  maxFilesPerReport: 10,
  /** Characters of a stored file name, extension included. */
  maxFileNameLength: 120,
} as const;

export const EVIDENCE_MESSAGES = {
  tooLarge: 'Tệp vượt quá 20 MB.',
  empty: 'Tệp rỗng: hãy chọn lại tệp.',
  notAccepted: 'Loại tệp không được chấp nhận: chỉ nhận PDF, Word, Excel, OpenDocument, ảnh JPG/PNG và ZIP.',
  mismatch: (ext: string) => `Nội dung tệp không khớp với phần mở rộng .${ext}.`,
  tooMany: `Mỗi báo cáo chỉ đính kèm tối đa ${EVIDENCE_LIMITS.maxFilesPerReport} tệp.`,
  noFile: 'Chọn một tệp để tải lên.',
} as const;

type AcceptedType = {
  /** What file-type reports for such content. */
  detected: readonly string[];
  /** The MIME type stored and served: ours, never the browser's. */
  mime: string;
  /** Old Office files are all "cfb" to file-type; the stream a Word or Excel file must contain. */
  cfbStreams?: readonly string[];
};

/**
 * Accepted extensions and the content each must have. Verified against file-type 21: OOXML and
 * OpenDocument zips are reported as docx/xlsx/odt/ods (from [Content_Types].xml or the "mimetype"
 * entry); a macro-enabled .docm renamed .docx is reported as docm and refused; a plain zip stays
 * "zip". Illustrator files are PDFs and APNG files are PNGs, so they pass as such.
 */
const ACCEPTED = {
  pdf: { detected: ['pdf', 'ai'], mime: 'application/pdf' },
  doc: { detected: ['cfb'], mime: 'application/msword', cfbStreams: ['WordDocument'] },
  xls: { detected: ['cfb'], mime: 'application/vnd.ms-excel', cfbStreams: ['Workbook', 'Book'] },
  docx: { detected: ['docx'], mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  xlsx: { detected: ['xlsx'], mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  odt: { detected: ['odt'], mime: 'application/vnd.oasis.opendocument.text' },
  ods: { detected: ['ods'], mime: 'application/vnd.oasis.opendocument.spreadsheet' },
  jpg: { detected: ['jpg'], mime: 'image/jpeg' },
  jpeg: { detected: ['jpg'], mime: 'image/jpeg' },
  png: { detected: ['png', 'apng'], mime: 'image/png' },
  zip: { detected: ['zip'], mime: 'application/zip' },
} as const satisfies Record<string, AcceptedType>;

type AcceptedExtension = keyof typeof ACCEPTED;

function isAccepted(ext: string | null): ext is AcceptedExtension {
  return ext !== null && Object.prototype.hasOwnProperty.call(ACCEPTED, ext);
}

/**
 * For `<input type="file" accept>`: extensions for desktop pickers, MIME types so phones offer the
 * camera and photo library (iOS then hands over JPEG rather than HEIC).
 */
export const EVIDENCE_ACCEPT = [
  ...Object.keys(ACCEPTED).map((ext) => `.${ext}`),
  ...new Set(Object.values(ACCEPTED).map((t) => t.mime)),
].join(',');

// ───────────────────────────── Safe file names ─────────────────────────────

/** Control, format (bidi overrides, zero-width) and line/paragraph separators: invisible or spoofing. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
/** Unsafe in a quoted Content-Disposition value or in a file name on Windows. */
const UNSAFE = /["*:<>?|]/g;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;
const FALLBACK_BASE = 'tai-lieu';

/** The lower-case extension of a name ("Báo cáo.PDF" → "pdf"), or null. */
export function extensionOf(fileName: string): string | null {
  const dot = fileName.lastIndexOf('.');
  if (dot <= 0 || dot === fileName.length - 1) return null;
  const ext = fileName.slice(dot + 1).toLowerCase();
  return /^[a-z0-9]{1,10}$/.test(ext) ? ext : null;
}

/**
 * A file name that is safe to store and to send back in a header: Vietnamese letters kept (NFC,
 * so "ế" typed on a Mac or in Windows compare equal), path parts, invisible and unsafe characters
 * removed, at most `maxFileNameLength` characters with the extension kept.
 */
export function safeFileName(raw: string): string {
  // toWellFormed replaces lone surrogates (they cannot be encoded); older phones lack it.
  const wellFormed = typeof raw.toWellFormed === 'function' ? raw.toWellFormed() : raw;
  const cleaned = (wellFormed.normalize('NFC').split(/[/\\]/).pop() ?? '')
    .replace(INVISIBLE, '')
    .replace(UNSAFE, '_')
    .replace(/\s+/g, ' ')
    // Leading dots hide files; trailing dots and spaces are dropped by Windows when saving.
    .replace(/^[\s.]+|[\s.]+$/g, '');
  const ext = extensionOf(cleaned);
  let base = ext ? cleaned.slice(0, -(ext.length + 1)).trimEnd() : cleaned;
  if (!base) base = FALLBACK_BASE;
  if (WINDOWS_RESERVED.test(base)) base = `_${base}`;
  const room = EVIDENCE_LIMITS.maxFileNameLength - (ext ? ext.length + 1 : 0);
  // Cut by code points, not UTF-16 units, so no character is split in half.
  const capped = Array.from(base).slice(0, room).join('').trimEnd();
  return ext ? `${capped}.${cleaned.slice(-ext.length)}` : capped;
}

/** An ASCII stand-in for old clients: "Biên bản họp.pdf" → "Bien ban hop.pdf". */
export function asciiFileName(fileName: string): string {
  return fileName
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]|["\\%;]/g, '_');
}

/** RFC 5987 value: percent-encoded UTF-8 with only attr-chars left as they are. */
function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Always a download, never rendered by the browser; the UTF-8 name for every current browser. */
export function attachmentDisposition(fileName: string): string {
  return `attachment; filename="${asciiFileName(fileName)}"; filename*=UTF-8''${rfc5987(fileName)}`;
}

// ───────────────────────────── Checks ─────────────────────────────

/** The checks that need no bytes: for the browser before it uploads, and the server first. */
export function precheckEvidenceFile({ name, size }: { name: string; size: number }): string | null {
  if (size > EVIDENCE_LIMITS.maxBytes) return EVIDENCE_MESSAGES.tooLarge;
  if (size === 0) return EVIDENCE_MESSAGES.empty;
  const ext = extensionOf(safeFileName(name));
  if (ext !== null && !isAccepted(ext)) return EVIDENCE_MESSAGES.notAccepted;
  return null;
}

export type InspectedEvidence = { ok: true; fileName: string; mimeType: string } | { ok: false; error: string };

/** Does this old-Office (CFB) file hold a stream of one of these names? Names are UTF-16LE in its directory. */
function hasCfbStream(bytes: Buffer, names: readonly string[]): boolean {
  return names.some((name) => bytes.includes(Buffer.from(name, 'utf16le')));
}

/**
 * What the checks need to know of a file's content, gathered while it streams by
 * (lib/data/evidence-stream.ts) or from a whole buffer: its size, its first bytes (enough for the
 * type), and which old-Office stream names occur anywhere in it.
 */
export type EvidenceSample = { size: number; head: Buffer; cfbStreams: ReadonlySet<string> };

/** Bytes of the head the type is read from: the magic numbers, and the first zip entries of OOXML/OpenDocument. */
export const SNIFF_BYTES = 64 * 1024;

/** Every old-Office stream name any accepted type requires. */
export const CFB_STREAM_NAMES: readonly string[] = [
  ...new Set(Object.values(ACCEPTED).flatMap((t: AcceptedType) => t.cfbStreams ?? [])),
];

export function sampleOf(bytes: Buffer): EvidenceSample {
  return {
    size: bytes.length,
    head: bytes.subarray(0, SNIFF_BYTES),
    cfbStreams: new Set(CFB_STREAM_NAMES.filter((n) => hasCfbStream(bytes, [n]))),
  };
}

function contentMatches(type: AcceptedType, detected: string, sample: EvidenceSample): boolean {
  if (!type.detected.includes(detected)) return false;
  return !type.cfbStreams || type.cfbStreams.some((n) => sample.cfbStreams.has(n));
}

/** The type file-type reads from the head, or undefined. */
export async function detectType(head: Buffer): Promise<string | undefined> {
  // Loaded on demand: the browser imports this module for the limits, never for detection.
  const { fileTypeFromBuffer } = await import('file-type');
  return (await fileTypeFromBuffer(head))?.ext;
}

/** Could content of this detected type be accepted under any extension? (Refuses a program after its first bytes.) */
export function detectedIsAccepted(detected: string | undefined): boolean {
  return detected !== undefined && Object.values(ACCEPTED).some((t: AcceptedType) => t.detected.includes(detected));
}

/**
 * The server's full check of one file: size, accepted type decided by content, and an extension
 * consistent with that content (a PNG named .pdf, or a program renamed .pdf, is refused). A name
 * without extension (some phone pickers) gets the extension of its content. Takes the whole bytes
 * or the sample gathered while streaming them.
 */
export async function inspectEvidence({
  fileName,
  bytes,
  sample = sampleOf(bytes!),
}: {
  fileName: string;
  bytes?: Buffer;
  sample?: EvidenceSample;
}): Promise<InspectedEvidence> {
  const early = precheckEvidenceFile({ name: fileName, size: sample.size });
  if (early) return { ok: false, error: early };
  const name = safeFileName(fileName);
  const ext = extensionOf(name);
  const detected = await detectType(sample.head);

  if (isAccepted(ext)) {
    const type: AcceptedType = ACCEPTED[ext];
    if (!detected || !contentMatches(type, detected, sample))
      return { ok: false, error: EVIDENCE_MESSAGES.mismatch(ext) };
    return { ok: true, fileName: name, mimeType: type.mime };
  }
  const byContent = detected
    ? (Object.keys(ACCEPTED) as AcceptedExtension[]).find((e) => contentMatches(ACCEPTED[e], detected, sample))
    : undefined;
  if (!byContent) return { ok: false, error: EVIDENCE_MESSAGES.notAccepted };
  return { ok: true, fileName: safeFileName(`${name}.${byContent}`), mimeType: ACCEPTED[byContent].mime };
}
