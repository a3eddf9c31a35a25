import type { Metadata } from 'next';
import Link from 'next/link';
import { AssignmentList } from '@/components/work/assignment-list';
import { HeadlineCards, HeadlineSentence } from '@/components/work/headline';
import { InboxList } from '@/components/work/inbox-list';
import { requireUser } from '@/lib/auth';
import { getHeadline, getHeadlineTaskCount } from '@/lib/data/stats';
import { listMyAssignments, listReviewInbox } from '@/lib/data/work';
import { can } from '@/lib/permissions';

export const metadata: Metadata = { title: 'Trang chủ' };

function MoreLink({ shown, total }: { shown: number; total: number }) {
  if (total <= shown) return null;
  return (
    <p className="mt-2 text-sm">
      <Link href="/reviews" className="font-medium underline">
        Xem tất cả {total} báo cáo chờ duyệt
      </Link>
    </p>
  );
}

/** One home page per role: officer → the unit's work; head → the inbox; chairman → the headline. */
export default async function HomePage() {
  const user = await requireUser();
  if (can(user, 'dashboard:city')) {
    const [counts, taskCount, inbox] = await Promise.all([
      getHeadline(),
      getHeadlineTaskCount(),
      can(user, 'report:review') ? listReviewInbox({ limit: 10, withUnits: false }) : Promise.resolve(null),
    ]);
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
        {inbox ? (
          <section aria-labelledby="inbox">
            <h2 id="inbox" className="mb-3 text-lg font-semibold">
              Báo cáo chờ Chủ tịch duyệt ({inbox.total})
            </h2>
            <InboxList items={inbox.items} />
            <MoreLink shown={inbox.items.length} total={inbox.total} />
          </section>
        ) : null}
      </div>
    );
  }
  if (user.role === 'DEPARTMENT_HEAD') {
    const [inbox, mine] = await Promise.all([listReviewInbox({ limit: 10, withUnits: false }), listMyAssignments()]);
    return (
      <div className="space-y-8">
        <section aria-labelledby="inbox">
          <h1 id="inbox" className="mb-3 text-xl font-bold sm:text-2xl">
            Báo cáo chờ duyệt ({inbox.total})
          </h1>
          <InboxList items={inbox.items} />
          <MoreLink shown={inbox.items.length} total={inbox.total} />
        </section>
        <section aria-labelledby="mine">
          <h2 id="mine" className="mb-3 text-lg font-semibold">
            Nhiệm vụ của {user.unitName}
          </h2>
          <AssignmentList items={mine} empty="Đơn vị chưa được giao nhiệm vụ nào." />
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
          Nhiệm vụ của {user.unitName}
        </h1>
        <p className="mt-1 text-sm text-slate-600" data-testid="my-summary">
          {mine.length} nhiệm vụ · <span className="font-semibold text-red-700">{overdue} quá hạn</span> · {soon} sắp
          đến hạn
        </p>
      </div>
      <AssignmentList items={mine} empty="Đơn vị chưa được giao nhiệm vụ nào." />
    </section>
  );
}
