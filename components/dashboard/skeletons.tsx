/** Placeholders while a section's data loads: the page keeps its shape, and says it is loading. */
export function BlockSkeleton({ label, className = 'h-64' }: { label: string; className?: string }) {
  return (
    <div
      role="status"
      aria-busy="true"
      className={`animate-pulse rounded-lg border border-slate-200 bg-white p-4 ${className}`}
    >
      <span className="sr-only">Đang tải {label}…</span>
      <div className="h-4 w-1/3 rounded bg-slate-200" />
      <div className="mt-4 space-y-3">
        <div className="h-3 w-full rounded bg-slate-100" />
        <div className="h-3 w-5/6 rounded bg-slate-100" />
        <div className="h-3 w-4/6 rounded bg-slate-100" />
      </div>
    </div>
  );
}

export function DashboardSkeleton() {
  return (
    <div className="space-y-6">
      <BlockSkeleton label="bộ lọc" className="h-28" />
      <BlockSkeleton label="số liệu tổng hợp" className="h-40" />
      <div className="grid gap-6 lg:grid-cols-2">
        <BlockSkeleton label="biểu đồ theo phường, xã" className="h-80" />
        <BlockSkeleton label="biểu đồ theo phòng, ban" className="h-80" />
      </div>
      <BlockSkeleton label="xu hướng hoàn thành" className="h-72" />
    </div>
  );
}
