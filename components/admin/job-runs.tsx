import { td, th } from '@/components/admin/styles';
import { listJobRuns } from '@/lib/data/job-runs';
import { formatDateTimeVn } from '@/lib/domain/time';
import { JOBS } from '@/lib/jobs/registry';

const STATUS = { RUNNING: 'Đang chạy', SUCCEEDED: 'Thành công', FAILED: 'Lỗi' } as const;

function scheduleLabel(cron: string): string {
  const hourly = /^(\d{1,2}) \* \* \* \*$/.exec(cron);
  return hourly ? `Mỗi giờ, phút ${hourly[1]!.padStart(2, '0')}` : cron;
}

function resultLabel(result: unknown): string {
  if (result === null || typeof result !== 'object') return '';
  return Object.entries(result as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${typeof v === 'number' ? v : JSON.stringify(v)}`)
    .join(', ');
}

/** The scheduled jobs (lib/jobs/registry.ts): their schedule, last run and its result. */
export async function JobRunsSection() {
  const runs = await listJobRuns(JOBS.map((j) => j.name));
  return (
    <section aria-labelledby="job-runs-title" className="space-y-2">
      <h2 id="job-runs-title" className="text-lg font-semibold">
        Tác vụ định kỳ
      </h2>
      <div
        className="overflow-x-auto rounded-lg border border-slate-200 bg-white focus-visible:outline-2 focus-visible:outline-red-800"
        role="region"
        aria-label="Bảng tác vụ định kỳ (cuộn ngang trên màn hình hẹp)"
        tabIndex={0}
      >
        <table className="min-w-full" aria-label="Tác vụ định kỳ">
          <thead className="border-b border-slate-200 bg-slate-50">
            <tr>
              <th className={th}>Tác vụ</th>
              <th className={th}>Lịch chạy</th>
              <th className={th}>Lần chạy gần nhất</th>
              <th className={th}>Kết quả</th>
              <th className={th}>Thành công gần nhất</th>
            </tr>
          </thead>
          <tbody>
            {JOBS.map((job) => {
              const { last, lastSuccessAt } = runs[job.name] ?? { last: null, lastSuccessAt: null };
              return (
                <tr key={job.name} className="border-b border-slate-100" data-job={job.name}>
                  <td className={td}>{job.label}</td>
                  <td className={td}>{scheduleLabel(job.cron)}</td>
                  <td className={`${td} whitespace-nowrap`}>{last ? formatDateTimeVn(last.startedAt) : 'Chưa chạy'}</td>
                  <td className={td}>
                    {last ? (
                      <>
                        <span className={last.status === 'FAILED' ? 'font-semibold text-red-800' : undefined}>
                          {STATUS[last.status]}
                        </span>
                        {last.status === 'SUCCEEDED' && resultLabel(last.result) ? (
                          <span className="block text-xs text-slate-600">{resultLabel(last.result)}</span>
                        ) : null}
                        {last.status === 'FAILED' && last.error ? (
                          <span className="block max-w-72 text-xs break-words text-slate-600">{last.error}</span>
                        ) : null}
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td className={`${td} whitespace-nowrap`}>{lastSuccessAt ? formatDateTimeVn(lastSuccessAt) : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
