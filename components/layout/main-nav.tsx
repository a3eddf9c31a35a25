'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { NavItem } from './nav';

/** The entry a path belongs to: the longest matching href ("/" only for the home page itself). */
function currentHref(items: NavItem[], pathname: string): string | null {
  const matches = items.filter((i) => (i.href === '/' ? pathname === '/' : pathname.startsWith(i.href)));
  return matches.sort((a, b) => b.href.length - a.href.length)[0]?.href ?? null;
}

/**
 * The main navigation. From 640 px: every entry in rows that wrap (nothing is cut off). On a phone:
 * a "Menu" button naming the current page, which opens the full list; it closes on navigation
 * (a new key per path). A <details> element, so the list opens even before JavaScript has loaded.
 */
export function MainNav({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  const current = currentHref(items, pathname);
  const link = (item: NavItem, className: string) => (
    <Link
      href={item.href}
      // No prefetch: every page renders per request, so a prefetch is a full server render for each
      // link on every page view (docs/benchmarks/load.md). A click still navigates client-side.
      prefetch={false}
      aria-current={item.href === current ? 'page' : undefined}
      className={`${className} aria-[current=page]:bg-white/15 aria-[current=page]:underline`}
    >
      {item.label}
    </Link>
  );
  return (
    <nav aria-label="Điều hướng chính" className="border-t border-white/10 bg-red-900/40">
      <ul className="mx-auto hidden max-w-6xl flex-wrap gap-1 px-2 sm:flex">
        {items.map((item) => (
          <li key={item.href}>
            {link(item, 'block px-3 py-2 text-sm font-medium whitespace-nowrap text-red-50 hover:bg-white/10')}
          </li>
        ))}
      </ul>
      <details key={pathname} className="group sm:hidden">
        <summary className="flex cursor-pointer list-none items-center gap-2 px-4 py-2.5 text-sm font-medium text-red-50 [&::-webkit-details-marker]:hidden">
          <svg aria-hidden viewBox="0 0 24 24" className="size-5 fill-none stroke-current stroke-2">
            <path d="M4 6h16M4 12h16M4 18h16" className="group-open:hidden" />
            <path d="M6 6l12 12M18 6L6 18" className="hidden group-open:inline" />
          </svg>
          <span>Menu</span>
          {current ? (
            <span className="truncate text-red-100">· {items.find((i) => i.href === current)?.label}</span>
          ) : null}
        </summary>
        <ul className="border-t border-white/10 pb-2">
          {items.map((item) => (
            <li key={item.href}>{link(item, 'block px-6 py-3 text-base text-red-50 hover:bg-white/10')}</li>
          ))}
        </ul>
      </details>
    </nav>
  );
}
