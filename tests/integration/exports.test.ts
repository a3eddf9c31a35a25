/**
 * The export routes on the seeded city: the Excel table is streamed (rows read page by page) and
 * adds up to exactly the dashboard's numbers for the same filters; the Word report is bounded and
 * laid out as Decree 30/2020 asks; failures before the first byte are Vietnamese pages.
 * (The hand-counted fixture's exports are checked in dashboard.test.ts.)
 */
import { PassThrough } from 'node:stream';
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { DrillRow } from '../../lib/data/dashboard-shape';
import { actAs, currentUser } from '../support/as-user';

let authFails = false;
vi.mock('../../lib/auth', () => ({
  getCurrentUser: async () => {
    if (authFails) throw new Error('connection refused at 10.0.0.7:5432 (secret detail)');
    return currentUser();
  },
}));

const { getDb } = await import('../../lib/db');
const { getDashboard, listDashboardAssignments } = await import('../../lib/data/dashboard');
const { getExportSource } = await import('../../lib/data/exports');
const { exportRows } = await import('../../lib/data/export-rows');
const { parseDashboardParams, parseDrillParams } = await import('../../lib/validation/dashboard');
const { writeSummaryWorkbook, linesFor, listWriters } = await import('../../lib/exports/xlsx');
const { buildReportDocument, BEHIND_ROWS, closingSentence, withoutNumeral } = await import('../../lib/exports/docx');
const { GET: xlsxRoute } = await import('../../app/api/exports/xlsx/route');
const { GET: docxRoute } = await import('../../app/api/exports/docx/route');
const { headlineNumbers } = await import('../../lib/exports/text');
const { streamedBody } = await import('../../app/api/exports/http');

beforeAll(async () => {
  await actAs('chutich');
});

async function readWorkbook(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

function findRow(sheet: ExcelJS.Worksheet, column: number, text: string): number {
  for (let r = 1; r <= sheet.rowCount; r += 1) if (sheet.getCell(r, column).value === text) return r;
  throw new Error(`no row with ${text}`);
}

/** The body of a streamed response, chunk by chunk. */
async function readStream(res: Response): Promise<{ chunks: number; bytes: Buffer }> {
  const reader = res.body!.getReader();
  const parts: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
  }
  return { chunks: parts.length, bytes: Buffer.concat(parts) };
}

function wordXml(buf: Buffer): string {
  let eocd = buf.length - 22;
  while (buf.readUInt32LE(eocd) !== 0x06054b50) eocd -= 1;
  let p = buf.readUInt32LE(eocd + 16);
  for (let i = buf.readUInt16LE(eocd + 10); i > 0; i -= 1) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLength = buf.readUInt16LE(p + 28);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLength);
    if (name === 'word/document.xml') {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + size);
      return (method === 0 ? data : inflateRawSync(data)).toString('utf8');
    }
    p += 46 + nameLength + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  throw new Error('no document.xml');
}

const textOf = (xml: string) => [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]!).join('');

describe('Excel, streamed', () => {
  for (const [label, query] of [
    ['now, whole city', ''],
    ['a past quarter, wards and communes only', 'period=2026-Q2&kind=LOCAL'],
  ] as const) {
    it(`opens, and its totals are the dashboard's headline (${label})`, async () => {
      const res = await xlsxRoute(new Request(`http://localhost/api/exports/xlsx?${query}`));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-length')).toBeNull(); // streamed: the length is not known up front
      const { bytes } = await readStream(res);
      expect(bytes.subarray(0, 2).toString()).toBe('PK');
      const wb = await readWorkbook(bytes);

      const d = await getDashboard({ ...parseDashboardParams(new URLSearchParams(query)), heat: 'section' });
      const h = headlineNumbers(d.headline);
      const expected = [h.total, h.done, h.doneOnTime, h.doneLate, h.open, h.openOnTime, h.openOverdue];

      const units = wb.getWorksheet('Theo đơn vị')!;
      const total = findRow(units, 2, 'Tổng cộng');
      // Printed as a form: A4 landscape, one page wide, the header repeated, the signatures inside the print area.
      expect(units.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToWidth: 1 });
      expect(units.pageSetup.printTitlesRow).toMatch(/^\d+:\d+$/);
      expect(units.pageSetup.printArea).toMatch(new RegExp(`^A1:N(\\d+)$`));
      expect(Number(/(\d+)$/.exec(units.pageSetup.printArea!)![1])).toBeGreaterThan(total + 5);
      expect([4, 5, 6, 7, 8, 9, 10].map((c) => units.getCell(total, c).value)).toEqual(expected);
      // The subtotals of departments and of wards and communes add up to the total.
      const groups = ['Các phòng, ban, đơn vị thuộc thành phố', 'Các phường, xã'].flatMap((g) => {
        try {
          return [findRow(units, 2, g)];
        } catch {
          return [];
        }
      });
      expect(groups.length).toBeGreaterThan(0);
      expect(groups.reduce((n, r) => n + Number(units.getCell(r, 4).value), 0)).toBe(h.total);

      for (const name of ['Theo mục', 'Theo lĩnh vực CCHC']) {
        const sheet = wb.getWorksheet(name)!;
        const r = findRow(sheet, 2, 'Tổng cộng');
        expect([3, 4, 5, 6, 7, 8, 9].map((c) => sheet.getCell(r, c).value)).toEqual(expected);
      }

      // One list row per assignment counted, each with a status the headline counts.
      const list = wb.getWorksheet('Danh sách nhiệm vụ')!;
      const head = findRow(list, 1, 'STT');
      const statuses = new Map<string, number>();
      list.eachRow((row, r) => {
        if (r > head)
          statuses.set(String(row.getCell(10).value), (statuses.get(String(row.getCell(10).value)) ?? 0) + 1);
      });
      expect(list.rowCount - head).toBe(h.total);
      expect(statuses.get('Đang thực hiện quá hạn') ?? 0).toBe(h.openOverdue);
      expect((statuses.get('Hoàn thành đúng hạn') ?? 0) + (statuses.get('Hoàn thành quá hạn') ?? 0)).toBe(h.done);
    });
  }

  it('reads the list through one cursor: any batch size gives every row once, in assignment order', async () => {
    const source = await getExportSource(parseDashboardParams({}));
    const collect = async (batch: number) => {
      const ids: number[] = [];
      let pages = 0;
      for await (const page of exportRows(getDb(), source.dashboard.asOf, { kind: 'CITY' }, {}, { batch })) {
        pages += 1;
        ids.push(...page.map((r) => r.assignmentId));
      }
      return { ids, pages };
    };
    const small = await collect(7);
    const whole = await collect(1_000_000);
    expect(small.pages).toBeGreaterThan(10);
    expect(whole.pages).toBe(1);
    expect(small.ids).toEqual(whole.ids);
    expect(new Set(small.ids).size).toBe(small.ids.length);
    expect([...small.ids].sort((a, b) => a - b)).toEqual(small.ids);
    expect(small.ids.length).toBe(source.dashboard.headline.total);
  });

  // The list and the dashboard's drill-down are two queries over one status rule: every row of
  // the export must be the row the drill-down shows — same assignments, statuses, deadlines,
  // days overdue, units, lead units and last reports — for each kind of scope, now and in the past.
  // (The list does not count missed periods: that column is the drill-down's alone.)
  const withoutMissed = (row: DrillRow) => ({ ...row, missedPeriods: null });
  for (const [user, query] of [
    ['chutich', ''],
    ['chutich', 'period=2026-Q2&kind=LOCAL'],
    ['tp.noivu', ''],
    ['cb.tranphu', ''],
    ['cb.tranphu', 'period=2026-Q3'],
  ] as const) {
    it(`every list row is the drill-down's row (${user}${query ? `, ${query}` : ''})`, async () => {
      await actAs(user);
      try {
        const filters = parseDashboardParams(new URLSearchParams(query));
        const source = await getExportSource(filters);
        const exported: DrillRow[] = [];
        for await (const page of source.rows()) exported.push(...page);
        const drill = await listDashboardAssignments(filters, parseDrillParams({}), { pageSize: 100_000 });
        expect(drill.total).toBeGreaterThan(0);
        expect(exported.length).toBe(drill.total);
        const shown = drill.rows.map(withoutMissed).sort((a, b) => a.assignmentId - b.assignmentId);
        expect(exported.map(withoutMissed)).toEqual(shown);
        expect(new Set(exported.map((r) => r.status)).size).toBeGreaterThan(2);
      } finally {
        await actAs('chutich');
      }
    });
  }

  it('wrapped text gets a row tall enough for its lines', async () => {
    const res = await xlsxRoute(new Request('http://localhost/api/exports/xlsx'));
    const wb = await readWorkbook((await readStream(res)).bytes);
    const list = wb.getWorksheet('Danh sách nhiệm vụ')!;
    const head = findRow(list, 1, 'STT');
    const width = list.getColumn(3).width!;
    let checked = 0;
    list.eachRow((row, r) => {
      const title = String(row.getCell(3).value ?? '');
      if (r <= head || title.length <= width) return;
      expect(row.getCell(3).alignment?.wrapText).toBe(true);
      expect(row.height, title).toBeGreaterThanOrEqual(linesFor(title, width) * 15);
      checked += 1;
    });
    expect(checked).toBeGreaterThan(0);
    expect(linesFor('Phường Một', 30)).toBe(1);
    expect(linesFor('a '.repeat(200), 20)).toBeGreaterThan(5);
  });

  it('many exports at once all finish, at most two writing their list at a time', async () => {
    const source = await getExportSource(parseDashboardParams({}));
    let active = 0;
    let most = 0;
    const exports = Array.from({ length: 6 }, async () => {
      const out = new PassThrough();
      out.resume();
      const rows = async function* () {
        active += 1;
        most = Math.max(most, active);
        try {
          for await (const page of source.rows()) yield page;
        } finally {
          active -= 1;
        }
      };
      await writeSummaryWorkbook({ ...source, rows }, out);
    });
    await Promise.all(exports);
    expect(most).toBe(2);
    expect(active).toBe(0);
  });

  it('the list leaves while it is written: the zip takes each page before the next is read', async () => {
    const source = await getExportSource(parseDashboardParams({}));
    let first: DrillRow | undefined;
    for await (const page of source.rows()) {
      first = page[0];
      if (first) break;
    }
    expect(first).toBeDefined();
    let sent = 0;
    const out = new PassThrough();
    out.on('data', (chunk: Buffer) => (sent += chunk.length));
    const PAGES = 40;
    const sentBefore: number[] = [];
    const rows = async function* () {
      for (let p = 0; p < PAGES; p += 1) {
        sentBefore.push(sent);
        yield Array.from({ length: 2000 }, (_, i) => ({ ...first!, taskTitle: `${first!.taskTitle} ${p}-${i}` }));
      }
    };
    await writeSummaryWorkbook({ ...source, rows }, out);
    // Without waiting for the zip, exceljs held every page until the sheet ended (0.1 MB of 10 MB out).
    expect(sentBefore[30]!).toBeGreaterThan(sent * 0.4);
  });

  it('a client that goes away stops the export at the next page', async () => {
    const source = await getExportSource(parseDashboardParams({}));
    let pages = 0;
    // Resolved when the writer lets go of the rows (an async generator's finally runs then); if it
    // never did, the test would end at its time limit.
    let released!: () => void;
    const done = new Promise<void>((resolve) => (released = resolve));
    const rows = async function* () {
      try {
        for await (const page of exportRows(getDb(), source.dashboard.asOf, { kind: 'CITY' }, {}, { batch: 5 })) {
          pages += 1;
          yield page;
        }
      } finally {
        released();
      }
    };
    const reader = streamedBody(writeSummaryWorkbook, { ...source, rows }).getReader();
    await reader.read();
    await reader.cancel();
    await done;
    expect(pages).toBeGreaterThan(0);
    expect(pages).toBeLessThan(10);
  });

  it('a client that goes away while waiting for its turn leaves the queue; the file it waited for is never read', async () => {
    const source = await getExportSource(parseDashboardParams({}));
    // Every turn taken, as by exports already writing their lists.
    const held = await Promise.all(Array.from({ length: listWriters.limit }, () => listWriters.acquire()));
    let read = false;
    const rows = async function* () {
      read = true;
      yield* source.rows();
    };
    const reader = streamedBody(writeSummaryWorkbook, { ...source, rows }).getReader();
    await reader.read(); // the first bytes (the summary sheets) come before the turn
    await vi.waitFor(() => expect(listWriters.waiting).toBe(1));
    await reader.cancel();
    await vi.waitFor(() => expect(listWriters.waiting).toBe(0));
    for (const release of held) release();
    expect(listWriters.active).toBe(0);
    expect(read).toBe(false);
  });

  it('a failure after the first byte aborts the stream instead of ending a truncated file', async () => {
    const source = await getExportSource(parseDashboardParams({}));
    const out = new PassThrough();
    out.resume();
    const broken = {
      ...source,
      rows: async function* () {
        yield [];
        throw new Error('database went away');
      },
    };
    await expect(writeSummaryWorkbook(broken, out)).rejects.toThrow('database went away');
  });
});

describe('errors before the first byte are Vietnamese pages', () => {
  it('signed out: 401 with a link to sign in', async () => {
    await actAs(null);
    const res = await xlsxRoute(new Request('http://localhost/api/exports/xlsx'));
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    expect(html).toContain('lang="vi"');
    expect(html).toContain('Không tạo được tệp');
    expect(html).toContain('href="/login"');
    await actAs('chutich');
  });

  it('an unexpected failure: 500 with a plain message, never the raw error', async () => {
    authFails = true;
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      for (const route of [xlsxRoute, docxRoute]) {
        const res = await route(new Request('http://localhost/api/exports/xlsx'));
        expect(res.status).toBe(500);
        const html = await res.text();
        expect(html).toContain('Hệ thống chưa tạo được tệp báo cáo');
        expect(html).not.toContain('secret');
        expect(html).not.toContain('10.0.0.7');
      }
    } finally {
      authFails = false;
      spy.mockRestore();
    }
  });
});

describe('Word, Decree 30/2020 layout', () => {
  it('one-line Quốc hiệu, sections numbered once, a wide STT column, the chairman named under the signature', async () => {
    const res = await docxRoute(new Request('http://localhost/api/exports/docx'));
    expect(res.status).toBe(200);
    const xml = wordXml(Buffer.from(await res.arrayBuffer()));
    const text = textOf(xml);
    // Quốc hiệu: one paragraph at 12 pt in a right column of at least 100 mm (5,670 twips) with no inner margins.
    expect(xml).toMatch(/<w:sz w:val="24"\/>(?:(?!<\/w:p>)[\s\S])*CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/);
    const headCols = [...xml.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(headCols[1]).toBeGreaterThanOrEqual(5670);
    expect(text).not.toMatch(/\d\. [IVX]+\. /);
    expect(text).toContain('1. Về công tác chỉ đạo');
    // STT columns: at least 12 mm.
    const tables = [...xml.matchAll(/<w:tblGrid>([\s\S]*?)<\/w:tblGrid>[\s\S]*?<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)];
    const stt = tables.filter((t) => t[2] === 'STT').map((t) => Number(/w:w="(\d+)"/.exec(t[1]!)![1]));
    expect(stt.length).toBeGreaterThan(0);
    for (const w of stt) expect(w).toBeGreaterThanOrEqual(680);
    expect(text).toContain('TM. ỦY BAN NHÂN DÂNCHỦ TỊCHTrần Văn Minh');
    expect(text.match(/của Ủy ban nhân dân thành phố/g)?.length ?? 0).toBeLessThanOrEqual(2); // title and closing, never twice in one sentence
    expect(text).toContain(
      'Trên đây là báo cáo kết quả thực hiện các chương trình, kế hoạch của Ủy ban nhân dân thành phố./.',
    );
  });

  it('no chairman account: a line to write the name on', async () => {
    await getDb().user.updateMany({ where: { username: 'chutich' }, data: { jobTitle: 'Nguyên Chủ tịch (đã nghỉ)' } });
    try {
      const source = await getExportSource(parseDashboardParams({}));
      expect(source.signer.name).toBeNull();
      expect(textOf(wordXml(await buildReportDocument(source)))).toContain('CHỦ TỊCH……………………………');
    } finally {
      await getDb().user.updateMany({ where: { username: 'chutich' }, data: { jobTitle: 'Chủ tịch UBND thành phố' } });
    }
  });

  it('bounded: the units behind are the worst few, with a count of the rest', async () => {
    const source = await getExportSource(parseDashboardParams({}));
    const template = source.dashboard.units[0]!;
    const units = Array.from({ length: BEHIND_ROWS + 12 }, (_, i) => ({
      ...template,
      unitId: 100_000 + i,
      name: `Đơn vị thử ${i + 1}`,
      rank: i + 1,
      counts: { ...template.counts, IN_PROGRESS_OVERDUE: 50 - i, total: template.counts.total + 50 },
    }));
    const text = textOf(wordXml(await buildReportDocument({ ...source, dashboard: { ...source.dashboard, units } })));
    expect(text).toContain(`Đơn vị thử ${BEHIND_ROWS}`);
    expect(text).not.toContain(`Đơn vị thử ${BEHIND_ROWS + 1}<`);
    expect(text).not.toMatch(new RegExp(`Đơn vị thử ${BEHIND_ROWS + 1}\\b`));
    // the 12 left out had 50-30 … 50-41 overdue: 20+19+…+9 = 174
    expect(text).toContain(`12 đơn vị khác còn 174 nhiệm vụ quá hạn`);
  });

  it('closing sentence and section titles', () => {
    expect(closingSentence('Kế hoạch cải cách hành chính năm 2026')).toBe(
      'Trên đây là báo cáo kết quả thực hiện Kế hoạch cải cách hành chính năm 2026 của Ủy ban nhân dân thành phố./.',
    );
    expect(closingSentence('Chương trình hành động của UBND thành phố Hà Tĩnh')).toBe(
      'Trên đây là báo cáo kết quả thực hiện Chương trình hành động của UBND thành phố Hà Tĩnh./.',
    );
    expect(withoutNumeral('IV. Về bố trí nguồn lực')).toBe('Về bố trí nguồn lực');
    expect(withoutNumeral('Việc chung')).toBe('Việc chung');
  });
});
