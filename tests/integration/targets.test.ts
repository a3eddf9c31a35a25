/**
 * Targets (chỉ tiêu), decision 014: an indicator's values go through its task's report loop, only
 * approved values count, and each unit's latest approved value is judged against the trajectory.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { actAs, currentUser } from '../support/as-user';

vi.mock('../../lib/auth', () => ({ getCurrentUser: async () => currentUser() }));

const { getDb } = await import('../../lib/db');
const { saveReport, reviewReport } = await import('../../lib/data/reports');
const { listIndicatorStandings } = await import('../../lib/data/targets');
const { periodContaining, previousPeriod } = await import('../../lib/domain/periods');
const { requiredOn } = await import('../../lib/domain/targets');
const { vnDateOf } = await import('../../lib/domain/time');
const { getExportSource } = await import('../../lib/data/exports');
const { parseDashboardParams } = await import('../../lib/validation/dashboard');
const { buildSummaryWorkbook } = await import('../../lib/exports/xlsx');
const { buildReportDocument } = await import('../../lib/exports/docx');
const ExcelJS = (await import('exceljs')).default;
const mammoth = (await import('mammoth')).default;

const base = { difficulties: null, proposals: null, noEvidenceReason: 'Số liệu trích xuất từ hệ thống của tỉnh.' };
const current = periodContaining('HALF_YEARLY', vnDateOf(new Date()));
const previous = previousPeriod(current)!;
let onlineTranPhu: number;

async function indicatorAssignment(code: string, unitCode: string) {
  return getDb().assignment.findFirstOrThrow({
    where: { unit: { code: unitCode }, task: { indicator: { code } } },
    select: { id: true },
  });
}

const standing = async (code: string) => (await listIndicatorStandings()).find((i) => i.code === code)!;
const unitRow = (s: Awaited<ReturnType<typeof standing>>, name: string) => s.units.find((u) => u.unitName === name)!;

beforeAll(async () => {
  onlineTranPhu = (await indicatorAssignment('NQ76-TTHC-03', 'P-TRANPHU')).id;
});

describe('the seeded targets of Resolution 76', () => {
  it('are the checked ones, each with its targets and reporting units', async () => {
    await actAs('chutich');
    const all = await listIndicatorStandings();
    expect(all.map((i) => i.code)).toEqual([
      'NQ76-CPS-01',
      'NQ76-TTHC-01',
      'NQ76-TTHC-02',
      'NQ76-TTHC-03',
      'NQ76-TTHC-04',
      'NQ76-TTHC-05',
    ]);
    const online = all.find((i) => i.code === 'NQ76-TTHC-03')!;
    expect(online.targets).toEqual([
      { year: 2025, value: 80 },
      { year: 2030, value: 90 },
    ]);
    expect(online.verified).toBe(true);
    expect(online.units).toHaveLength(15); // every ward and commune
    expect(all.find((i) => i.code === 'NQ76-TTHC-01')!.units.map((u) => u.unitName)).toEqual(['Phòng Tư pháp']);
  });

  it('judge each unit’s latest approved value against the trajectory: green, amber, red, none', async () => {
    await actAs('chutich');
    const online = await standing('NQ76-TTHC-03');
    expect(unitRow(online, 'Phường Trần Phú').rag).toBe('GREEN');
    expect(unitRow(online, 'Phường Bắc Hà').rag).toBe('AMBER');
    expect(unitRow(online, 'Phường Nguyễn Du').rag).toBe('RED');
    expect(unitRow(online, 'Xã Thạch Hạ').rag).toBe('RED');
    expect(unitRow(online, 'Phường Văn Yên')).toMatchObject({ latest: null, rag: null });
    expect(online.counts).toEqual({ GREEN: 3, AMBER: 1, RED: 2, NONE: 9 });
    // Nam Hà's report of this half-year waits for approval: its latest approved value is the previous one.
    expect(unitRow(online, 'Phường Nam Hà').latest).toMatchObject({ periodLabel: previous.label });
    const tranPhu = unitRow(online, 'Phường Trần Phú');
    expect(tranPhu.required).toBeCloseTo(
      requiredOn({ ...online, baselineValue: 32, baselineYear: 2020 }, previous.end)!,
      6,
    );
    expect(tranPhu.path).toMatchObject({ year: 2030, value: 90, met: false });
  });

  it('show an officer only their own unit, and nothing of indicators their unit does not report', async () => {
    await actAs('cb.tranphu');
    const all = await listIndicatorStandings();
    expect(all.map((i) => i.code)).not.toContain('NQ76-TTHC-01');
    for (const indicator of all) expect(indicator.units.map((u) => u.unitName)).toEqual(['Phường Trần Phú']);
  });
});

describe('a unit reports a value through the report loop', () => {
  it('is refused without a value, counts only once approved, and then moves the unit’s standing', async () => {
    await actAs('cb.tranphu');
    const draft = await saveReport({
      ...base,
      assignmentId: onlineTranPhu,
      periodKey: current.key,
      version: 0,
      progress: 100,
      content: 'Số liệu 6 tháng cuối năm theo hệ thống của tỉnh.',
      intent: 'save',
    });
    await expect(
      saveReport({
        ...base,
        assignmentId: onlineTranPhu,
        periodKey: current.key,
        version: draft.version,
        progress: 100,
        content: 'Số liệu 6 tháng cuối năm theo hệ thống của tỉnh.',
        value: null,
        intent: 'submit',
      }),
    ).rejects.toMatchObject({ field: 'value' });
    const submitted = await saveReport({
      ...base,
      assignmentId: onlineTranPhu,
      periodKey: current.key,
      version: draft.version,
      progress: 100,
      content: 'Số liệu 6 tháng cuối năm theo hệ thống của tỉnh.',
      value: 60.25,
      intent: 'submit',
    });
    await actAs('chutich');
    expect(unitRow(await standing('NQ76-TTHC-03'), 'Phường Trần Phú').latest?.periodLabel).toBe(previous.label);

    await actAs('tp.noivu');
    await reviewReport({ reportId: submitted.reportId, version: submitted.version, decision: 'approve', comment: '' });
    await actAs('chutich');
    const row = unitRow(await standing('NQ76-TTHC-03'), 'Phường Trần Phú');
    expect(row.latest).toMatchObject({ value: 60.25, periodLabel: current.label, reportId: submitted.reportId });
    expect(row.rag).toBe('RED'); // far below a trajectory past 80%
    expect(row.path).toMatchObject({ year: 2030, value: 90, met: false });
    expect(row.path!.change).toBeCloseTo(29.75, 6);
  });

  it('a returned value does not count', async () => {
    const assignmentId = (await indicatorAssignment('NQ76-TTHC-04', 'P-THACHQUY')).id;
    await actAs('chutich');
    const before = unitRow(await standing('NQ76-TTHC-04'), 'Phường Thạch Quý').latest;
    await actAs('cb.thachquy');
    const submitted = await saveReport({
      ...base,
      assignmentId,
      periodKey: current.key,
      version: 0,
      progress: 100,
      content: 'Số liệu 6 tháng cuối năm theo hệ thống của tỉnh.',
      value: 99,
      intent: 'submit',
    });
    await actAs('tp.noivu');
    await reviewReport({
      reportId: submitted.reportId,
      version: submitted.version,
      decision: 'return',
      comment: 'Số liệu chưa khớp với hệ thống của tỉnh.',
    });
    await actAs('chutich');
    expect(unitRow(await standing('NQ76-TTHC-04'), 'Phường Thạch Quý').latest).toEqual(before);
  });

  it('a task that reports no indicator keeps no value', async () => {
    await actAs('cb.tranphu');
    const assignment = await getDb().assignment.findFirstOrThrow({
      where: { unit: { code: 'P-TRANPHU' }, task: { number: '4', section: { numeral: 'I' }, indicator: { is: null } } },
      select: { id: true },
    });
    const saved = await saveReport({
      ...base,
      assignmentId: assignment.id,
      periodKey: 'ONCE',
      version: 0,
      progress: 20,
      content: 'Đang dự thảo',
      value: 42,
      intent: 'save',
    });
    const report = await getDb().report.findUniqueOrThrow({ where: { id: saved.reportId }, select: { value: true } });
    expect(report.value).toBeNull();
  });
});

describe('the exports gain a targets section', () => {
  it('Excel: sheet "Chỉ tiêu" (Biểu số 05) with each indicator and each unit judged', async () => {
    await actAs('chutich');
    const source = await getExportSource(parseDashboardParams({}));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildSummaryWorkbook({ ...source, rows: [] })) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Chỉ tiêu')!;
    expect(sheet).toBeDefined();
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))));
    expect(rows.some((r) => r.includes('BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU'))).toBe(true);
    const indicator = rows.findIndex(
      (r) => r[1] === 'Tỷ lệ thủ tục hành chính cung cấp dịch vụ công trực tuyến mức độ 3, 4',
    );
    expect(rows[indicator]![3]).toBe('80% (2025), 90% (2030)');
    const nguyenDu = rows.slice(indicator).find((r) => r[1] === 'Phường Nguyễn Du')!;
    expect(nguyenDu[7]).toBe('Chậm so với lộ trình');
    expect(Number(nguyenDu[4])).toBeGreaterThan(0);
    const vanYen = rows.slice(indicator).find((r) => r[1] === 'Phường Văn Yên')!;
    expect(vanYen[7]).toBe('Chưa có số liệu được duyệt');
  });

  it('Word: section IV lists the indicators and the units behind; proposals move to V', async () => {
    await actAs('chutich');
    const source = await getExportSource(parseDashboardParams({}));
    const { value: text } = await mammoth.extractRawText({ buffer: await buildReportDocument(source) });
    expect(text).toContain('IV. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU');
    expect(text).toContain('V. ĐỀ XUẤT, KIẾN NGHỊ');
    expect(text).toMatch(
      /Tỷ lệ thủ tục hành chính cung cấp dịch vụ công trực tuyến mức độ 3, 4: chậm so với lộ trình: [^\n]*Phường Nguyễn Du \(/,
    );
    const { value: without } = await mammoth.extractRawText({
      buffer: await buildReportDocument({ ...source, targets: [] }),
    });
    expect(without).not.toContain('CHỈ TIÊU');
    expect(without).toContain('IV. ĐỀ XUẤT, KIẾN NGHỊ');
  });
});
