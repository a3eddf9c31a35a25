/**
 * Indicator administration (decision 023): an administrator creates an indicator with its targets
 * and reporting units in one transaction, edits it, deactivates and reactivates it; bad input is
 * refused in Vietnamese with the entries kept and nothing written; values reported through the
 * report loop are never lost.
 */
import { describe, expect, it, vi } from 'vitest';
import { actAs, currentUser, unitId } from '../support/as-user';
import { form, outcomeOf, snapshot } from '../support/outcome';

vi.mock('../../lib/auth', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  getCurrentUser: async () => currentUser(),
}));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', async () => (await import('../support/outcome')).navigationMock);

const { getDb } = await import('../../lib/db');
const { INITIAL_STATE } = await import('../../lib/action-state');
const actions = await import('../../lib/actions/admin-indicators');
const Indicators = await import('../../lib/data/indicators');
const { saveReport, reviewReport } = await import('../../lib/data/reports');
const { listIndicatorStandings } = await import('../../lib/data/targets');
const { periodContaining } = await import('../../lib/domain/periods');
const { vnDateOf } = await import('../../lib/domain/time');

const db = getDb();

async function targetsProgramme() {
  const section = await db.section.findFirstOrThrow({
    where: { programme: { title: { startsWith: 'Theo dõi các chỉ tiêu' } } },
    select: { id: true, programmeId: true },
  });
  return { programmeId: section.programmeId, sectionId: section.id };
}

async function fields(overrides: Record<string, string> = {}) {
  const { programmeId, sectionId } = await targetsProgramme();
  return {
    programmeId: String(programmeId),
    sectionId: String(sectionId),
    code: 'HT-DVC-01',
    name: 'Tỷ lệ hồ sơ trực tuyến toàn trình',
    text: '',
    reformArea: 'DIGITAL_GOVERNMENT',
    measureUnit: '%',
    direction: 'HIGHER_IS_BETTER',
    baselineValue: '40',
    baselineYear: '2024',
    recurrence: 'HALF_YEARLY',
    targetYear1: '2025',
    targetValue1: '50',
    targetYear2: '2030',
    targetValue2: '92,5',
    targetYear3: '',
    targetValue3: '',
    targetYear4: '',
    targetValue4: '',
    reporterUnitId: String(await unitId('P-TRANPHU')),
    reporterGroup: '',
    ...overrides,
  };
}

const create = async (f: Record<string, string>) =>
  outcomeOf(() => actions.createIndicatorAction(INITIAL_STATE, form(f)));

describe('creating an indicator', () => {
  it('is refused to anyone but the programme managers, writing nothing', async () => {
    const f = await fields({ code: 'HT-KHONG-QUYEN' });
    const before = await snapshot();
    for (const who of ['chutich', 'cb.tranphu', 'tp.vhtt', null]) {
      await actAs(who);
      const out = await create(f);
      expect(out.kind === 'appError' || (out.kind === 'state' && !out.state.ok)).toBe(true);
    }
    expect(await snapshot()).toBe(before);
  });

  it('refuses bad input next to its field, keeps the entries, writes nothing', async () => {
    await actAs('admin');
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ name: '   ' }, 'name', /Nhập tên chỉ tiêu/],
      [{ code: 'HT DVC' }, 'code', /không có khoảng trắng/],
      [{ code: 'NQ76-TTHC-03' }, 'code', /đã được dùng/],
      [{ reformArea: '' }, 'reformArea', /lĩnh vực/],
      [{ recurrence: 'ONCE' }, 'recurrence', /kỳ báo cáo/],
      [{ targetValue2: '9x' }, 'targetValue2', /phải là một số/],
      [{ targetYear2: '1999' }, 'targetYear2', /từ 2000 đến 2100/],
      [{ targetYear2: '2025' }, 'targetYear2', /Năm 2025 đã có mục tiêu/],
      [{ targetValue2: '' }, 'targetValue2', /Nhập giá trị mục tiêu năm 2030/],
      [{ targetYear1: '2023' }, 'targetYear1', /sau năm cơ sở \(2024\)/],
      [{ targetYear1: '', targetValue1: '', targetYear2: '', targetValue2: '' }, 'targetYear1', /ít nhất một mục tiêu/],
      [{ baselineYear: '' }, 'baselineYear', /đi cùng nhau/],
      [{ reporterUnitId: '', reporterGroup: '' }, 'reporterUnitId', /Chọn đơn vị báo cáo/],
      [{ reporterUnitId: String(await unitId('P-TRANPHU')).replace(/.$/, 'x') }, 'reporterUnitId', /./],
    ];
    const before = await snapshot();
    for (const [overrides, field, message] of cases) {
      const f = await fields(overrides);
      const out = await create(f);
      expect(out.kind, JSON.stringify(overrides)).toBe('state');
      if (out.kind !== 'state') continue;
      expect(out.state.ok).toBe(false);
      expect(out.state.fieldErrors?.[field]?.join(' '), JSON.stringify(overrides)).toMatch(message);
      expect(out.state.fields).toEqual(f);
    }
    expect(await snapshot()).toBe(before);
  });

  it('makes the task, the indicator, its targets and the reporting assignments at once, audited', async () => {
    await actAs('admin');
    const f = await fields();
    const out = await create(f);
    expect(out.kind).toBe('redirect');
    const indicator = await db.indicator.findUniqueOrThrow({
      where: { code: 'HT-DVC-01' },
      select: {
        id: true,
        name: true,
        baselineValue: true,
        targets: { orderBy: { year: 'asc' }, select: { year: true, value: true } },
        task: {
          select: {
            programmeId: true,
            recurrence: true,
            reformArea: true,
            assignments: { select: { role: true, unit: { select: { code: true } } } },
          },
        },
      },
    });
    expect(out).toMatchObject({
      url: `/admin/programmes/${indicator.task.programmeId}/indicators/${indicator.id}?notice=indicator-created`,
    });
    expect(indicator.targets.map((t) => [t.year, t.value.toNumber()])).toEqual([
      [2025, 50],
      [2030, 92.5],
    ]);
    expect(indicator.task).toMatchObject({ recurrence: 'HALF_YEARLY', reformArea: 'DIGITAL_GOVERNMENT' });
    expect(indicator.task.assignments).toEqual([{ role: 'IMPLEMENTING', unit: { code: 'P-TRANPHU' } }]);
    expect(
      await db.auditEvent.count({
        where: { action: 'indicator.created', entityType: 'Indicator', entityId: String(indicator.id) },
      }),
    ).toBe(1);
  });

  it('gives it to a whole group when asked', async () => {
    await actAs('tp.noivu');
    const out = await create(await fields({ code: 'HT-DVC-02', reporterUnitId: '', reporterGroup: 'WARDS_COMMUNES' }));
    expect(out.kind).toBe('redirect');
    const wards = await db.unit.count({ where: { active: true, kind: { in: ['WARD', 'COMMUNE'] } } });
    expect(await db.assignment.count({ where: { task: { indicator: { code: 'HT-DVC-02' } } } })).toBe(wards);
  });
});

describe('an indicator reported, edited, deactivated', () => {
  it('a value reported and approved stands against the targets; edits keep it; deactivating keeps it', async () => {
    const indicator = await db.indicator.findUniqueOrThrow({
      where: { code: 'HT-DVC-01' },
      select: { id: true, task: { select: { programmeId: true, assignments: { select: { id: true } } } } },
    });
    const assignmentId = indicator.task.assignments[0]!.id;
    const period = periodContaining('HALF_YEARLY', vnDateOf(new Date()));
    await actAs('cb.tranphu');
    const report = await saveReport({
      assignmentId,
      periodKey: period.key,
      version: 0,
      progress: 100,
      value: 61.5,
      content: 'Số liệu trích xuất từ hệ thống của tỉnh.',
      difficulties: null,
      proposals: null,
      noEvidenceReason: 'Số liệu trích xuất trực tiếp.',
      intent: 'submit',
    });
    await actAs('tp.noivu');
    await reviewReport({ reportId: report.reportId, version: report.version, decision: 'approve', comment: '' });
    await actAs('chutich');
    const standing = (await listIndicatorStandings()).find((i) => i.code === 'HT-DVC-01')!;
    expect(standing.targets).toEqual([
      { year: 2025, value: 50 },
      { year: 2030, value: 92.5 },
    ]);
    expect(standing.units).toHaveLength(1);
    expect(standing.units[0]!.latest).toMatchObject({ value: 61.5, reportId: report.reportId });
    expect(standing.units[0]!.path).toMatchObject({ year: 2030, value: 92.5, met: false });

    // Edit: a 2027 target added, the name changed; the period cannot change once reported.
    await actAs('admin');
    const edit = {
      indicatorId: String(indicator.id),
      code: 'HT-DVC-01',
      name: 'Tỷ lệ hồ sơ được giải quyết trực tuyến toàn trình',
      text: '',
      reformArea: 'DIGITAL_GOVERNMENT',
      measureUnit: '%',
      direction: 'HIGHER_IS_BETTER',
      baselineValue: '40',
      baselineYear: '2024',
      recurrence: 'QUARTERLY',
      targetYear1: '2025',
      targetValue1: '50',
      targetYear2: '2027',
      targetValue2: '70',
      targetYear3: '2030',
      targetValue3: '92,5',
    };
    const before = await snapshot();
    const refused = await outcomeOf(() => actions.updateIndicatorAction(INITIAL_STATE, form(edit)));
    expect(refused).toMatchObject({ kind: 'state', state: { ok: false, fields: edit } });
    expect(refused.kind === 'state' && refused.state.fieldErrors?.recurrence?.[0]).toMatch(/không đổi kỳ báo cáo/);
    expect(await snapshot()).toBe(before);
    const saved = await outcomeOf(() =>
      actions.updateIndicatorAction(INITIAL_STATE, form({ ...edit, recurrence: 'HALF_YEARLY' })),
    );
    expect(saved).toMatchObject({ kind: 'state', state: { ok: true } });
    const after = await db.indicator.findUniqueOrThrow({
      where: { id: indicator.id },
      select: {
        name: true,
        targets: { orderBy: { year: 'asc' }, select: { year: true } },
        task: { select: { title: true } },
      },
    });
    expect(after.name).toBe(edit.name);
    expect(after.task.title).toBe(`Báo cáo chỉ tiêu: ${edit.name}`);
    expect(after.targets.map((t) => t.year)).toEqual([2025, 2027, 2030]);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: 'indicator.updated', entityId: String(indicator.id) },
      select: { data: true },
    });
    expect(Object.keys((audit.data as { changes: object }).changes).sort()).toEqual(['name', 'targets', 'text']);

    // Deactivate: gone from the dashboard, the report and its value stay; reactivate brings it back.
    const off = await outcomeOf(() =>
      actions.indicatorStatusAction(INITIAL_STATE, form({ indicatorId: String(indicator.id), intent: 'deactivate' })),
    );
    expect(off).toMatchObject({ kind: 'state', state: { ok: true } });
    const twice = await outcomeOf(() =>
      actions.indicatorStatusAction(INITIAL_STATE, form({ indicatorId: String(indicator.id), intent: 'deactivate' })),
    );
    expect(twice).toMatchObject({ kind: 'state', state: { ok: false, message: 'Chỉ tiêu đã ngừng theo dõi.' } });
    await actAs('chutich');
    expect((await listIndicatorStandings()).some((i) => i.code === 'HT-DVC-01')).toBe(false);
    expect(
      await db.report.findUniqueOrThrow({ where: { id: report.reportId }, select: { value: true } }),
    ).toMatchObject({ value: expect.anything() });
    await actAs('admin');
    await Indicators.setIndicatorActive(indicator.id, true);
    await actAs('chutich');
    const back = (await listIndicatorStandings()).find((i) => i.code === 'HT-DVC-01')!;
    expect(back.units[0]!.latest).toMatchObject({ value: 61.5 });
    expect(
      await db.auditEvent.count({
        where: { entityId: String(indicator.id), action: { in: ['indicator.deactivated', 'indicator.reactivated'] } },
      }),
    ).toBe(2);
  });

  it('the edit page of an indicator is not found under another programme', async () => {
    await actAs('admin');
    const indicator = await db.indicator.findUniqueOrThrow({ where: { code: 'HT-DVC-01' }, select: { id: true } });
    const other = await db.programme.findFirstOrThrow({
      where: { title: { startsWith: 'Triển khai Nghị quyết 76' } },
      select: { id: true },
    });
    await expect(Indicators.getIndicatorForEdit(indicator.id, other.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
