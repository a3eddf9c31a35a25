import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionButton } from '@/components/admin/action-button';
import { card } from '@/components/admin/styles';
import { DeactivateUnitForm, UnitForm } from '@/components/admin/unit-forms';
import { reactivateUnitAction } from '@/lib/actions/admin-units';
import { getUnit } from '@/lib/data/units';
import { UNIT_KIND_LABELS } from '@/lib/domain/labels';
import { formatDateVn, vnDateOf } from '@/lib/domain/time';
import { loadPage, parseId } from '@/lib/page-helpers';

export const metadata: Metadata = { title: 'Đơn vị' };

const CHANGE = { MERGE: 'sáp nhập', SPLIT: 'chia tách', RENAME: 'đổi tên' } as const;

/** "12-3-4-1-2" from a merger's redirect → a sentence (numbers only; anything else is ignored). */
function mergedMessage(raw: string | undefined): string | null {
  const n = raw?.split('-').map(Number);
  if (!n || n.length !== 5 || n.some((x) => !Number.isInteger(x) || x < 0)) return null;
  const [moved, stayed, removed, kept, users] = n;
  return `Đã ghi nhận sáp nhập: ${moved} nhiệm vụ chưa hoàn thành chuyển sang đơn vị này; ${stayed} nhiệm vụ đã hoàn thành giữ ở đơn vị cũ; ${removed} nhiệm vụ trùng (chưa có báo cáo) được gộp; ${kept} nhiệm vụ trùng có báo cáo cùng kỳ được giữ ở đơn vị cũ làm lịch sử; ${users} người dùng được chuyển sang.`;
}

function splitMessage(raw: string | undefined): string | null {
  const n = raw?.split('-').map(Number);
  if (!n || n.length !== 4 || n.some((x) => !Number.isInteger(x) || x < 0)) return null;
  const [moved, copied, stayed, users] = n;
  return `Đã ghi nhận chia tách: ${moved} nhiệm vụ chưa hoàn thành chuyển sang đơn vị tiếp nhận hồ sơ, ${copied} nhiệm vụ được giao thêm cho các đơn vị mới khác; ${stayed} nhiệm vụ đã hoàn thành giữ ở đơn vị cũ; ${users} người dùng được chuyển.`;
}

export default async function UnitPage({
  params,
  searchParams,
}: {
  params: Promise<{ unitId: string }>;
  searchParams: Promise<{
    created?: string;
    merged?: string;
    split?: string;
    deactivated?: string;
    reactivated?: string;
  }>;
}) {
  const [{ unitId }, query] = await Promise.all([params, searchParams]);
  const u = await loadPage(getUnit(parseId(unitId)));
  const notice = query.created
    ? 'Đã thêm đơn vị.'
    : query.deactivated
      ? 'Đơn vị đã thôi hoạt động.'
      : query.reactivated
        ? 'Đơn vị hoạt động trở lại.'
        : (mergedMessage(query.merged) ?? splitMessage(query.split));
  return (
    <article className="space-y-6">
      <nav aria-label="Đường dẫn" className="text-sm text-slate-600">
        <Link href="/admin/units" className="hover:underline">
          Đơn vị
        </Link>{' '}
        / {u.name}
      </nav>
      {notice ? (
        <p role="status" className="rounded-md bg-green-50 p-3 text-sm text-green-800">
          {notice}
        </p>
      ) : null}
      <header>
        <h1 className="text-xl font-bold sm:text-2xl">{u.name}</h1>
        <p className="text-sm text-slate-600">
          {UNIT_KIND_LABELS[u.kind]} · mã {u.code} · hoạt động từ {formatDateVn(u.validFrom)}
          {u.validTo ? `, thôi hoạt động từ ${formatDateVn(u.validTo)}` : ''}
          {u.isStandingOffice ? ' · cơ quan thường trực cải cách hành chính' : ''}
        </p>
        <p className="text-sm">
          <span
            className={`rounded px-2 py-0.5 font-medium ${u.active ? 'bg-green-100 text-green-900' : 'bg-slate-200'}`}
          >
            {u.active ? 'Đang hoạt động' : 'Đã thôi hoạt động'}
          </span>{' '}
          <span className="text-slate-600">
            {u.activeUsers} người dùng · {u.openAssignments} nhiệm vụ chưa hoàn thành · {u.completedAssignments} đã hoàn
            thành
          </span>
        </p>
      </header>

      {u.predecessors.length + u.successors.length > 0 ? (
        <section aria-labelledby="lineage-heading" className={card}>
          <h2 id="lineage-heading" className="mb-2 font-semibold">
            Lịch sử sắp xếp
          </h2>
          <ul className="space-y-1 text-sm">
            {u.predecessors.map((l) => (
              <li key={`p${l.predecessor.id}`}>
                Từ ngày {formatDateVn(l.effectiveDate)}: tiếp nhận từ{' '}
                <Link href={`/admin/units/${l.predecessor.id}`} className="text-blue-700 underline">
                  {l.predecessor.name}
                </Link>{' '}
                ({CHANGE[l.kind]}){l.note ? ` — ${l.note}` : ''}
              </li>
            ))}
            {u.successors.map((l) => (
              <li key={`s${l.successor.id}`}>
                Từ ngày {formatDateVn(l.effectiveDate)}: {CHANGE[l.kind]} vào{' '}
                <Link href={`/admin/units/${l.successor.id}`} className="text-blue-700 underline">
                  {l.successor.name}
                </Link>
                {l.note ? ` — ${l.note}` : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="edit-heading" className={card}>
        <h2 id="edit-heading" className="mb-3 font-semibold">
          Thông tin đơn vị
        </h2>
        <UnitForm unit={u} />
      </section>

      <section aria-labelledby="status-heading" className={`${card} space-y-2`}>
        <h2 id="status-heading" className="font-semibold">
          Hoạt động
        </h2>
        {u.active ? (
          <>
            <p className="text-sm text-slate-600">
              Đơn vị còn người dùng hoặc nhiệm vụ chưa hoàn thành thì không cho thôi hoạt động được: hãy ghi nhận{' '}
              <Link href="/admin/units/merge" className="text-blue-700 underline">
                sáp nhập
              </Link>{' '}
              hoặc{' '}
              <Link href="/admin/units/split" className="text-blue-700 underline">
                chia tách
              </Link>{' '}
              để chuyển giao nhiệm vụ.
            </p>
            <DeactivateUnitForm unitId={u.id} today={vnDateOf(new Date())} />
          </>
        ) : u.successors.length === 0 ? (
          <ActionButton action={reactivateUnitAction} fields={{ unitId: u.id }} label="Cho hoạt động trở lại" />
        ) : (
          <p className="text-sm text-slate-600">Đơn vị đã được sắp xếp vào đơn vị khác.</p>
        )}
      </section>
    </article>
  );
}
