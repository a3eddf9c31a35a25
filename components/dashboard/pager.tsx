import Link from 'next/link';

/** "← Trang trước · Trang 2/9 · Trang sau →" for a paged list of the dashboard; nothing when there is one page. */
export function Pager({ page, pageCount, href }: { page: number; pageCount: number; href: (page: number) => string }) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label="Phân trang" className="flex items-center justify-between text-sm">
      {page > 1 ? (
        <Link href={href(page - 1)} className="underline">
          ← Trang trước
        </Link>
      ) : (
        <span />
      )}
      <span>
        Trang {page}/{pageCount}
      </span>
      {page < pageCount ? (
        <Link href={href(page + 1)} className="underline">
          Trang sau →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
