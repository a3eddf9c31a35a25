'use client';

import { useEffect } from 'react';

/** Unknown errors end here: a Vietnamese message, never the raw error. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <main data-error-boundary="page" className="mx-auto max-w-lg px-4 py-16 text-center">
      <h1 className="text-xl font-semibold">Đã xảy ra lỗi</h1>
      <p className="mt-2 text-slate-600">
        Hệ thống chưa xử lý được yêu cầu này. Vui lòng thử lại; nếu vẫn lỗi, hãy báo quản trị hệ thống
        {error.digest ? (
          <>
            {' '}
            kèm mã lỗi <code className="rounded bg-slate-100 px-1">{error.digest}</code>
          </>
        ) : null}
        .
      </p>
      <button
        type="button"
        onClick={reset}
        className="mt-6 rounded-md bg-red-700 px-4 py-2 font-medium text-white hover:bg-red-800"
      >
        Thử lại
      </button>
    </main>
  );
}
