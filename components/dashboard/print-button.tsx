'use client';

/** Prints the dashboard (A4, see the print rules of the page). */
export function PrintButton() {
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-50"
    >
      In bảng điều khiển
    </button>
  );
}
