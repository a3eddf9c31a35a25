import type { Metadata } from 'next';
import Link from 'next/link';
import { ProgrammeTag } from '@/components/ui/programme-tag';
import { AssignmentList } from '@/components/work/assignment-list';
import { HeadlineCards, HeadlineSentence } from '@/components/work/headline';
import { InboxList } from '@/components/work/inbox-list';
import { requireUser } from '@/lib/auth';
import { listPendingExtensions } from '@/lib/data/extensions';
import { getHeadline, getHeadlineTaskCount } from '@/lib/data/stats';
import { fromSeveralProgrammes } from '@/lib/domain/programme-name';
import { formatDateVn } from '@/lib/domain/time';
import { listMyAssignments, listReviewInbox } from '@/lib/data/work';
import { can } from '@/lib/permissions';

export const metadata: Metadata = { title: 'Trang chủ' };

/**
 * How many rows a home page lists before "Xem tất cả": about what a laptop screen shows without
 * scrolling. A home page renders on every sign-in and every click on "Trang chủ", and its cost
 * grows with each row (HTML and RSC payload, decision 032); the full lists are one click away.
 */
const HOME_ROWS = { inbox: 8, officer: 8, headOwn: 5 } as const;

function MoreLink({ shown, total, href, text }: { shown: number; total: number; href: string; text: string }) {
  if (total <= shown) return null;
  return (
    <p className="mt-2 text-sm">
      <a href={href} className="font-medium underline" data-testid="see-all">
        {`Xem tất cả ${total} ${text}`}
      </a>
    </p>
  );
}

/** What an administrator does next, in the order a new city sets itself up. */
function AdminHome() {
  const steps = [
    {
      href: '/admin/programmes',
      title: 'Chương trình, kế hoạch',
      text: 'Tạo chương trình mới hoặc nhập từ văn bản chỉ đạo (.docx, .txt): mục, nhiệm vụ, đơn vị chủ trì, thời hạn.',
      action: 'Mở danh sách chương trình',
    },
    {
      href: '/admin/programmes/import',
      title: 'Nhập từ văn bản',
      text: 'Dán hoặc tải lên văn bản chỉ đạo; rà soát bảng đề xuất trước khi lưu.',
      action: 'Nhập văn bản chỉ đạo',
    },
    {
      href: '/admin/units',
      title: 'Đơn vị',
      text: 'Kiểm tra danh sách phòng, ban, phường, xã; ghi nhận sáp nhập, chia tách.',
      action: 'Mở danh sách đơn vị',
    },
    {
      href: '/admin/users',
      title: 'Người dùng',
      text: 'Tạo tài khoản cho lãnh đạo, trưởng phòng và cán bộ đầu mối của từng đơn vị.',
      action: 'Mở danh sách người dùng',
    },
  ];
  return (
    <section aria-labelledby="next" className="space-y-4">
      <div>
        <h1 id="next" className="text-xl font-bold sm:text-2xl">
          Việc cần làm tiếp
        </h1>
        <p className="mt-1 text-sm text-slate-600">
          Thiết lập theo thứ tự dưới đây; mỗi bước mở trang quản trị tương ứng.
        </p>
      </div>
      <ol className="grid gap-3 sm:grid-cols-2" data-testid="admin-next-steps">
        {steps.map((step, i) => (
          <li key={step.href} className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 className="font-semibold">
              {i + 1}. {step.title}
            </h2>
            <p className="mt-1 text-sm text-slate-700">{step.text}</p>
            <Link href={step.href} className="mt-2 inline-block text-sm font-medium text-red-800 underline">
              {step.action}
            </Link>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** One home page per role: officer → the unit's work; head → the inbox; chairman → the headline and what waits for him; administrator → the next set-up steps. */
export default async function HomePage() {
  const user = await requireUser();
  // The administrator sets the city up; the numbers are one click away (Bảng điều khiển).
  if (user.role === 'ADMIN') {
    const [counts, taskCount] = await Promise.all([getHeadline(), getHeadlineTaskCount()]);
    return (
      <div className="space-y-8">
        <AdminHome />
        <section aria-labelledby="overview">
          <h2 id="overview" className="text-lg font-semibold">
            Tình hình thực hiện nhiệm vụ toàn thành phố
          </h2>
          <div className="mt-3 rounded-lg border border-slate-200 bg-white p-4">
            <HeadlineSentence counts={counts} taskCount={taskCount} />
          </div>
        </section>
      </div>
    );
  }
  if (can(user, 'dashboard:city')) {
    const [counts, taskCount, inbox, extensions] = await Promise.all([
      getHeadline(),
      getHeadlineTaskCount(),
      can(user, 'report:review')
        ? listReviewInbox({ limit: HOME_ROWS.inbox, withUnits: false })
        : Promise.resolve(null),
      can(user, 'extension:decide') ? listPendingExtensions() : Promise.resolve([]),
    ]);
    const severalExtensionProgrammes = fromSeveralProgrammes(
      extensions.slice(0, 5).map((e) => ({ programmeTitle: e.assignment.task.programme.title })),
    );
    return (
      <div className="space-y-6">
        <section aria-labelledby="overview">
          <h1 id="overview" className="text-xl font-bold sm:text-2xl">
            Tình hình thực hiện nhiệm vụ toàn thành phố
          </h1>
          <div className="mt-3 rounded-lg border border-slate-200 bg-white p-4">
            <HeadlineSentence counts={counts} taskCount={taskCount} />
          </div>
          <div className="mt-4">
            <HeadlineCards counts={counts} />
          </div>
        </section>
        {extensions.length > 0 ? (
          <section aria-labelledby="extensions" className="rounded-lg border border-amber-300 bg-amber-50 p-4">
            <h2 id="extensions" className="text-lg font-semibold">
              Đề nghị gia hạn chờ quyết định ({extensions.length})
            </h2>
            <ul className="mt-2 space-y-1 text-sm" data-testid="home-extensions">
              {extensions.slice(0, 5).map((e) => (
                <li key={e.id}>
                  <strong>{e.assignment.unit.name}</strong> — nhiệm vụ{' '}
                  {severalExtensionProgrammes ? <ProgrammeTag programme={e.assignment.task.programme} /> : null}
                  {e.assignment.task.section.numeral}.{e.assignment.task.number}: xin gia hạn đến{' '}
                  {formatDateVn(e.requestedDueDate)}
                </li>
              ))}
            </ul>
            <p className="mt-3">
              <Link
                href="/extensions"
                className="inline-block rounded-md bg-red-800 px-4 py-2 text-sm font-semibold text-white hover:bg-red-900"
              >
                Xem và quyết định
              </Link>
            </p>
          </section>
        ) : null}
        {inbox ? (
          <section aria-labelledby="inbox">
            <h2 id="inbox" className="mb-3 text-lg font-semibold">
              Báo cáo chờ Chủ tịch duyệt ({inbox.total})
            </h2>
            <InboxList items={inbox.items} />
            <MoreLink shown={inbox.items.length} total={inbox.total} href="/reviews" text="báo cáo chờ duyệt" />
          </section>
        ) : null}
      </div>
    );
  }
  if (user.role === 'DEPARTMENT_HEAD') {
    const [inbox, mine] = await Promise.all([
      listReviewInbox({ limit: HOME_ROWS.inbox, withUnits: false }),
      listMyAssignments(),
    ]);
    return (
      <div className="space-y-8">
        <section aria-labelledby="inbox">
          <h1 id="inbox" className="mb-3 text-xl font-bold sm:text-2xl">
            {`Báo cáo chờ duyệt (${inbox.total})`}
          </h1>
          <InboxList items={inbox.items} />
          <MoreLink shown={inbox.items.length} total={inbox.total} href="/reviews" text="báo cáo chờ duyệt" />
        </section>
        <section aria-labelledby="mine">
          <h2 id="mine" className="mb-3 text-lg font-semibold">
            {`Nhiệm vụ của ${user.unitName}`}
          </h2>
          <AssignmentList items={mine.slice(0, HOME_ROWS.headOwn)} empty="Đơn vị chưa được giao nhiệm vụ nào." />
          <MoreLink shown={HOME_ROWS.headOwn} total={mine.length} href="/assignments" text="nhiệm vụ của đơn vị" />
        </section>
      </div>
    );
  }
  const mine = await listMyAssignments();
  const overdue = mine.filter((i) => i.status.status === 'IN_PROGRESS_OVERDUE').length;
  const soon = mine.filter((i) => i.status.dueSoon).length;
  return (
    <section aria-labelledby="mine" className="space-y-4">
      <div>
        <h1 id="mine" className="text-xl font-bold sm:text-2xl">
          {`Nhiệm vụ của ${user.unitName}`}
        </h1>
        <p className="mt-1 text-sm text-slate-600" data-testid="my-summary">
          {`${mine.length} nhiệm vụ · `}
          <span className="font-semibold text-red-700">{`${overdue} quá hạn`}</span>
          {` · ${soon} sắp đến hạn`}
        </p>
      </div>
      {/* Most urgent first (overdue, due soon, in progress; done last): the rest on /assignments. */}
      <AssignmentList items={mine.slice(0, HOME_ROWS.officer)} empty="Đơn vị chưa được giao nhiệm vụ nào." />
      <MoreLink shown={HOME_ROWS.officer} total={mine.length} href="/assignments" text="nhiệm vụ của đơn vị" />
    </section>
  );
}
