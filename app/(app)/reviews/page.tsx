import type { Metadata } from 'next';
import { InboxList } from '@/components/work/inbox-list';
import { listReviewInbox } from '@/lib/data/work';
import { loadPage } from '@/lib/page-helpers';

export const metadata: Metadata = { title: 'Báo cáo chờ duyệt' };

export default async function ReviewsPage() {
  const items = await loadPage(listReviewInbox());
  return (
    <section className="space-y-4">
      <h1 className="text-xl font-bold sm:text-2xl">Báo cáo chờ duyệt ({items.length})</h1>
      <p className="text-sm text-slate-600">Cũ nhất ở trên cùng.</p>
      <InboxList items={items} />
    </section>
  );
}
