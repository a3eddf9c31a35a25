import type { Metadata } from 'next';
import Link from 'next/link';
import { InboxList } from '@/components/work/inbox-list';
import { listReviewInbox } from '@/lib/data/work';
import { loadPage } from '@/lib/page-helpers';

export const metadata: Metadata = { title: 'Báo cáo chờ duyệt' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v : undefined);

/** The reports awaiting the user's decision, oldest first, 25 a page, optionally of one unit. */
export default async function ReviewsPage({ searchParams }: Props) {
  const params = await searchParams;
  const unitParam = one(params.unit);
  const unit =
    unitParam && /^[1-9]\d{0,9}$/.test(unitParam) && Number(unitParam) <= 2_147_483_647 ? Number(unitParam) : undefined;
  const cursor = one(params.cursor);
  const page = await loadPage(listReviewInbox({ unit, cursor }));
  const unitQuery = unit !== undefined ? `unit=${unit}` : '';
  return (
    <section className="space-y-4">
      <h1 className="text-xl font-bold sm:text-2xl">Báo cáo chờ duyệt ({page.total})</h1>
      <form action="/reviews" className="flex flex-wrap items-end gap-2 text-sm">
        <label className="flex flex-col gap-1">
          <span className="text-slate-700">Đơn vị</span>
          <select
            name="unit"
            defaultValue={unit ?? ''}
            className="rounded-md border border-slate-300 bg-white px-2 py-1.5"
          >
            <option value="">Tất cả đơn vị</option>
            {page.units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <button
          type="submit"
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium hover:bg-slate-50"
        >
          Lọc
        </button>
      </form>
      <p className="text-sm text-slate-600">Cũ nhất ở trên cùng.</p>
      <InboxList items={page.items} />
      <nav aria-label="Trang" className="flex gap-4 text-sm">
        {cursor ? (
          <Link href={`/reviews${unitQuery ? `?${unitQuery}` : ''}`} className="underline">
            Về trang đầu
          </Link>
        ) : null}
        {page.nextCursor ? (
          <Link
            href={`/reviews?${unitQuery ? `${unitQuery}&` : ''}cursor=${page.nextCursor}`}
            className="underline"
            rel="next"
          >
            Trang sau
          </Link>
        ) : null}
      </nav>
    </section>
  );
}
