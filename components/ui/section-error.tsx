'use client';

import { useRouter } from 'next/navigation';
import { useTransition } from 'react';

/** What a failed section shows: its name, a short message and a retry that reloads only the data. */
export function SectionError({ label }: { label: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <div
      role="alert"
      data-error-boundary="section"
      className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950"
    >
      <p>
        Chưa tải được phần <strong>{label}</strong> (hệ thống đang bận). Các phần khác của trang vẫn dùng được.
      </p>
      <button
        type="button"
        onClick={() => start(() => router.refresh())}
        disabled={pending}
        className="mt-2 rounded-md border border-amber-400 bg-white px-3 py-1.5 font-medium hover:bg-amber-100 disabled:opacity-60"
      >
        {pending ? 'Đang tải lại…' : 'Thử lại'}
      </button>
    </div>
  );
}
