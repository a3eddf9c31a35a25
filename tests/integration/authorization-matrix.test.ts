/**
 * The authorization matrix (issue 10, item 8): every server action and route handler × every kind
 * of user — signed out, administrator, chairman, the standing office's head, another department's
 * head, the unit's officer, another unit's officer. Each row is a valid request for one resource.
 *
 * A denied cell must be refused (not signed in / forbidden / not found: a form message, a 401/403/404,
 * or a redirect to the login page or the list) and must write nothing (checksum of every table and
 * the upload folder). Then each row is sent once by a user who may: it must succeed, so no row
 * passes only because its request was malformed. A new action or route without a row fails the
 * matrix. The e2e authorization spec drives the same rules through the built app for the pages.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { actAs, currentUser, unitId } from '../support/as-user';
import { calledEndpoints, listEndpoints, track } from '../support/endpoints';
import { expectVietnamese, form, outcomeOf, snapshot as snapshotOf, type Outcome } from '../support/outcome';

const uploadDir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-matrix-'));
process.env.UPLOAD_DIR = uploadDir;
process.env.AUTH_SECRET ??= 'matrix-secret';

vi.mock('../../lib/auth', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  getCurrentUser: async () => currentUser(),
}));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', async () => (await import('../support/outcome')).navigationMock);

const { getDb } = await import('../../lib/db');
const { INITIAL_STATE } = await import('../../lib/action-state');
const { jobToken } = await import('../../lib/job-token');
const { saveReport } = await import('../../lib/data/reports');
const { addEvidence } = await import('../../lib/data/evidence');
const Programmes = await import('../../lib/data/programmes');
const Sections = await import('../../lib/data/sections');
const Tasks = await import('../../lib/data/tasks');
const U = await import('../../lib/data/units');
const { ProgrammeInput, SectionInput, TaskCreateInput } = await import('../../lib/validation/programme');
const { UnitInput } = await import('../../lib/validation/unit');
const { periodContaining } = await import('../../lib/domain/periods');
const { addDays, formatDateVn, vnDateOf } = await import('../../lib/domain/time');
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
const urging = track('lib/actions/urging.ts', await import('../../lib/actions/urging'));
const letterRoute = track(
  'app/api/urging-letters/[letterId]/route.ts',
  await import('../../app/api/urging-letters/[letterId]/route'),
);
const apiTokens = track('lib/actions/admin-api-tokens.ts', await import('../../lib/actions/admin-api-tokens'));
const { issueApiToken } = await import('../../lib/data/api-tokens');
const { getAssignment } = await import('../../lib/data/work');
const { refuseApiWrite } = await import('../../lib/api/read-only');
const { ApiTokenInput } = await import('../../lib/validation/api-token');
/** The API's routes (decision 020), by their path under /api/v1. */
const V1_ROUTES = {
  '/programmes': track('app/api/v1/programmes/route.ts', await import('../../app/api/v1/programmes/route')),
  '/programmes/{programmeId}/tasks': track(
    'app/api/v1/programmes/[programmeId]/tasks/route.ts',
    await import('../../app/api/v1/programmes/[programmeId]/tasks/route'),
  ),
  '/assignments': track('app/api/v1/assignments/route.ts', await import('../../app/api/v1/assignments/route')),
  '/assignments/{assignmentId}': track(
    'app/api/v1/assignments/[assignmentId]/route.ts',
    await import('../../app/api/v1/assignments/[assignmentId]/route'),
  ),
  '/assignments/{assignmentId}/reports': track(
    'app/api/v1/assignments/[assignmentId]/reports/route.ts',
    await import('../../app/api/v1/assignments/[assignmentId]/reports/route'),
  ),
  '/indicators': track('app/api/v1/indicators/route.ts', await import('../../app/api/v1/indicators/route')),
} as const;
type V1Path = keyof typeof V1_ROUTES;
/** A GET of the API as a caller sends it: `secret` in the Authorization header, if any. */
function v1(path: V1Path, ids: Record<string, number>, secret?: string): Promise<Response> {
  const url = path.replace(/\{(\w+)\}/g, (_m, name: string) => String(ids[name]));
  const request = new Request(`http://localhost/api/v1${url}`, {
    headers: secret ? { authorization: `Bearer ${secret}` } : {},
  });
  const params = Promise.resolve(Object.fromEntries(Object.entries(ids).map(([k, v]) => [k, String(v)])));
  return (V1_ROUTES[path].GET as (r: Request, c: unknown) => Promise<Response>)(request, { params });
}

const EXEMPT: Record<string, string> = {
  'app/api/health/route.ts#GET':
    'liveness: takes no input and tells nothing, open to every caller by design (tests/integration/health.test.ts)',
  'app/api/health/ready/route.ts#GET':
    'readiness: takes no input and tells only whether the database answers, open to the load balancer by design (tests/integration/health.test.ts)',
  'app/api/auth/[...nextauth]/route.ts#GET':
    'next-auth’s sign-in endpoint: open to everyone by design (tests/integration/auth.test.ts)',
  'app/api/auth/[...nextauth]/route.ts#POST':
    'next-auth’s sign-in endpoint: open to everyone by design (tests/integration/auth.test.ts)',
  'lib/actions/account.ts#changePasswordAction':
    'one’s own password: renews the session cookie, which needs a request scope (tests/integration/account-audit.test.ts calls the data layer; e2e/account-security.spec.ts the page)',
  'app/api/v1/openapi.json/route.ts#GET':
    'the OpenAPI document: takes no input and holds no data, open to every caller by design (tests/integration/api-document.test.ts)',
  'lib/actions/logout.ts#logoutAction':
    'sign-out: takes no input and only deletes the caller’s own session cookie, open to everyone by design (e2e/auth.spec.ts, with and without JavaScript)',
  'lib/actions/login.ts#loginAction':
    'the login form: open to everyone by design (tests/integration/login-action.test.ts; hostile input in hostile-input.test.ts)',
};

const db = getDb();

/** The kinds of user every row is tried as. */
const USERS = {
  anon: null,
  admin: 'admin',
  chairman: 'chutich',
  standingHead: 'tp.noivu',
  otherHead: 'tp.vhtt',
  officer: 'cb.tranphu',
  otherOfficer: 'cb.namha',
} as const;
type Who = keyof typeof USERS;
const EVERYONE = Object.keys(USERS) as Who[];
const SIGNED_IN = EVERYONE.filter((w) => w !== 'anon');
const PROGRAMME_MANAGERS: Who[] = ['admin', 'standingHead'];

type Row = {
  endpoint: string;
  call: () => Promise<unknown> | unknown;
  /** Who may: not tried as denied. */
  allowed: Who[];
  /** The user (a username; may be outside USERS) whose call must succeed, sent once after the denied cells. */
  proof: string | null;
};

const r = {} as {
  a: number; // P-TRANPHU I.4
  yearly: number; // P-TRANPHU II.2
  yearKey: string;
  review: number;
  reviewVersion: number;
  ext: number; // X-THACHHA I.1
  pendingExt: number;
  programme: number;
  programme2: number;
  section: number;
  section2: number;
  task: number;
  task2: number;
  tp: number;
  unit: number;
  unit2: number;
  unit3: number;
  mergeA: number;
  mergeB: number;
  splitUnit: number;
  user: number;
  evidence: number;
  evidence2: number;
  notification: number;
  nq76: number; // the programme of P-TRANPHU I.4
  letter: number; // a Công văn đôn đốc sent to P-TRANPHU only
  apiToken: number;
  indicator: number; // NQ76-TTHC-01 (seeded)
  email: number; // an e-mail that failed for good
};

const taskFields = () => ({
  sectionId: String(r.section),
  number: '1',
  title: 'Nhiệm vụ của ma trận',
  text: 'Nội dung nhiệm vụ.',
  recurrence: 'ONCE',
  dueDate: '31/12/2027',
});
const indicatorFields = () => ({
  code: 'MT-CT-01',
  name: 'Chỉ tiêu của ma trận',
  reformArea: 'ADMIN_PROCEDURES',
  measureUnit: '%',
  direction: 'HIGHER_IS_BETTER',
  baselineValue: '10',
  baselineYear: '2024',
  recurrence: 'YEARLY',
  targetYear1: '2030',
  targetValue1: '90',
});
const importDraft = () =>
  JSON.stringify({
    programme: {
      title: 'Kế hoạch nhập của ma trận',
      issuingBody: 'UBND thành phố Hà Tĩnh',
      issuedOn: '',
      summary: '',
      periodStart: '',
      periodEnd: '',
      documentNumber: '',
    },
    sourceText: 'I. Chung',
    sections: [
      {
        numeral: 'I',
        title: 'Chung',
        tasks: [
          {
            number: '1',
            title: 'Rà soát',
            text: 'Rà soát.',
            reformArea: '',
            dueDate: '30/06/2027',
            recurrence: 'ONCE',
            evidenceRequired: false,
            lead: 'TP',
            coordinators: [],
            coordinatingGroup: null,
            collective: null,
          },
        ],
      },
    ],
  });
const pdf = () =>
  new File(
    [Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1')],
    'bien-ban.pdf',
  );
const evidenceParams = (id: number) => ({ params: Promise.resolve({ evidenceId: String(id) }) });

const rows: Row[] = [
  // Reports and reviews
  {
    endpoint: 'lib/actions/reports.ts#saveReportAction',
    allowed: ['officer'],
    proof: 'cb.tranphu',
    call: () =>
      reports.saveReportAction(
        INITIAL_STATE,
        form({
          assignmentId: String(r.a),
          periodKey: 'ONCE',
          version: '0',
          progress: '10',
          content: 'Bắt đầu.',
          intent: 'save',
        }),
      ),
  },
  {
    endpoint: 'lib/actions/reports.ts#reviewReportAction',
    allowed: ['standingHead'],
    proof: 'tp.noivu',
    call: () =>
      reports.reviewReportAction(
        INITIAL_STATE,
        form({ reportId: String(r.review), version: String(r.reviewVersion), decision: 'approve', comment: '' }),
      ),
  },
  // Extensions
  {
    endpoint: 'lib/actions/extensions.ts#requestExtensionAction',
    allowed: [],
    proof: 'cb.thachha',
    call: () =>
      extensions.requestExtensionAction(
        INITIAL_STATE,
        form({
          assignmentId: String(r.ext),
          requestedDueDate: formatDateVn(addDays(vnDateOf(new Date()), 30)),
          reason: 'Chờ hướng dẫn của tỉnh về biểu mẫu.',
        }),
      ),
  },
  {
    endpoint: 'lib/actions/extensions.ts#decideExtensionAction',
    allowed: ['chairman'],
    proof: 'chutich',
    call: () =>
      extensions.decideExtensionAction(
        INITIAL_STATE,
        form({ extensionId: String(r.pendingExt), decision: 'reject', comment: 'Hoàn thành đúng hạn.' }),
      ),
  },
  // Programmes, sections, tasks, assignments, import
  {
    endpoint: 'lib/actions/admin-programmes.ts#createProgrammeAction',
    allowed: PROGRAMME_MANAGERS,
    proof: 'admin',
    call: () =>
      programmes.createProgrammeAction(
        INITIAL_STATE,
        form({ title: 'Kế hoạch của ma trận', issuingBody: 'UBND thành phố Hà Tĩnh' }),
      ),
  },
  {
    endpoint: 'lib/actions/admin-programmes.ts#updateProgrammeAction',
    allowed: PROGRAMME_MANAGERS,
    proof: 'tp.noivu',
    call: () =>
      programmes.updateProgrammeAction(
        INITIAL_STATE,
        form({ programmeId: String(r.programme), title: 'Kế hoạch (đã sửa)', issuingBody: 'UBND thành phố Hà Tĩnh' }),
      ),
  },
  {
    endpoint: 'lib/actions/admin-programmes.ts#createSectionAction',
    allowed: PROGRAMME_MANAGERS,
    proof: 'admin',
    call: () =>
      programmes.createSectionAction(
        INITIAL_STATE,
        form({ programmeId: String(r.programme), numeral: 'IX', title: 'Mục mới' }),
      ),
  },
  {
    endpoint: 'lib/actions/admin-programmes.ts#updateSectionAction',
    allowed: PROGRAMME_MANAGERS,
    proof: 'admin',
    call: () =>
      programmes.updateSectionAction(
        INITIAL_STATE,
        form({ sectionId: String(r.section), numeral: 'I', title: 'Mục (đã sửa)' }),
      ),
  },
  {
    endpoint: 'lib/actions/admin-programmes.ts#moveSectionAction',
    allowed: PROGRAMME_MANAGERS,
    proof: 'admin',
    call: () => programmes.moveSectionAction(form({ id: String(r.section2), direction: 'up' })),
  },
  {
    endpoint: 'lib/actions/admin-programmes.ts#createTaskAction',
    allowed: PROGRAMME_MANAGERS,
    proof: 'admin',
    call: () =>
      programmes.createTaskAction(
        INITIAL_STATE,
        form({ programmeId: String(r.programme), ...taskFields(), number: '9', leadUnitId: '', collective: '' }),
      ),
  },
  {
    endpoint: 'lib/actions/admin-programmes.ts#updateTaskAction',
    allowed: PROGRAMME_MANAGERS,
    proof: 'admin',
    call: () =>
      programmes.updateTaskAction(
        INITIAL_STATE,
        form({ taskId: String(r.task), ...taskFields(), title: 'Nhiệm vụ (đã sửa)' }),
      ),
  },
  {
    endpoint: 'lib/actions/admin-programmes.ts#moveTaskAction',
    allowed: PROGRAMME_MANAGERS,
    proof: 'admin',
    call: () => programmes.moveTaskAction(form({ id: String(r.task2), direction: 'up' })),
  },
  {
    endpoint: 'lib/actions/admin-programmes.ts#setTaskAssignmentsAction',
    allowed: PROGRAMME_MANAGERS,
    proof: 'admin',
    call: () =>
      programmes.setTaskAssignmentsAction(INITIAL_STATE, form({ taskId: String(r.task), [`role.${r.tp}`]: 'LEAD' })),
  },
  {
    endpoint: 'lib/actions/admin-programmes.ts#fanOutTaskAction',
    allowed: PROGRAMME_MANAGERS,
    proof: 'admin',
    call: () =>
      programmes.fanOutTaskAction(
        INITIAL_STATE,
        form({ taskId: String(r.task), group: 'DEPARTMENTS', role: 'IMPLEMENTING' }),
      ),
  },
  {
    endpoint: 'lib/actions/admin-programmes.ts#taskStatusAction',
    allowed: PROGRAMME_MANAGERS,
    proof: 'admin',
    call: () => programmes.taskStatusAction(INITIAL_STATE, form({ id: String(r.task2), intent: 'archive' })),
  },
  {
    endpoint: 'lib/actions/admin-programmes.ts#deleteSectionAction',
    allowed: PROGRAMME_MANAGERS,
    proof: 'admin',
    call: () => programmes.deleteSectionAction(INITIAL_STATE, form({ id: String(r.section2) })),
  },
  {
    endpoint: 'lib/actions/admin-programmes.ts#programmeStatusAction',
    allowed: PROGRAMME_MANAGERS,
    proof: 'admin',
    call: () => programmes.programmeStatusAction(INITIAL_STATE, form({ id: String(r.programme2), intent: 'archive' })),
  },
  {
    endpoint: 'lib/actions/admin-indicators.ts#createIndicatorAction',
    allowed: PROGRAMME_MANAGERS,
    proof: 'admin',
    call: () =>
      indicators.createIndicatorAction(
        INITIAL_STATE,
        form({
          programmeId: String(r.programme),
          sectionId: String(r.section),
          ...indicatorFields(),
          reporterUnitId: String(r.tp),
        }),
      ),
  },
  {
    endpoint: 'lib/actions/admin-indicators.ts#updateIndicatorAction',
    allowed: PROGRAMME_MANAGERS,
    proof: 'tp.noivu',
    call: () =>
      indicators.updateIndicatorAction(
        INITIAL_STATE,
        form({
          indicatorId: String(r.indicator),
          ...indicatorFields(),
          code: 'NQ76-TTHC-01',
          recurrence: 'HALF_YEARLY',
        }),
      ),
  },
  {
    endpoint: 'lib/actions/admin-indicators.ts#indicatorStatusAction',
    allowed: PROGRAMME_MANAGERS,
    proof: 'admin',
    call: () =>
      indicators.indicatorStatusAction(INITIAL_STATE, form({ indicatorId: String(r.indicator), intent: 'deactivate' })),
  },
  {
    endpoint: 'lib/actions/admin-email.ts#resendEmailAction',
    allowed: ['admin'],
    proof: 'admin',
    call: () => email.resendEmailAction(INITIAL_STATE, form({ emailId: String(r.email) })),
  },
  {
    endpoint: 'lib/actions/admin-import.ts#analyzeDirectiveAction',
    allowed: PROGRAMME_MANAGERS,
    proof: 'tp.noivu',
    call: () =>
      importer.analyzeDirectiveAction(
        INITIAL_STATE,
        form({ text: 'I. Chung\n1. Phòng Tư pháp chủ trì rà soát văn bản, hoàn thành trước 30/6/2027.' }),
      ),
  },
  {
    endpoint: 'lib/actions/admin-import.ts#importProgrammeAction',
    allowed: PROGRAMME_MANAGERS,
    proof: 'admin',
    call: () => importer.importProgrammeAction(importDraft()),
  },
  // Units
  {
    endpoint: 'lib/actions/admin-units.ts#createUnitAction',
    allowed: ['admin'],
    proof: 'admin',
    call: () =>
      units.createUnitAction(
        INITIAL_STATE,
        form({ code: 'X-MATRAN', name: 'Xã Ma Trận', kind: 'COMMUNE', validFrom: '01/01/2027' }),
      ),
  },
  {
    endpoint: 'lib/actions/admin-units.ts#updateUnitAction',
    allowed: ['admin'],
    proof: 'admin',
    call: () =>
      units.updateUnitAction(
        INITIAL_STATE,
        form({
          unitId: String(r.unit),
          code: 'X-MT1',
          name: 'Xã Một (đã sửa)',
          kind: 'COMMUNE',
          validFrom: '01/01/2026',
        }),
      ),
  },
  {
    endpoint: 'lib/actions/admin-units.ts#deactivateUnitAction',
    allowed: ['admin'],
    proof: 'admin',
    call: () =>
      units.deactivateUnitAction(
        INITIAL_STATE,
        form({ unitId: String(r.unit2), effectiveDate: formatDateVn(vnDateOf(new Date())) }),
      ),
  },
  {
    endpoint: 'lib/actions/admin-units.ts#reactivateUnitAction',
    allowed: ['admin'],
    proof: 'admin',
    call: () => units.reactivateUnitAction(INITIAL_STATE, form({ unitId: String(r.unit3) })),
  },
  {
    endpoint: 'lib/actions/admin-units.ts#mergeUnitsAction',
    allowed: ['admin'],
    proof: 'admin',
    call: () =>
      units.mergeUnitsAction(
        INITIAL_STATE,
        form({
          predecessorIds: [String(r.mergeA), String(r.mergeB)],
          effectiveDate: formatDateVn(vnDateOf(new Date())),
          code: 'X-MTGOP',
          name: 'Xã Gộp',
          kind: 'COMMUNE',
        }),
      ),
  },
  {
    endpoint: 'lib/actions/admin-units.ts#splitUnitAction',
    allowed: ['admin'],
    proof: 'admin',
    call: () =>
      units.splitUnitAction(
        INITIAL_STATE,
        form({
          predecessorId: String(r.splitUnit),
          effectiveDate: formatDateVn(vnDateOf(new Date())),
          mainIndex: '0',
          'successors.0.code': 'X-MTT1',
          'successors.0.name': 'Xã Tách Một',
          'successors.0.kind': 'COMMUNE',
          'successors.1.code': 'X-MTT2',
          'successors.1.name': 'Xã Tách Hai',
          'successors.1.kind': 'COMMUNE',
        }),
      ),
  },
  // The working-day calendar (decision 015)
  {
    endpoint: 'lib/actions/admin-calendar.ts#addCalendarDayAction',
    allowed: ['admin'],
    proof: 'admin',
    call: () =>
      calendar.addCalendarDayAction(
        INITIAL_STATE,
        form({ date: '09/02/2027', working: 'off', note: 'Nghỉ Tết Nguyên đán theo thông báo' }),
      ),
  },
  {
    endpoint: 'lib/actions/admin-calendar.ts#removeCalendarDayAction',
    allowed: ['admin'],
    proof: 'admin',
    call: () => calendar.removeCalendarDayAction(INITIAL_STATE, form({ date: '20/02/2027' })),
  },
  // Users
  {
    endpoint: 'lib/actions/admin-users.ts#createUserAction',
    allowed: ['admin'],
    proof: 'admin',
    call: () =>
      users.createUserAction(
        INITIAL_STATE,
        form({
          username: 'cb.matran',
          displayName: 'Lê Văn Ma Trận',
          role: 'OFFICER',
          unitId: String(r.tp),
          password: 'Mot-mat-khau-du-dai',
        }),
      ),
  },
  {
    endpoint: 'lib/actions/admin-users.ts#updateUserAction',
    allowed: ['admin'],
    proof: 'admin',
    call: () =>
      users.updateUserAction(
        INITIAL_STATE,
        form({ userId: String(r.user), displayName: 'Người Dùng Ma Trận', role: 'OFFICER', unitId: String(r.tp) }),
      ),
  },
  {
    endpoint: 'lib/actions/admin-users.ts#resetPasswordAction',
    allowed: ['admin'],
    proof: 'admin',
    call: () =>
      users.resetPasswordAction(INITIAL_STATE, form({ userId: String(r.user), password: 'Mat-khau-moi-du-dai' })),
  },
  {
    endpoint: 'lib/actions/admin-users.ts#userStatusAction',
    allowed: ['admin'],
    proof: 'admin',
    call: () => users.userStatusAction(INITIAL_STATE, form({ userId: String(r.user), intent: 'deactivate' })),
  },
  // Notifications
  {
    endpoint: 'lib/actions/account.ts#updateEmailSettingsAction',
    allowed: SIGNED_IN,
    proof: 'cb.tranphu',
    call: () =>
      account.updateEmailSettingsAction(
        INITIAL_STATE,
        form({ email: 'cb.tranphu@example.vn', emailPreference: 'DAILY_DIGEST' }),
      ),
  },
  {
    endpoint: 'lib/actions/notifications.ts#markAllReadAction',
    allowed: SIGNED_IN,
    proof: 'cb.tranphu',
    call: () => notifications.markAllReadAction(),
  },
  {
    endpoint: 'app/(app)/notifications/[notificationId]/route.ts#GET',
    allowed: ['standingHead'],
    proof: 'tp.noivu',
    call: () =>
      notificationRoute.GET(new Request('http://localhost/notifications/x'), {
        params: Promise.resolve({ notificationId: String(r.notification) }),
      }),
  },
  // Evidence
  {
    endpoint: 'app/api/evidence/route.ts#POST',
    allowed: ['officer'],
    proof: 'cb.tranphu',
    call: () => {
      const fd = form({ assignmentId: String(r.yearly), periodKey: r.yearKey, file: pdf() });
      return uploadRoute.POST(new Request('http://localhost/api/evidence', { method: 'POST', body: fd }));
    },
  },
  // Reading a file: its unit, the leaders who read everything, and the heads who may review it.
  {
    endpoint: 'app/api/evidence/[evidenceId]/route.ts#GET',
    allowed: ['officer', 'admin', 'chairman', 'standingHead', 'otherHead'],
    proof: 'cb.tranphu',
    call: () => evidenceRoute.GET(new Request('http://localhost/api/evidence/x'), evidenceParams(r.evidence)),
  },
  {
    endpoint: 'app/api/evidence/[evidenceId]/route.ts#DELETE',
    allowed: ['officer'],
    proof: 'cb.tranphu',
    call: () =>
      evidenceRoute.DELETE(
        new Request('http://localhost/api/evidence/x', { method: 'DELETE' }),
        evidenceParams(r.evidence2),
      ),
  },
  // Exports: every signed-in user, scoped to what they may see.
  {
    endpoint: 'app/api/exports/xlsx/route.ts#GET',
    allowed: SIGNED_IN,
    proof: 'chutich',
    call: () => xlsxRoute.GET(new Request('http://localhost/api/exports/xlsx')),
  },
  {
    endpoint: 'app/api/exports/docx/route.ts#GET',
    allowed: SIGNED_IN,
    proof: 'tp.vhtt',
    call: () => docxRoute.GET(new Request('http://localhost/api/exports/docx')),
  },
  // The urging ladder and the Công văn đôn đốc (decision 018)
  {
    endpoint: 'lib/actions/urging.ts#saveUrgingLadderAction',
    allowed: PROGRAMME_MANAGERS,
    proof: 'admin',
    call: () =>
      urging.saveUrgingLadderAction(
        INITIAL_STATE,
        form({ programmeId: String(r.programme), when_0: 'after', days_0: '2', leader_0: 'on' }),
      ),
  },
  {
    endpoint: 'lib/actions/urging.ts#createUrgingLetterAction',
    // The standing office's head and officers (cb.noivu) and the administrator.
    allowed: ['admin', 'standingHead'],
    proof: 'cb.noivu',
    call: () => urging.createUrgingLetterAction(INITIAL_STATE, form({ programmeId: String(r.nq76) })),
  },
  {
    endpoint: 'app/api/urging-letters/[letterId]/route.ts#GET',
    // Those who make and sign letters, and the units a letter was sent to.
    allowed: ['admin', 'chairman', 'standingHead', 'officer'],
    proof: 'cb.tranphu',
    call: () =>
      letterRoute.GET(new Request('http://localhost/api/urging-letters/x'), {
        params: Promise.resolve({ letterId: String(r.letter) }),
      }),
  },
  // The deadline job: no user at all, only the job token.
  {
    endpoint: 'app/api/jobs/deadlines/route.ts#POST',
    allowed: [],
    proof: null,
    call: () => jobsRoute.POST(new Request('http://localhost/api/jobs/deadlines', { method: 'POST' })),
  },
  // API tokens (decision 020): issued and revoked by the administrator only.
  {
    endpoint: 'lib/actions/admin-api-tokens.ts#issueApiTokenAction',
    allowed: ['admin'],
    proof: 'admin',
    call: () =>
      apiTokens.issueApiTokenAction(
        INITIAL_STATE,
        form({
          name: 'Hệ thống của tỉnh',
          scope: 'UNIT',
          unitId: String(r.tp),
          expiresOn: formatDateVn(addDays(vnDateOf(new Date()), 30)),
        }),
      ),
  },
  {
    endpoint: 'lib/actions/admin-api-tokens.ts#revokeApiTokenAction',
    allowed: ['admin'],
    proof: 'admin',
    call: () => apiTokens.revokeApiTokenAction(INITIAL_STATE, form({ tokenId: String(r.apiToken) })),
  },
  // The API reads with a token, never with a session: every signed-in user without one gets 401
  // (what a token may read is the block "API tokens" below).
  ...(Object.keys(V1_ROUTES) as V1Path[]).map((path): Row => ({
    endpoint: `app/api/v1${path.replace(/\{(\w+)\}/g, '[$1]')}/route.ts#GET`,
    allowed: [],
    proof: null,
    call: () => v1(path, { programmeId: r.programme, assignmentId: r.a }),
  })),
];

const REFUSALS = [
  'Bạn không có quyền thực hiện thao tác này.',
  'Không tìm thấy nội dung này, hoặc bạn không có quyền xem.',
  'Phiên đăng nhập đã hết. Vui lòng đăng nhập lại.',
];

function errorMessageOf(body: unknown): string | undefined {
  const error = (body as { error?: string | { message?: string } } | null)?.error;
  return typeof error === 'string' ? error : error?.message;
}

/** The visible text of an HTML answer, or undefined when it is not HTML. */
function htmlText(bytes: Buffer): string | undefined {
  const text = bytes.toString('utf8');
  return /<html/i.test(text)
    ? text
        .replace(/<[^>]*>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim()
    : undefined;
}

/** A refusal for who the user is: not signed in, forbidden, or not found. */
function expectDenied(o: Outcome) {
  switch (o.kind) {
    case 'state':
      expect(o.state.ok).toBe(false);
      expect(REFUSALS, `refused for who the user is: ${o.state.message}`).toContain(o.state.message);
      return;
    case 'response':
      expect([401, 403, 404]).toContain(o.status);
      // JSON routes answer { error } (the API { error: { code, message } }); the export routes a small
      // Vietnamese HTML page (a download link).
      expectVietnamese(errorMessageOf(o.body) ?? htmlText(o.bytes), 'the refusal');
      return;
    case 'appError':
      expect(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND']).toContain(o.error.code);
      return;
    case 'notFound':
      return;
    case 'redirect':
      expect(['/login', '/notifications']).toContain(o.url);
      return;
    default:
      throw new Error(`a leak: ${JSON.stringify(o).slice(0, 300)}`);
  }
}

function expectSucceeded(o: Outcome) {
  if (o.kind === 'state') expect(o.state, JSON.stringify(o.state).slice(0, 300)).toMatchObject({ ok: true });
  else if (o.kind === 'response') expect(o.status, JSON.stringify(o.body)).toBeLessThan(300);
  else if (o.kind === 'redirect') expect(o.url).not.toBe('/login');
  else expect(o.kind).toBe('value');
}

const cells = rows.flatMap((row) => EVERYONE.filter((who) => !row.allowed.includes(who)).map((who) => ({ row, who })));

beforeAll(async () => {
  const assignmentOf = async (unitCode: string, numeral: string, number: string) =>
    (
      await db.assignment.findFirstOrThrow({
        where: { unit: { code: unitCode }, task: { number, section: { numeral } } },
        select: { id: true },
      })
    ).id;
  r.a = await assignmentOf('P-TRANPHU', 'I', '4');
  {
    const a = await db.assignment.findUniqueOrThrow({
      where: { id: r.a },
      select: { unitId: true, dueDate: true, task: { select: { programmeId: true } } },
    });
    r.nq76 = a.task.programmeId;
    const noivu = await db.user.findUniqueOrThrow({ where: { username: 'tp.noivu' } });
    r.letter = (
      await db.urgingLetter.create({
        data: {
          programmeId: r.nq76,
          subject: 'V/v đôn đốc thực hiện',
          fileName: 'cong-van.docx',
          content: new Uint8Array(Buffer.from('PK')),
          createdById: noivu.id,
          items: {
            create: [
              { assignmentId: r.a, unitId: a.unitId, dueDate: a.dueDate ?? new Date('2026-01-01'), daysOverdue: 1 },
            ],
          },
        },
      })
    ).id;
  }
  r.yearly = await assignmentOf('P-TRANPHU', 'II', '2');
  r.yearKey = periodContaining('YEARLY', vnDateOf(new Date())).key;
  r.ext = await assignmentOf('X-THACHHA', 'I', '1');
  r.pendingExt = (
    await db.deadlineExtension.findFirstOrThrow({
      where: { status: 'PENDING', assignment: { unit: { code: 'P-NGUYENDU' } } },
    })
  ).id;
  r.tp = await unitId('TP');

  await actAs('cb.namha');
  const submitted = await saveReport({
    assignmentId: await assignmentOf('P-NAMHA', 'I', '4'),
    periodKey: 'ONCE',
    version: 0,
    progress: 80,
    content: 'Đã hoàn thành dự thảo, trình lãnh đạo.',
    difficulties: null,
    proposals: null,
    noEvidenceReason: null,
    intent: 'submit',
  });
  r.review = submitted.reportId;
  r.reviewVersion = submitted.version;
  const head = await db.user.findUniqueOrThrow({ where: { username: 'tp.noivu' } });
  r.notification = (
    await db.notification.findFirstOrThrow({
      where: { userId: head.id, kind: 'report.submitted', readAt: null },
      orderBy: { id: 'desc' },
    })
  ).id;

  await actAs('cb.tranphu');
  const bytes = Buffer.from(await pdf().arrayBuffer());
  r.evidence = (
    await addEvidence({ assignmentId: r.yearly, periodKey: r.yearKey, fileName: 'mot.pdf', bytes })
  ).evidence.id;
  r.evidence2 = (
    await addEvidence({ assignmentId: r.yearly, periodKey: r.yearKey, fileName: 'hai.pdf', bytes })
  ).evidence.id;

  await actAs('admin');
  r.programme = (
    await Programmes.createProgramme(
      ProgrammeInput.parse({ title: 'Kế hoạch ma trận', issuingBody: 'UBND thành phố Hà Tĩnh' }),
    )
  ).programmeId;
  r.programme2 = (
    await Programmes.createProgramme(
      ProgrammeInput.parse({ title: 'Kế hoạch ma trận 2', issuingBody: 'UBND thành phố Hà Tĩnh' }),
    )
  ).programmeId;
  r.section = (
    await Sections.createSection(
      SectionInput.parse({ programmeId: String(r.programme), numeral: 'I', title: 'Mục một' }),
    )
  ).sectionId;
  r.section2 = (
    await Sections.createSection(
      SectionInput.parse({ programmeId: String(r.programme), numeral: 'II', title: 'Mục hai' }),
    )
  ).sectionId;
  const task = (n: string) =>
    Tasks.createTask(
      TaskCreateInput.parse({ programmeId: String(r.programme), ...taskFields(), number: n, leadUnitId: String(r.tp) }),
    );
  r.task = (await task('1')).taskId;
  r.task2 = (await task('2')).taskId;
  r.email = (
    await db.emailMessage.create({
      data: {
        userId: (await db.user.findUniqueOrThrow({ where: { username: 'cb.tranphu' } })).id,
        kind: 'notification',
        to: 'cb.tranphu@example.vn',
        subject: 'Thư của ma trận',
        text: '.',
        html: '.',
        status: 'FAILED',
        attempts: 6,
        lastError: '550 mailbox unavailable',
      },
    })
  ).id;
  r.indicator = (await db.indicator.findUniqueOrThrow({ where: { code: 'NQ76-TTHC-01' }, select: { id: true } })).id;
  const unit = async (code: string, name: string) =>
    (await U.createUnit(UnitInput.parse({ code, name, kind: 'COMMUNE', validFrom: '01/01/2026' }))).unitId;
  r.unit = await unit('X-MT1', 'Xã Một');
  r.unit2 = await unit('X-MT2', 'Xã Hai');
  r.unit3 = await unit('X-MT3', 'Xã Ba');
  r.mergeA = await unit('X-MTA', 'Xã A');
  r.mergeB = await unit('X-MTB', 'Xã B');
  r.splitUnit = await unit('X-MTS', 'Xã Tách');
  await U.deactivateUnit({ unitId: r.unit3, effectiveDate: vnDateOf(new Date()) });
  await db.workCalendarDay.create({ data: { date: new Date('2027-02-20'), working: true, note: 'Làm bù' } });
  r.apiToken = (
    await issueApiToken(
      ApiTokenInput.parse({
        name: 'Sẽ thu hồi',
        scope: 'READ_ALL',
        unitId: '',
        expiresOn: formatDateVn(addDays(vnDateOf(new Date()), 30)),
      }),
    )
  ).tokenId;
  r.user = (
    await db.user.create({
      data: { username: 'cb.matran1', displayName: 'Người Dùng', role: 'OFFICER', unitId: r.tp, passwordHash: 'x' },
    })
  ).id;
});

let denied = 0;
let leaks = 0;
afterAll(() => {
  console.log(
    `Authorization matrix: ${rows.length} endpoints × ${EVERYONE.length} kinds of user; ${cells.length} denied cells: ${denied} refused, ${leaks} leaks.`,
  );
});

describe('authorization matrix', () => {
  it('every server action and route handler has a row', () => {
    const covered = new Set(rows.map((row) => row.endpoint));
    expect(listEndpoints().filter((e) => !covered.has(e) && !(e in EXEMPT))).toEqual([]);
    expect(
      [...covered].filter((e) => !listEndpoints().includes(e)),
      'rows for endpoints that no longer exist',
    ).toEqual([]);
  });

  it.each(cells.map((c) => [`${c.row.endpoint} as ${c.who}`, c] as const))(
    '%s is refused and writes nothing',
    async (_title, { row, who }) => {
      await actAs(USERS[who]);
      const before = await snapshotOf(uploadDir);
      const outcome = await outcomeOf(row.call);
      try {
        expectDenied(outcome);
        expect(await snapshotOf(uploadDir), 'nothing written').toBe(before);
      } catch (error) {
        leaks += 1;
        throw error;
      }
      denied += 1;
    },
  );

  it.each(rows.filter((row) => row.proof !== null).map((row) => [`${row.endpoint} as ${row.proof}`, row] as const))(
    '%s succeeds (the row is a real request)',
    async (_title, row) => {
      await actAs(row.proof);
      expectSucceeded(await outcomeOf(row.call));
    },
  );

  it('the deadline job succeeds with its token only', async () => {
    const ok = await jobsRoute.POST(
      new Request('http://localhost/api/jobs/deadlines', {
        method: 'POST',
        headers: { authorization: `Bearer ${jobToken()}` },
      }),
    );
    expect(ok.status).toBe(200);
  });

  it('every row was called', () => {
    expect(rows.map((row) => row.endpoint).filter((e) => !calledEndpoints().has(e))).toEqual([]);
  });
});

/**
 * API tokens (decision 020): a token reads with the rules of the pages. A unit token is the unit's
 * officer: for a sample of every unit's assignments (the first three of each), the API answers 200
 * exactly where the officer's assignment page opens and 404 everywhere else — the assignment and its
 * reports; a read-all token is the chairman. The API takes no write: every other method on every
 * path is a 405 (refuseApiWrite, which proxy.ts applies before routing; e2e/api.spec.ts sends them
 * to the built app).
 */
describe('API tokens: the same scope as the pages', () => {
  const pageOpens = async (who: string, assignmentId: number) => {
    await actAs(who);
    const outcome = await outcomeOf(() => getAssignment(assignmentId));
    return outcome.kind === 'value';
  };
  const issue = async (scope: 'UNIT' | 'READ_ALL', unit?: number) => {
    await actAs('admin');
    const { secret } = await issueApiToken(
      ApiTokenInput.parse({
        name: `Ma trận ${scope}`,
        scope,
        unitId: unit ? String(unit) : '',
        expiresOn: formatDateVn(addDays(vnDateOf(new Date()), 30)),
      }),
    );
    await actAs(null);
    return secret;
  };
  const sample = async () => {
    const rows = await db.$queryRaw<{ id: number; unitId: number }[]>`
      SELECT id, "unitId" FROM (
        SELECT a.id, a."unitId", row_number() OVER (PARTITION BY a."unitId" ORDER BY a.id) AS k FROM "Assignment" a
      ) x WHERE k <= 3 ORDER BY id`;
    expect(new Set(rows.map((x) => x.unitId)).size).toBeGreaterThan(20);
    return rows;
  };

  it.each([
    ['a unit token (Phường Trần Phú)', 'cb.tranphu', 'P-TRANPHU'],
    ['a read-all token', 'chutich', null],
  ] as const)('%s opens exactly what its reader’s pages open', async (_title, reader, unitCode) => {
    const secret = await issue(unitCode ? 'UNIT' : 'READ_ALL', unitCode ? await unitId(unitCode) : undefined);
    let opened = 0;
    let refused = 0;
    for (const { id, unitId: owner } of await sample()) {
      const expected = await pageOpens(reader, id);
      if (unitCode) expect(expected, `assignment ${id}`).toBe(owner === (await unitId(unitCode)));
      // Hundreds of calls in a minute: the rate limit (tests/integration/api.test.ts) is not the question here.
      await db.apiTokenMinute.deleteMany({});
      for (const path of ['/assignments/{assignmentId}', '/assignments/{assignmentId}/reports'] as const) {
        const response = await v1(path, { assignmentId: id }, secret);
        expect(response.status, `${path} ${id}`).toBe(expected ? 200 : 404);
        if (!expected) {
          const body = await response.json();
          expect(body.error.code).toBe('not_found');
          expectVietnamese(body.error.message, 'the refusal');
        }
      }
      if (expected) opened += 1;
      else refused += 1;
    }
    expect(opened).toBeGreaterThan(0);
    if (unitCode) expect(refused).toBeGreaterThan(50);
    else expect(refused).toBe(0);
  });

  it('a unit token’s lists hold its unit only, whatever the filter asks', async () => {
    const tranPhu = await unitId('P-TRANPHU');
    const secret = await issue('UNIT', tranPhu);
    for (const unit of [tranPhu, await unitId('P-NAMHA'), await unitId('TP')]) {
      const request = new Request(`http://localhost/api/v1/assignments?unit=${unit}&limit=100`, {
        headers: { authorization: `Bearer ${secret}` },
      });
      const body = (await (await V1_ROUTES['/assignments'].GET(request)).json()) as {
        items: { unit: { id: number } }[];
      };
      if (unit === tranPhu) expect(body.items.length).toBeGreaterThan(0);
      else expect(body.items).toEqual([]);
    }
  });

  it('no write on any path: every other method is a 405 with a Vietnamese message', async () => {
    for (const path of [...Object.keys(V1_ROUTES), '/openapi.json']) {
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
        const refusal = refuseApiWrite(new Request(`http://localhost/api/v1${path}`, { method }));
        expect(refusal?.status, `${method} ${path}`).toBe(405);
        expect(refusal?.headers.get('allow')).toBe('GET');
        expectVietnamese((await refusal!.json()).error.message, 'the 405');
      }
      expect(refuseApiWrite(new Request(`http://localhost/api/v1${path}`))).toBeNull();
    }
  });
});
