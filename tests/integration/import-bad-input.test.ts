/**
 * The directive import on bad and odd input: every case ends in a clear Vietnamese message or a
 * sensible proposal, never a crash, and a failed save leaves nothing behind. Also: who may import,
 * .txt and .docx uploads (including Word's automatic numbering), and the review grid's limits.
 */
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { actAs, currentUser } from '../support/as-user';

vi.mock('../../lib/auth', () => ({ getCurrentUser: async () => currentUser() }));

// A switch to make the last write of an import fail, to prove the transaction leaves nothing.
const failing = vi.hoisted(() => ({ on: false }));
vi.mock('../../lib/data/audit', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../lib/data/audit')>();
  return {
    ...real,
    audit: async (...args: Parameters<typeof real.audit>) => {
      if (failing.on && args[1].action === 'programme.imported')
        throw new Error('simulated failure after every insert');
      return real.audit(...args);
    },
  };
});

const { getDb } = await import('../../lib/db');
const { analyzeDirective, importProgramme, FieldErrors } = await import('../../lib/data/admin-import');
const { documentText } = await import('../../lib/documents/docx');
const { ImportInput, issuesByPath } = await import('../../lib/validation/programme');

const FIXTURES = path.join(import.meta.dirname, '../fixtures/directives');
const SEED_TEXT = fs.readFileSync(
  path.join(import.meta.dirname, '../../prisma/seed/chi-dao-trien-khai-nq76-thanh-pho-ha-tinh.txt'),
  'utf8',
);

const file = (name: string, content: string | Uint8Array) => ({
  name,
  bytes: typeof content === 'string' ? new TextEncoder().encode(content) : content,
});

async function counts() {
  const db = getDb();
  const [programmes, sections, tasks, assignments] = await Promise.all([
    db.programme.count(),
    db.section.count(),
    db.task.count(),
    db.assignment.count(),
  ]);
  return { programmes, sections, tasks, assignments };
}

/** A .docx as Word writes it: numbered paragraphs use automatic numbering (numbering.xml). */
async function makeDocx(
  paragraphs: { text: string; level?: number }[],
  { table }: { table?: string[][] } = {},
): Promise<Uint8Array> {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const p = ({ text, level }: { text: string; level?: number }) =>
    `<w:p>${level === undefined ? '' : `<w:pPr><w:numPr><w:ilvl w:val="${level}"/><w:numId w:val="1"/></w:numPr></w:pPr>`}<w:r><w:t xml:space="preserve">${esc(text)}</w:t></w:r></w:p>`;
  const tbl = table
    ? `<w:tbl>${table.map((row) => `<w:tr>${row.map((c) => `<w:tc>${p({ text: c })}</w:tc>`).join('')}</w:tr>`).join('')}</w:tbl>`
    : '';
  const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  zip.file(
    'word/_rels/document.xml.rels',
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>',
  );
  zip.file(
    'word/numbering.xml',
    `<?xml version="1.0"?><w:numbering ${W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="upperRoman"/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="decimal"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`,
  );
  zip.file(
    'word/document.xml',
    `<?xml version="1.0"?><w:document ${W}><w:body>${paragraphs.map(p).join('')}${tbl}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'uint8array' });
}

beforeEach(() => {
  failing.on = false;
});

describe('who may import', () => {
  it('an officer, another department head and the chairman are refused; the standing office’s head may', async () => {
    for (const username of ['cb.tranphu', 'tp.vhtt', 'chutich']) {
      await actAs(username);
      await expect(analyzeDirective({ text: SEED_TEXT, file: null })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(importProgramme({} as never)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    await actAs('tp.noivu');
    const draft = await analyzeDirective({
      text: '1. Phòng Tư pháp chủ trì rà soát văn bản, hoàn thành trước 30/6/2026.',
      file: null,
    });
    const saved = await importProgramme(
      ImportInput.parse({ ...draft, programme: { ...draft.programme, title: 'Kế hoạch rà soát văn bản' } }),
    );
    expect(saved.tasks).toBe(1);
  });
});

describe('bad input to the analysis', () => {
  it('empty text or only spaces: a message on the text field', async () => {
    await actAs('admin');
    for (const text of ['', '   \n\t  ']) {
      await expect(analyzeDirective({ text, file: null })).rejects.toMatchObject({
        field: 'text',
        message: expect.stringContaining('Dán nội dung'),
      });
    }
  });

  it('text with no numbering: one task holding the text, a warning saying how to split it', async () => {
    await actAs('admin');
    const text =
      'Ủy ban nhân dân thành phố yêu cầu các đơn vị, địa phương tăng cường kỷ luật hành chính.\nĐồng thời rà soát thủ tục hành chính trong tháng 10/2026.';
    const draft = await analyzeDirective({ text, file: null });
    expect(draft.sections).toHaveLength(1);
    expect(draft.sections[0]!.tasks).toHaveLength(1);
    expect(draft.sections[0]!.tasks[0]!.text).toContain('rà soát thủ tục hành chính');
    expect(draft.warnings.join(' ')).toContain('Không tìm thấy mục hoặc nhiệm vụ được đánh số');
    expect(draft.warnings.join(' ')).toContain('«Tách»');
  });

  it('more than 1 MB of text is refused with a message; just under 1 MB gives a proposal', async () => {
    await actAs('admin');
    const block = SEED_TEXT.slice(0, SEED_TEXT.indexOf('Đánh giá:'));
    const big = block.repeat(Math.ceil((1024 * 1024) / Buffer.byteLength(block)) + 1);
    expect(Buffer.byteLength(big)).toBeGreaterThan(1024 * 1024);
    await expect(analyzeDirective({ text: big, file: null })).rejects.toMatchObject({
      field: 'text',
      message: expect.stringContaining('tối đa 1 MB'),
    });
    await expect(analyzeDirective({ text: '', file: file('lon.txt', big) })).rejects.toMatchObject({
      field: 'file',
      message: expect.stringContaining('tối đa 1 MB'),
    });

    let under = big;
    while (Buffer.byteLength(under) > 1024 * 1024) under = under.slice(0, under.lastIndexOf('\n\n'));
    const started = performance.now();
    const draft = await analyzeDirective({ text: under, file: null });
    const ms = performance.now() - started;
    console.log(
      `1 MB analysis: ${Buffer.byteLength(under)} bytes, ${draft.sections.length} sections, ${draft.sections.reduce((n, s) => n + s.tasks.length, 0)} tasks, ${ms.toFixed(0)} ms`,
    );
    expect(draft.sections.length).toBeGreaterThan(100);
    // Too big to save as one programme: the review grid's limits say so in Vietnamese.
    const parsed = ImportInput.safeParse(draft);
    expect(parsed.success).toBe(false);
    const messages = Object.values(issuesByPath(parsed.error!)).flat().join(' ');
    expect(messages).toMatch(/Tối đa 100 mục|Tối đa 1\.000 nhiệm vụ/);
  });

  it('HTML pasted from a browser gives a proposal from the visible text', async () => {
    await actAs('admin');
    const html = fs.readFileSync(path.join(FIXTURES, '06-tin-bai-html.html'), 'utf8');
    const draft = await analyzeDirective({ text: html, file: null });
    const tasks = draft.sections.flatMap((s) => s.tasks);
    expect(tasks.length).toBeGreaterThan(3);
    for (const t of tasks) expect(t.text).not.toMatch(/<\/?(p|li|div|span)\b/);
  });

  it('a .docx that is not a docx: a clear message, not a crash', async () => {
    await actAs('admin');
    const notZip = file('chi-thi.docx', 'Đây là văn bản thuần, đổi đuôi thành .docx');
    await expect(analyzeDirective({ text: '', file: notZip })).rejects.toMatchObject({
      field: 'file',
      message: expect.stringContaining('không phải tài liệu Word (.docx) hợp lệ'),
    });
    const zip = new JSZip();
    zip.file('readme.txt', 'một tệp zip bình thường');
    const otherZip = file('chi-thi.docx', await zip.generateAsync({ type: 'uint8array' }));
    await expect(analyzeDirective({ text: '', file: otherZip })).rejects.toMatchObject({
      field: 'file',
      message: expect.stringContaining('không phải tài liệu Word'),
    });
    const cut = await makeDocx([{ text: 'I. Mục' }]);
    await expect(
      analyzeDirective({ text: '', file: file('hong.docx', cut.slice(0, cut.length - 30)) }),
    ).rejects.toMatchObject({ field: 'file' });
    const oldDoc = file('cu.doc', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    await expect(analyzeDirective({ text: '', file: oldDoc })).rejects.toMatchObject({
      field: 'file',
      message: expect.stringContaining('.docx'),
    });
    await expect(
      analyzeDirective({ text: '', file: file('anh.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47])) }),
    ).rejects.toMatchObject({
      field: 'file',
      message: expect.stringContaining('ảnh'),
    });
  });

  it('a .txt that is not UTF-8 is refused with how to fix it; UTF-8 with a BOM and UTF-16 are read', async () => {
    await actAs('admin');
    const latin = file('tcvn3.txt', new Uint8Array([0x31, 0x2e, 0x20, 0xb8, 0xe0, 0xf9, 0x0a]));
    await expect(analyzeDirective({ text: '', file: latin })).rejects.toMatchObject({
      field: 'file',
      message: expect.stringContaining('UTF-8'),
    });
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(SEED_TEXT)]);
    const a = await analyzeDirective({ text: '', file: file('nq76.txt', withBom) });
    expect(a.sections.map((s) => s.tasks.length)).toEqual([8, 2]);
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(SEED_TEXT, 'utf16le'))]);
    const b = await analyzeDirective({ text: '', file: file('nq76.txt', utf16) });
    expect(b.sections).toEqual(a.sections);
  });
});

describe('Word documents', () => {
  it('reads a .docx with Word’s automatic numbering and a task table', async () => {
    await actAs('admin');
    const bytes = await makeDocx([
      { text: 'KẾ HOẠCH' },
      { text: 'Triển khai chuyển đổi số năm 2026' },
      { text: 'Về thể chế', level: 0 },
      { text: 'Phòng Tư pháp chủ trì rà soát văn bản quy phạm pháp luật, hoàn thành trước 30/9/2026.', level: 1 },
      { text: 'Các phòng, ban, ngành cập nhật thủ tục hành chính hàng quý.', level: 1 },
      { text: 'Về nguồn lực', level: 0 },
      { text: 'UBND các phường, xã bố trí kinh phí hàng năm.', level: 1 },
    ]);
    const draft = await analyzeDirective({ text: '', file: file('ke-hoach.docx', bytes) });
    expect(draft.sections.map((s) => [s.numeral, s.title, s.tasks.length])).toEqual([
      ['I', 'Về thể chế', 2],
      ['II', 'Về nguồn lực', 1],
    ]);
    const [t1, t2] = draft.sections[0]!.tasks;
    expect(t1).toMatchObject({ number: '1', lead: 'TP', dueDate: '30/09/2026', recurrence: 'ONCE' });
    expect(t2).toMatchObject({ number: '2', lead: null, collective: 'DEPARTMENTS', recurrence: 'QUARTERLY' });
    expect(draft.sections[1]!.tasks[0]).toMatchObject({ collective: 'WARDS_COMMUNES', recurrence: 'YEARLY' });
    expect(draft.programme.title).toBe('Kế hoạch triển khai chuyển đổi số năm 2026');
  });

  it('writes table rows as tab-separated lines', () => {
    const text = documentText({
      type: 'document',
      children: [
        {
          type: 'table',
          children: [
            {
              type: 'tableRow',
              children: ['TT', 'Nhiệm vụ', 'Chủ trì'].map((v) => ({
                type: 'tableCell',
                children: [{ type: 'paragraph', children: [{ type: 'run', children: [{ type: 'text', value: v }] }] }],
              })),
            },
          ],
        },
      ],
    });
    expect(text).toBe('TT\tNhiệm vụ\tChủ trì\n');
  });
});

describe('saving a reviewed proposal', () => {
  it('unknown units, a task given to nobody, a bad date: messages per cell, nothing saved', async () => {
    await actAs('admin');
    const draft = await analyzeDirective({ text: SEED_TEXT, file: null });
    draft.programme.title = 'Thử nhập sai';
    const before = await counts();
    const t = draft.sections[0]!.tasks;
    t[0]!.dueDate = '31/02/2026';
    let parsed = ImportInput.safeParse(draft);
    expect(parsed.success).toBe(false);
    expect(issuesByPath(parsed.error!)['sections.0.tasks.0.dueDate']?.[0]).toContain('dd/mm/yyyy');

    t[0]!.dueDate = '15/09/2021';
    t[1]!.lead = 'KHONG-CO';
    t[2]!.collective = null; // I.3: no lead, no group → nobody
    t[3]!.coordinators = ['NV', 'CUNG-KHONG-CO'];
    parsed = ImportInput.safeParse(draft);
    expect(parsed.success).toBe(true);
    const error = await importProgramme(parsed.data!).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FieldErrors);
    expect(Object.keys((error as InstanceType<typeof FieldErrors>).fields).sort()).toEqual([
      'sections.0.tasks.1.lead',
      'sections.0.tasks.2.lead',
      'sections.0.tasks.3.coordinators',
    ]);
    expect(await counts()).toEqual(before);
  });

  it('a failure after every row was written leaves nothing half-saved', async () => {
    await actAs('admin');
    const draft = await analyzeDirective({ text: SEED_TEXT, file: null });
    draft.programme.title = 'Nhập lỗi giữa chừng';
    const before = await counts();
    failing.on = true;
    await expect(importProgramme(ImportInput.parse(draft))).rejects.toThrow('simulated failure');
    expect(await counts()).toEqual(before);
    expect(await getDb().programme.count({ where: { title: 'Nhập lỗi giữa chừng' } })).toBe(0);
  });

  it('limits: empty sections, too many sections, too long texts are refused by the schema', async () => {
    const base = { programme: { title: 'X', issuingBody: 'UBND thành phố Hà Tĩnh' }, sourceText: '' };
    const task = {
      number: '1',
      title: 'T',
      text: 'Nội dung',
      reformArea: '',
      dueDate: '',
      recurrence: 'ONCE',
      evidenceRequired: true,
      lead: 'NV',
      coordinators: [],
      coordinatingGroup: null,
      collective: null,
    };
    expect(ImportInput.safeParse({ ...base, sections: [] }).success).toBe(false);
    const empty = ImportInput.safeParse({ ...base, sections: [{ numeral: 'I', title: 'Mục', tasks: [] }] });
    expect(issuesByPath(empty.error!)['sections.0.title']?.[0]).toContain('chưa có nhiệm vụ');
    const many = ImportInput.safeParse({
      ...base,
      sections: Array.from({ length: 101 }, () => ({ numeral: 'I', title: 'Mục', tasks: [task] })),
    });
    expect(issuesByPath(many.error!).sections?.[0]).toContain('Tối đa 100 mục');
    const long = ImportInput.safeParse({
      ...base,
      sections: [{ numeral: 'I', title: 'Mục', tasks: [{ ...task, text: 'x'.repeat(20_001) }] }],
    });
    expect(issuesByPath(long.error!)['sections.0.tasks.0.text']?.[0]).toContain('tối đa');
    const periodic = ImportInput.safeParse({
      ...base,
      sections: [{ numeral: 'I', title: 'Mục', tasks: [{ ...task, recurrence: 'MONTHLY', dueDate: '01/01/2027' }] }],
    });
    expect(issuesByPath(periodic.error!)['sections.0.tasks.0.dueDate']?.[0]).toContain('định kỳ');
  });
});
