import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { primaryButton, secondaryButton, td, th } from '@/components/admin/styles';
import { JobRunsSection } from '@/components/admin/job-runs';
import { ErrorList, inputClass } from '@/components/forms/field';
import { listAuditEvents, listAuditFilterOptions } from '@/lib/data/audit-trail';
import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS, auditActionLabel } from '@/lib/domain/audit-actions';
import { formatDateTimeVn } from '@/lib/domain/time';
import { loadPage } from '@/lib/page-helpers';
import { AuditFilterInput } from '@/lib/validation/audit';

export const metadata: Metadata = { title: 'Nhật ký hệ thống' };

const FILTER_KEYS = ['userId', 'unitId', 'action', 'from', 'to'] as const;
type Params = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

function summary(data: unknown): string {
  if (data === null || data === undefined) return '';
  const text = JSON.stringify(data);
  return text.length > 160 ? `${text.slice(0, 159)}…` : text;
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const typed = Object.fromEntries(
    [...FILTER_KEYS, 'cursor'].map((k) => [k, first(params[k]).slice(0, 100)]),
  ) as Record<string, string>;
  const parsed = AuditFilterInput.safeParse(typed);
  const errors = parsed.success
    ? {}
    : (z.flattenError(parsed.error).fieldErrors as Record<string, string[] | undefined>);
  const [options, result] = await loadPage(
    Promise.all([listAuditFilterOptions(), parsed.success ? listAuditEvents(parsed.data) : Promise.resolve(null)]),
  );
  const filterQuery = new URLSearchParams(FILTER_KEYS.filter((k) => typed[k]).map((k) => [k, typed[k]!]));
  const nextHref = result?.nextCursor
    ? `/admin/audit?${new URLSearchParams([...filterQuery, ['cursor', result.nextCursor]])}`
    : null;
  const aria = (name: string) =>
    errors[name]?.length ? { 'aria-invalid': true as const, 'aria-describedby': `audit-${name}-error` } : {};

  return (
    <section className="space-y-4">
      <h1 className="text-xl font-bold sm:text-2xl">Nhật ký hệ thống</h1>
      <p className="text-sm text-slate-600">
        Đăng nhập, đổi mật khẩu, thay đổi người dùng và mọi thao tác trên báo cáo, chương trình, đơn vị. Nhật ký chỉ
        được ghi thêm, không ai sửa hay xóa được.
      </p>
      <p className="text-sm">
        <Link href="/admin/email" className="text-blue-700 underline">
          Thư điện tử không gửi được
        </Link>
      </p>
      <form
        role="search"
        aria-label="Lọc nhật ký"
        className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-3 lg:grid-cols-6"
        noValidate
      >
        <div className="sm:col-span-1 lg:col-span-1">
          <label htmlFor="audit-userId" className="block text-sm font-medium">
            Người dùng
          </label>
          <select
            id="audit-userId"
            name="userId"
            defaultValue={typed.userId}
            className={`${inputClass} mt-1`}
            {...aria('userId')}
          >
            <option value="">Tất cả</option>
            {options.users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.displayName} ({u.username})
              </option>
            ))}
          </select>
          <ErrorList id="audit-userId-error" errors={errors.userId} />
        </div>
        <div>
          <label htmlFor="audit-unitId" className="block text-sm font-medium">
            Đơn vị
          </label>
          <select
            id="audit-unitId"
            name="unitId"
            defaultValue={typed.unitId}
            className={`${inputClass} mt-1`}
            {...aria('unitId')}
          >
            <option value="">Tất cả</option>
            {options.units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
                {u.active ? '' : ' (đã thôi hoạt động)'}
              </option>
            ))}
          </select>
          <ErrorList id="audit-unitId-error" errors={errors.unitId} />
        </div>
        <div>
          <label htmlFor="audit-action" className="block text-sm font-medium">
            Loại sự kiện
          </label>
          <select
            id="audit-action"
            name="action"
            defaultValue={typed.action}
            className={`${inputClass} mt-1`}
            {...aria('action')}
          >
            <option value="">Tất cả</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {AUDIT_ACTION_LABELS[a]}
              </option>
            ))}
          </select>
          <ErrorList id="audit-action-error" errors={errors.action} />
        </div>
        <div>
          <label htmlFor="audit-from" className="block text-sm font-medium">
            Từ ngày
          </label>
          <input
            id="audit-from"
            name="from"
            type="date"
            defaultValue={typed.from}
            className={`${inputClass} mt-1`}
            {...aria('from')}
          />
          <ErrorList id="audit-from-error" errors={errors.from} />
        </div>
        <div>
          <label htmlFor="audit-to" className="block text-sm font-medium">
            Đến ngày
          </label>
          <input
            id="audit-to"
            name="to"
            type="date"
            defaultValue={typed.to}
            className={`${inputClass} mt-1`}
            {...aria('to')}
          />
          <ErrorList id="audit-to-error" errors={errors.to} />
        </div>
        <div className="flex items-end gap-2">
          <button type="submit" className={primaryButton}>
            Lọc
          </button>
          <Link href="/admin/audit" className={secondaryButton}>
            Bỏ lọc
          </Link>
        </div>
      </form>
      {errors.cursor ? <ErrorList id="audit-cursor-error" errors={errors.cursor} /> : null}
      {result === null ? (
        <p role="status" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          Vui lòng kiểm tra các mục được đánh dấu.
        </p>
      ) : result.events.length === 0 ? (
        <p role="status" className="text-sm text-slate-600">
          Không có sự kiện nào khớp bộ lọc.
        </p>
      ) : (
        <div
          className="overflow-x-auto rounded-lg border border-slate-200 bg-white focus-visible:outline-2 focus-visible:outline-red-800"
          role="region"
          aria-label="Bảng sự kiện (cuộn ngang trên màn hình hẹp)"
          tabIndex={0}
        >
          {/* On a phone the table scrolls sideways: the region takes keyboard focus so it can be scrolled without a mouse. */}
          <table className="min-w-full" aria-label="Sự kiện">
            <thead className="border-b border-slate-200 bg-slate-50">
              <tr>
                <th className={th}>Thời điểm</th>
                <th className={th}>Sự kiện</th>
                <th className={th}>Người thực hiện</th>
                <th className={th}>Đối tượng</th>
                <th className={th}>Đơn vị</th>
                <th className={th}>Địa chỉ, trình duyệt</th>
                <th className={th}>Chi tiết</th>
              </tr>
            </thead>
            <tbody>
              {result.events.map((e) => (
                <tr key={e.id} className="border-b border-slate-100">
                  <td className={`${td} whitespace-nowrap`}>{formatDateTimeVn(e.at)}</td>
                  <td className={td}>{auditActionLabel(e.action)}</td>
                  <td className={td}>{e.actor ? `${e.actor.displayName} (${e.actor.username})` : '—'}</td>
                  <td className={td}>{e.subject ?? `${e.entityType} ${e.entityId}`}</td>
                  <td className={td}>{e.unit?.name ?? '—'}</td>
                  <td className={`${td} text-xs`}>
                    {e.ip ?? '—'}
                    {e.userAgent ? (
                      <span className="block max-w-56 truncate text-slate-500" title={e.userAgent}>
                        {e.userAgent}
                      </span>
                    ) : null}
                  </td>
                  <td className={`${td} max-w-72 font-mono text-xs break-words text-slate-600`}>{summary(e.data)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label="Phân trang" className="flex gap-2">
        {typed.cursor ? (
          <Link href={`/admin/audit${filterQuery.size ? `?${filterQuery}` : ''}`} className={secondaryButton}>
            Trang đầu
          </Link>
        ) : null}
        {nextHref ? (
          <Link href={nextHref} className={secondaryButton}>
            Trang sau
          </Link>
        ) : null}
      </nav>
      <JobRunsSection />
    </section>
  );
}
