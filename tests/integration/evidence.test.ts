/**
 * Tài liệu kiểm chứng: checks by content, who may add, remove, list and download, what a failed
 * write leaves behind, and the HTTP answers of the route handlers. Real PostgreSQL (a fresh copy of
 * the seeded database) and a real upload directory in a temporary folder.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { actAs, currentUser } from '../support/as-user';

// Before any module that stores files is loaded.
const uploadDir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-evidence-'));
process.env.UPLOAD_DIR = uploadDir;

vi.mock('../../lib/auth', () => ({ getCurrentUser: async () => currentUser() }));

/** Lets a test make the next audit write fail, as a database failure inside the transaction would. */
const failures = vi.hoisted(() => ({ nextAudit: null as Error | null }));
vi.mock('../../lib/data/audit', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../lib/data/audit')>();
  return {
    ...real,
    audit: async (...args: Parameters<typeof real.audit>) => {
      const failure = failures.nextAudit;
      failures.nextAudit = null;
      if (failure) throw failure;
      return real.audit(...args);
    },
  };
});

const { addEvidence, removeEvidence, openEvidenceForDownload } = await import('../../lib/data/evidence');
const { getReport } = await import('../../lib/data/report-views');
/** The files the report page lists (what users see), "not found" outside their scope. */
const listEvidence = async (reportId: number) => (await getReport(reportId)).evidence;
const { EVIDENCE_LIMITS, EVIDENCE_MESSAGES, inspectEvidence, safeFileName, attachmentDisposition } =
  await import('../../lib/validation/evidence');
const { getDb } = await import('../../lib/db');
const { periodContaining } = await import('../../lib/domain/periods');
const { vnDateOf } = await import('../../lib/domain/time');
const uploadRoute = await import('../../app/api/evidence/route');
const evidenceRoute = await import('../../app/api/evidence/[evidenceId]/route');

// ───────────────────────────── Real files, made here ─────────────────────────────

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n' +
    'xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n0000000101 00000 n \n' +
    'trailer<</Size 4/Root 1 0 R>>\nstartxref\n163\n%%EOF\n',
  'latin1',
);
/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
/** The start of a JPEG from a camera: SOI, then the JFIF APP0 segment. */
const JPEG = Buffer.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00,
  0x00, 0xff, 0xd9,
]);
/** A Windows program: the MZ header pointing to a PE header. */
const EXE = (() => {
  const b = Buffer.alloc(256);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  return b;
})();

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A store-only ZIP (no compression), as valid as any Office or LibreOffice writes. */
function zip(entries: [name: string, content: string][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.from(content, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0, 6); // flags
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt16LE(0, 10); // time
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const contentTypes = (part: string, type: string) =>
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
  `<Override PartName="${part}" ContentType="${type}"/></Types>`;
const RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>';

const DOCX = zip([
  [
    '[Content_Types].xml',
    contentTypes(
      '/word/document.xml',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
    ),
  ],
  ['_rels/.rels', RELS],
  [
    'word/document.xml',
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>',
  ],
]);
const XLSX = zip([
  [
    '[Content_Types].xml',
    contentTypes('/xl/workbook.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml'),
  ],
  ['_rels/.rels', RELS],
  ['xl/workbook.xml', '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'],
]);
const ODT = zip([
  ['mimetype', 'application/vnd.oasis.opendocument.text'],
  ['content.xml', '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>'],
]);
const PLAIN_ZIP = zip([['bien-ban.txt', 'Biên bản họp']]);

/** An old-Office compound file; Word files hold a "WordDocument" stream, named in UTF-16LE in its directory. */
function compoundFile(stream: string): Buffer {
  const b = Buffer.alloc(1536);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(b, 0);
  b.write(stream, 1024, 'utf16le');
  return b;
}
const DOC = compoundFile('WordDocument');
const XLS = compoundFile('Workbook');

const OVER_LIMIT = Buffer.alloc(EVIDENCE_LIMITS.maxBytes + 1, 0x20);
PDF.copy(OVER_LIMIT);

// ───────────────────────────── Helpers ─────────────────────────────

async function assignment(section: string, task: string, unit: string): Promise<number> {
  const row = await getDb().assignment.findFirstOrThrow({
    where: { unit: { code: unit }, task: { number: task, section: { numeral: section } } },
    select: { id: true },
  });
  return row.id;
}

async function storedFiles(): Promise<string[]> {
  const entries = await readdir(uploadDir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let tranPhu: { i1: number; i2: number; i3: number; i4: number; i5: number; i7: number };
let thachHaI1: number;

beforeAll(async () => {
  tranPhu = {
    i1: await assignment('I', '1', 'P-TRANPHU'),
    i2: await assignment('I', '2', 'P-TRANPHU'),
    i3: await assignment('I', '3', 'P-TRANPHU'),
    i4: await assignment('I', '4', 'P-TRANPHU'),
    i5: await assignment('I', '5', 'P-TRANPHU'),
    i7: await assignment('I', '7', 'P-TRANPHU'),
  };
  thachHaI1 = await assignment('I', '1', 'X-THACHHA');
});

afterAll(async () => {
  await rm(uploadDir, { recursive: true, force: true });
});

// ───────────────────────────── Checks by content ─────────────────────────────

describe('a file is judged by its content', () => {
  it.each([
    ['Biên bản hội nghị.pdf', 'application/pdf', PDF],
    ['Ảnh hội nghị.png', 'image/png', PNG],
    ['IMG_20240312_081500.jpg', 'image/jpeg', JPEG],
    ['anh.JPEG', 'image/jpeg', JPEG],
    ['Báo cáo.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', DOCX],
    ['Số liệu.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', XLSX],
    ['Kế hoạch.odt', 'application/vnd.oasis.opendocument.text', ODT],
    ['Công văn cũ.doc', 'application/msword', DOC],
    ['Bảng cũ.xls', 'application/vnd.ms-excel', XLS],
    ['Hồ sơ.zip', 'application/zip', PLAIN_ZIP],
  ])('accepts %s as %s', async (fileName, mimeType, bytes) => {
    expect(await inspectEvidence({ fileName, bytes })).toEqual({
      ok: true,
      fileName: fileName.normalize('NFC'),
      mimeType,
    });
  });

  it.each([
    ['a program renamed .pdf', 'bao-cao.pdf', EXE, EVIDENCE_MESSAGES.mismatch('pdf')],
    ['a PNG renamed .pdf', 'bao-cao.pdf', PNG, EVIDENCE_MESSAGES.mismatch('pdf')],
    ['a spreadsheet renamed .docx', 'bao-cao.docx', XLSX, EVIDENCE_MESSAGES.mismatch('docx')],
    ['a plain zip renamed .docx', 'bao-cao.docx', PLAIN_ZIP, EVIDENCE_MESSAGES.mismatch('docx')],
    ['a Word document renamed .zip', 'ho-so.zip', DOCX, EVIDENCE_MESSAGES.mismatch('zip')],
    [
      'a compound file that is not a Word document named .doc',
      'cong-van.doc',
      compoundFile('SummaryInfo'),
      EVIDENCE_MESSAGES.mismatch('doc'),
    ],
    ['a Word compound file named .xls', 'bang.xls', DOC, EVIDENCE_MESSAGES.mismatch('xls')],
    ['a program by its own name', 'setup.exe', EXE, EVIDENCE_MESSAGES.notAccepted],
    ['a program without extension', 'setup', EXE, EVIDENCE_MESSAGES.notAccepted],
    ['an empty file', 'trong.pdf', Buffer.alloc(0), EVIDENCE_MESSAGES.empty],
    ['20 MB + 1 byte', 'lon.pdf', OVER_LIMIT, EVIDENCE_MESSAGES.tooLarge],
  ])('refuses %s', async (_label, fileName, bytes, error) => {
    expect(await inspectEvidence({ fileName, bytes })).toEqual({ ok: false, error });
  });

  it('accepts exactly 20 MB', async () => {
    const bytes = OVER_LIMIT.subarray(0, EVIDENCE_LIMITS.maxBytes);
    expect(await inspectEvidence({ fileName: 'vua-du.pdf', bytes })).toMatchObject({ ok: true });
  });

  it('gives a name without extension (some phone pickers) the extension of its content', async () => {
    expect(await inspectEvidence({ fileName: 'IMG_0042', bytes: JPEG })).toEqual({
      ok: true,
      fileName: 'IMG_0042.jpg',
      mimeType: 'image/jpeg',
    });
  });
});

describe('file names are made safe', () => {
  it('keeps Vietnamese letters in NFC and strips path parts, invisible and unsafe characters', () => {
    const nfd = 'Biên bản họp.pdf'.normalize('NFD');
    expect(safeFileName(nfd)).toBe('Biên bản họp.pdf');
    expect(safeFileName(nfd)).toBe(safeFileName(nfd).normalize('NFC'));
    expect(safeFileName('C:\\Users\\An\\Desktop\\Báo cáo.docx')).toBe('Báo cáo.docx');
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    // U+202E (right-to-left override) would show "bao-cao\u202Efdp.exe" as "bao-caoexe.pdf".
    expect(safeFileName('bao-cao\u202Efdp.exe')).toBe('bao-caofdp.exe');
    expect(safeFileName('a\u0000b\r\nc"d*e:f<g>h?i|j.pdf')).toBe('abc_d_e_f_g_h_i_j.pdf');
    expect(safeFileName('  ..ẩn.pdf  ')).toBe('ẩn.pdf');
    expect(safeFileName('.pdf')).toBe('pdf');
    expect(safeFileName('con.pdf')).toBe('_con.pdf');
    expect(safeFileName('')).toBe('tai-lieu');
  });

  it('caps the length in characters and keeps the extension', () => {
    const max = EVIDENCE_LIMITS.maxFileNameLength;
    expect(safeFileName(`${'a'.repeat(300)}.docx`)).toBe(`${'a'.repeat(max - 5)}.docx`);
    expect(safeFileName(`${'ế'.repeat(300)}.PDF`)).toBe(`${'ế'.repeat(max - 4)}.PDF`);
    // Characters outside the BMP are two UTF-16 units: the cut never splits one.
    const emoji = safeFileName(`${'📄'.repeat(300)}.pdf`);
    expect(Array.from(emoji)).toHaveLength(max);
    expect(emoji).toBe(emoji.toWellFormed());
  });

  it('sends an ASCII fallback and the UTF-8 name in Content-Disposition', () => {
    expect(attachmentDisposition('Biên bản "họp" (đợt 1).pdf')).toBe(
      `attachment; filename="Bien ban _hop_ (dot 1).pdf"; filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n%20%22h%E1%BB%8Dp%22%20%28%C4%91%E1%BB%A3t%201%29.pdf`,
    );
  });
});

// ───────────────────────────── The data layer ─────────────────────────────

describe('adding evidence', () => {
  it('an officer attaches a file to their ward’s draft report; it is listed and downloads byte for byte', async () => {
    const me = await actAs('cb.tranphu');
    const db = getDb();
    const draft = await db.report.findUniqueOrThrow({
      where: { assignmentId_periodKey: { assignmentId: tranPhu.i3, periodKey: 'ONCE' } },
    });
    expect(draft.status).toBe('DRAFT');
    const before = await storedFiles();

    const result = await addEvidence({
      assignmentId: tranPhu.i3,
      periodKey: 'ONCE',
      fileName: 'Đề án một cửa số.pdf'.normalize('NFD'),
      bytes: PDF,
    });

    expect(result).toMatchObject({
      reportId: draft.id,
      version: draft.version,
      evidence: { fileName: 'Đề án một cửa số.pdf', sizeBytes: PDF.length, mimeType: 'application/pdf' },
    });
    // Attaching a file does not bump the report's version (an open form stays current).
    expect((await db.report.findUniqueOrThrow({ where: { id: draft.id } })).version).toBe(draft.version);
    const row = await db.evidence.findUniqueOrThrow({ where: { id: result.evidence.id } });
    expect(row).toMatchObject({
      reportId: draft.id,
      sha256: sha256(PDF),
      sizeBytes: PDF.length,
      uploadedById: me!.id,
      deletedAt: null,
    });
    expect(row.storageKey).toMatch(/^[0-9a-f]{32}$/);
    const after = await storedFiles();
    expect(after).toHaveLength(before.length + 1);
    const storedPath = after.find((f) => !before.includes(f))!;
    expect(path.basename(storedPath)).toBe(row.storageKey);
    expect(await readFile(storedPath)).toEqual(PDF);

    expect(await listEvidence(draft.id)).toEqual([
      expect.objectContaining({
        id: result.evidence.id,
        fileName: 'Đề án một cửa số.pdf',
        sizeBytes: PDF.length,
        mimeType: 'application/pdf',
      }),
    ]);
    const download = await openEvidenceForDownload(result.evidence.id);
    expect(download).toMatchObject({
      fileName: 'Đề án một cửa số.pdf',
      mimeType: 'application/pdf',
      sizeBytes: PDF.length,
    });
    expect(await bytesOf(download.stream)).toEqual(PDF);

    const event = await db.auditEvent.findFirst({
      where: { action: 'evidence.added', entityType: 'Evidence', entityId: String(result.evidence.id) },
    });
    expect(event).toMatchObject({
      actorId: me!.id,
      reportId: draft.id,
      data: { fileName: 'Đề án một cửa số.pdf', sha256: sha256(PDF) },
    });
  });

  it('creates an empty draft report when the assignment has none yet', async () => {
    const me = await actAs('cb.tranphu');
    const db = getDb();
    expect(await db.report.count({ where: { assignmentId: tranPhu.i4 } })).toBe(0);

    const result = await addEvidence({
      assignmentId: tranPhu.i4,
      periodKey: 'ONCE',
      fileName: 'Tờ trình.docx',
      bytes: DOCX,
    });

    const report = await db.report.findUniqueOrThrow({ where: { id: result.reportId } });
    expect(report).toMatchObject({
      assignmentId: tranPhu.i4,
      periodKey: 'ONCE',
      status: 'DRAFT',
      version: 1,
      createdById: me!.id,
      content: '',
    });
    expect(result.version).toBe(1);
    expect(result.evidence.mimeType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect((await db.assignment.findUniqueOrThrow({ where: { id: tranPhu.i4 } })).startedAt).not.toBeNull();
  });

  it('refuses files that fail the content checks, and stores nothing for them', async () => {
    await actAs('cb.tranphu');
    const before = await storedFiles();
    const add = (fileName: string, bytes: Buffer) =>
      addEvidence({ assignmentId: tranPhu.i3, periodKey: 'ONCE', fileName, bytes });
    await expect(add('bao-cao.pdf', EXE)).rejects.toMatchObject({
      code: 'INVALID',
      message: EVIDENCE_MESSAGES.mismatch('pdf'),
    });
    await expect(add('anh.pdf', PNG)).rejects.toMatchObject({
      code: 'INVALID',
      message: EVIDENCE_MESSAGES.mismatch('pdf'),
    });
    await expect(add('lon.pdf', OVER_LIMIT)).rejects.toMatchObject({
      code: 'INVALID',
      message: EVIDENCE_MESSAGES.tooLarge,
    });
    expect(await storedFiles()).toEqual(before);
  });

  it('streams a file to the store: a program is stopped after its first bytes, never read whole', async () => {
    await actAs('cb.tranphu');
    const before = await storedFiles();
    const chunk = 64 * 1024;
    let pulled = 0;
    // 20 MB announced as a PDF, in 64 KB pieces: a program's header first, then filler.
    async function* program() {
      for (let i = 0; i < EVIDENCE_LIMITS.maxBytes / chunk; i++) {
        pulled += 1;
        yield i === 0 ? Buffer.concat([EXE, Buffer.alloc(chunk - EXE.length)]) : Buffer.alloc(chunk, 0x20);
      }
    }
    await expect(
      addEvidence({
        assignmentId: tranPhu.i3,
        periodKey: 'ONCE',
        fileName: 'bao-cao.pdf',
        bytes: Readable.from(program()),
      }),
    ).rejects.toMatchObject({ code: 'INVALID', message: EVIDENCE_MESSAGES.notAccepted });
    expect(pulled).toBeLessThan(EVIDENCE_LIMITS.maxBytes / chunk / 10);
    expect(await storedFiles()).toEqual(before);
  });

  it('finds a Word stream name cut in two by a chunk boundary', async () => {
    await actAs('cb.tranphu');
    // The compound file's directory entry "WordDocument" (UTF-16LE at offset 1024) split after 5 bytes.
    const pieces = [DOC.subarray(0, 1029), DOC.subarray(1029)];
    const result = await addEvidence({
      assignmentId: tranPhu.i3,
      periodKey: 'ONCE',
      fileName: 'Công văn.doc',
      bytes: Readable.from(pieces),
    });
    expect(result.evidence).toMatchObject({
      fileName: 'Công văn.doc',
      mimeType: 'application/msword',
      sizeBytes: DOC.length,
    });
    const row = await getDb().evidence.findUniqueOrThrow({
      where: { id: result.evidence.id },
      select: { sha256: true },
    });
    expect(row.sha256).toBe(createHash('sha256').update(DOC).digest('hex'));
  });

  it('accepts at most 10 files per report', async () => {
    await actAs('cb.tranphu');
    const db = getDb();
    let reportId = 0;
    for (let i = 1; i <= EVIDENCE_LIMITS.maxFilesPerReport; i++) {
      ({ reportId } = await addEvidence({
        assignmentId: tranPhu.i5,
        periodKey: 'CONTINUOUS',
        fileName: `Ảnh ${i}.png`,
        bytes: PNG,
      }));
    }
    const before = await storedFiles();
    await expect(
      addEvidence({ assignmentId: tranPhu.i5, periodKey: 'CONTINUOUS', fileName: 'Ảnh 11.png', bytes: PNG }),
    ).rejects.toMatchObject({
      code: 'INVALID',
      message: EVIDENCE_MESSAGES.tooMany,
    });
    expect(await db.evidence.count({ where: { reportId, deletedAt: null } })).toBe(10);
    expect(await storedFiles()).toEqual(before);

    // A removed file frees its place.
    const first = (await listEvidence(reportId))[0]!;
    await removeEvidence(first.id);
    await addEvidence({ assignmentId: tranPhu.i5, periodKey: 'CONTINUOUS', fileName: 'Ảnh 11.png', bytes: PNG });
    expect(await db.evidence.count({ where: { reportId, deletedAt: null } })).toBe(10);
  });

  it('counts correctly when uploads to one report race each other', async () => {
    await actAs('cb.tranphu');
    const db = getDb();
    // I.2 for this ward has no report yet: the parallel first uploads also race to create it.
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        addEvidence({ assignmentId: tranPhu.i2, periodKey: 'ONCE', fileName: `Song song ${i}.png`, bytes: PNG }),
      ),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(10);
    for (const r of refused) expect(r.reason).toMatchObject({ message: EVIDENCE_MESSAGES.tooMany });
    const report = await db.report.findUniqueOrThrow({
      where: { assignmentId_periodKey: { assignmentId: tranPhu.i2, periodKey: 'ONCE' } },
    });
    expect(await db.evidence.count({ where: { reportId: report.id } })).toBe(10);
  });

  it('deletes the stored file when the database write fails, and leaves no row or report behind', async () => {
    await actAs('cb.tranphu');
    const db = getDb();
    const before = await storedFiles();
    const rowsBefore = await db.evidence.count();
    failures.nextAudit = new Error('simulated database failure');

    await expect(
      addEvidence({ assignmentId: tranPhu.i7, periodKey: 'CONTINUOUS', fileName: 'Ảnh.png', bytes: PNG }),
    ).rejects.toThrow('simulated database failure');

    expect(failures.nextAudit).toBeNull(); // the failure was really hit, after the row was written
    expect(await storedFiles()).toEqual(before);
    expect(await db.evidence.count()).toBe(rowsBefore);
    expect(await db.report.count({ where: { assignmentId: tranPhu.i7 } })).toBe(0);
  });
});

describe('who may add, remove, list and download', () => {
  let evidenceId: number;
  let reportId: number;

  beforeAll(async () => {
    await actAs('cb.tranphu');
    ({
      evidence: { id: evidenceId },
      reportId,
    } = await addEvidence({ assignmentId: tranPhu.i3, periodKey: 'ONCE', fileName: 'Danh sách.xlsx', bytes: XLSX }));
  });

  it('an officer of another ward gets "not found" for everything, and changes nothing', async () => {
    await actAs('cb.namha');
    const before = await storedFiles();
    await expect(
      addEvidence({ assignmentId: tranPhu.i3, periodKey: 'ONCE', fileName: 'x.pdf', bytes: PDF }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(listEvidence(reportId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(openEvidenceForDownload(evidenceId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(removeEvidence(evidenceId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await storedFiles()).toEqual(before);
    expect((await getDb().evidence.findUniqueOrThrow({ where: { id: evidenceId } })).deletedAt).toBeNull();
  });

  it('the chairman can list and download, but not attach', async () => {
    await actAs('chutich');
    expect((await listEvidence(reportId)).map((e) => e.id)).toContain(evidenceId);
    expect(await bytesOf((await openEvidenceForDownload(evidenceId)).stream)).toEqual(XLSX);
    await expect(
      addEvidence({ assignmentId: tranPhu.i3, periodKey: 'ONCE', fileName: 'x.pdf', bytes: PDF }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(removeEvidence(evidenceId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('nobody signed in gets nothing', async () => {
    await actAs(null);
    await expect(openEvidenceForDownload(evidenceId)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(removeEvidence(evidenceId)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('a submitted report takes no new files, and its files cannot be removed', async () => {
    await actAs('cb.thachha');
    const db = getDb();
    const submitted = await db.report.findUniqueOrThrow({
      where: { assignmentId_periodKey: { assignmentId: thachHaI1, periodKey: 'ONCE' } },
    });
    expect(submitted.status).toBe('SUBMITTED');
    const before = await storedFiles();
    await expect(
      addEvidence({ assignmentId: thachHaI1, periodKey: 'ONCE', fileName: 'Biên bản.pdf', bytes: PDF }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await storedFiles()).toEqual(before);

    // A file attached while the report was a draft stays once the report is sent.
    await actAs('cb.tranphu');
    const attached = await addEvidence({
      assignmentId: tranPhu.i4,
      periodKey: 'ONCE',
      fileName: 'Phụ lục.pdf',
      bytes: PDF,
    });
    await db.report.update({
      where: { id: attached.reportId },
      data: { status: 'SUBMITTED', submittedAt: new Date() },
    });
    await expect(removeEvidence(attached.evidence.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      addEvidence({ assignmentId: tranPhu.i4, periodKey: 'ONCE', fileName: 'Thêm.pdf', bytes: PDF }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await db.evidence.findUniqueOrThrow({ where: { id: attached.evidence.id } })).deletedAt).toBeNull();
  });

  it('a report approved as complete takes no new files', async () => {
    await actAs('cb.tranphu');
    await expect(
      addEvidence({ assignmentId: tranPhu.i1, periodKey: 'ONCE', fileName: 'Muộn.pdf', bytes: PDF }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('a removed file is gone for everyone, kept for the record, and audited', async () => {
    const me = await actAs('cb.tranphu');
    const db = getDb();
    const row = await db.evidence.findUniqueOrThrow({ where: { id: evidenceId } });

    expect(await removeEvidence(evidenceId)).toEqual({
      reportId,
      version: (await db.report.findUniqueOrThrow({ where: { id: reportId } })).version,
    });

    expect((await listEvidence(reportId)).map((e) => e.id)).not.toContain(evidenceId);
    await expect(openEvidenceForDownload(evidenceId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(removeEvidence(evidenceId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await actAs('chutich');
    await expect(openEvidenceForDownload(evidenceId)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    expect((await db.evidence.findUniqueOrThrow({ where: { id: evidenceId } })).deletedAt).toBeInstanceOf(Date);
    expect((await storedFiles()).map((f) => path.basename(f))).toContain(row.storageKey);
    const event = await db.auditEvent.findFirst({
      where: { action: 'evidence.removed', entityType: 'Evidence', entityId: String(evidenceId) },
    });
    expect(event).toMatchObject({ actorId: me!.id, reportId, data: { fileName: 'Danh sách.xlsx' } });
  });
});

// ───────────────────────────── The route handlers ─────────────────────────────

function uploadRequest(
  fields: Record<string, string>,
  file?: { name: string; bytes: Buffer; type?: string },
  headers: Record<string, string> = {},
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append('file', new File([new Uint8Array(file.bytes)], file.name, { type: file.type ?? '' }));
  return new Request('http://localhost/api/evidence', { method: 'POST', body: form, headers });
}
const params = (evidenceId: string) => ({ params: Promise.resolve({ evidenceId }) });

describe('HTTP: /api/evidence', () => {
  let assignmentId: number;
  let periodKey: string;
  beforeAll(async () => {
    // A yearly task with no report yet, so the 10-file limit of the tests above does not interfere.
    assignmentId = await assignment('II', '2', 'P-TRANPHU');
    periodKey = periodContaining('YEARLY', vnDateOf(new Date())).key;
  });

  it('uploads, downloads as an attachment with the stored type, and deletes', async () => {
    await actAs('cb.tranphu');
    // The browser claims HTML: the server decides from the bytes and serves a PDF.
    const posted = await uploadRoute.POST(
      uploadRequest(
        { assignmentId: String(assignmentId), periodKey },
        { name: 'Biên bản họp.pdf', bytes: PDF, type: 'text/html' },
      ),
    );
    expect(posted.status).toBe(201);
    const body = (await posted.json()) as {
      evidence: { id: number; fileName: string; mimeType: string };
      reportId: number;
      version: number;
    };
    expect(body).toMatchObject({
      evidence: { fileName: 'Biên bản họp.pdf', mimeType: 'application/pdf' },
      reportId: expect.any(Number),
      version: expect.any(Number),
    });

    const got = await evidenceRoute.GET(
      new Request(`http://localhost/api/evidence/${body.evidence.id}`),
      params(String(body.evidence.id)),
    );
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('content-disposition')).toBe(
      `attachment; filename="Bien ban hop.pdf"; filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n%20h%E1%BB%8Dp.pdf`,
    );
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.headers.get('cache-control')).toBe('private, no-store');
    expect(got.headers.get('content-length')).toBe(String(PDF.length));
    expect(Buffer.from(await got.arrayBuffer())).toEqual(PDF);

    await actAs('cb.namha');
    const foreign = await evidenceRoute.GET(new Request('http://localhost/'), params(String(body.evidence.id)));
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toEqual({ error: 'Không tìm thấy nội dung này, hoặc bạn không có quyền xem.' });
    expect(
      (
        await evidenceRoute.DELETE(
          new Request('http://localhost/', { method: 'DELETE' }),
          params(String(body.evidence.id)),
        )
      ).status,
    ).toBe(404);

    await actAs('cb.tranphu');
    const deleted = await evidenceRoute.DELETE(
      new Request('http://localhost/', { method: 'DELETE' }),
      params(String(body.evidence.id)),
    );
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toEqual({ reportId: body.reportId, version: body.version });
    expect((await evidenceRoute.GET(new Request('http://localhost/'), params(String(body.evidence.id)))).status).toBe(
      404,
    );
  });

  it('answers refusals as JSON with the Vietnamese message and the matching status', async () => {
    await actAs('cb.tranphu');
    const mismatch = await uploadRoute.POST(
      uploadRequest({ assignmentId: String(assignmentId), periodKey }, { name: 'anh.pdf', bytes: PNG }),
    );
    expect(mismatch.status).toBe(400);
    expect(await mismatch.json()).toEqual({ error: EVIDENCE_MESSAGES.mismatch('pdf') });

    const noFile = await uploadRoute.POST(uploadRequest({ assignmentId: String(assignmentId), periodKey }));
    expect(noFile.status).toBe(400);
    expect(await noFile.json()).toEqual({ error: EVIDENCE_MESSAGES.noFile });

    const badField = await uploadRoute.POST(
      uploadRequest({ assignmentId: 'abc', periodKey }, { name: 'a.pdf', bytes: PDF }),
    );
    expect(badField.status).toBe(400);
    expect(await badField.json()).toEqual({ error: 'Nhiệm vụ không hợp lệ.' });

    const locked = await uploadRoute.POST(
      uploadRequest({ assignmentId: String(tranPhu.i1), periodKey: 'ONCE' }, { name: 'a.pdf', bytes: PDF }),
    );
    expect(locked.status).toBe(409);

    await actAs('chutich');
    expect(
      (
        await uploadRoute.POST(
          uploadRequest({ assignmentId: String(assignmentId), periodKey }, { name: 'a.pdf', bytes: PDF }),
        )
      ).status,
    ).toBe(403);

    await actAs(null);
    const signedOut = await uploadRoute.POST(
      uploadRequest({ assignmentId: String(assignmentId), periodKey }, { name: 'a.pdf', bytes: PDF }),
    );
    expect(signedOut.status).toBe(401);
    expect(await signedOut.json()).toEqual({ error: 'Phiên đăng nhập đã hết. Vui lòng đăng nhập lại.' });

    for (const bad of ['abc', '0', '-1', '1.5', '99999999999']) {
      expect((await evidenceRoute.GET(new Request('http://localhost/'), params(bad))).status).toBe(404);
    }
  });

  it('refuses a body over the limit from its Content-Length, before reading it', async () => {
    await actAs('cb.tranphu');
    let pulled = false;
    // highWaterMark 0: the stream is pulled only when someone reads the body.
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          pulled = true;
          controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    const request = new Request('http://localhost/api/evidence', {
      method: 'POST',
      body,
      duplex: 'half',
      headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(30 * 1024 * 1024) },
    } as RequestInit);
    const response = await uploadRoute.POST(request);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: EVIDENCE_MESSAGES.tooLarge });
    expect(pulled).toBe(false);
  });

  it('refuses an undeclared body as soon as it grows past the limit, and a 20 MB + 1 byte file', async () => {
    await actAs('cb.tranphu');
    const big = await uploadRoute.POST(
      uploadRequest(
        { assignmentId: String(assignmentId), periodKey },
        { name: 'lon.pdf', bytes: Buffer.concat([OVER_LIMIT, Buffer.alloc(1024 * 1024)]) },
      ),
    );
    expect(big.status).toBe(413);
    const justOver = await uploadRoute.POST(
      uploadRequest({ assignmentId: String(assignmentId), periodKey }, { name: 'lon.pdf', bytes: OVER_LIMIT }),
    );
    expect(justOver.status).toBe(413);
    expect(await justOver.json()).toEqual({ error: EVIDENCE_MESSAGES.tooLarge });
  });

  it('refuses uploads and deletions from another site', async () => {
    await actAs('cb.tranphu');
    const cross = await uploadRoute.POST(
      uploadRequest(
        { assignmentId: String(assignmentId), periodKey },
        { name: 'a.pdf', bytes: PDF },
        { origin: 'https://evil.example', host: 'localhost' },
      ),
    );
    expect(cross.status).toBe(403);
    const sameSite = await uploadRoute.POST(
      uploadRequest(
        { assignmentId: String(assignmentId), periodKey },
        { name: 'a.pdf', bytes: PDF },
        { origin: 'http://localhost', host: 'localhost' },
      ),
    );
    expect(sameSite.status).toBe(201);
  });

  it('never shows an unexpected error to the browser, and logs it on the server', async () => {
    await actAs('cb.tranphu');
    const { log } = await import('../../lib/log');
    const logged = vi.spyOn(log(), 'error').mockImplementation(() => {});
    failures.nextAudit = new Error('connection to 10.0.0.5:5432 lost: password authentication failed for "dondoc"');
    try {
      const response = await uploadRoute.POST(
        uploadRequest({ assignmentId: String(assignmentId), periodKey }, { name: 'a.pdf', bytes: PDF }),
      );
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(text).not.toContain('10.0.0.5');
      expect(JSON.parse(text)).toEqual({ error: expect.stringContaining('Hệ thống chưa xử lý được yêu cầu này') });
      expect(logged).toHaveBeenCalledWith(
        { err: expect.objectContaining({ message: expect.stringContaining('10.0.0.5') }) },
        'evidence request failed',
      );
    } finally {
      logged.mockRestore();
    }
  });
});
