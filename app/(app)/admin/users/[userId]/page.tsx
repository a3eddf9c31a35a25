import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionButton } from '@/components/admin/action-button';
import { card, dangerButton } from '@/components/admin/styles';
import { PasswordResetForm, UserForm } from '@/components/admin/user-forms';
import { userStatusAction } from '@/lib/actions/admin-users';
import { getUser, listUnitOptions } from '@/lib/data/admin-users';
import { requireUser } from '@/lib/auth';
import { formatDateTimeVn } from '@/lib/domain/time';
import { loadPage, parseId } from '@/lib/page-helpers';
import { ROLE_LABELS } from '@/lib/permissions';

export const metadata: Metadata = { title: 'Người dùng' };

export default async function UserPage({
  params,
  searchParams,
}: {
  params: Promise<{ userId: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  const [{ userId }, { created }] = await Promise.all([params, searchParams]);
  const [me, [u, units]] = await Promise.all([
    requireUser(),
    loadPage(Promise.all([getUser(parseId(userId)), listUnitOptions()])),
  ]);
  // A user of a closed unit keeps it in the select until moved.
  const options = units.some((x) => x.id === u.unit.id)
    ? units
    : [...units, { id: u.unit.id, name: `${u.unit.name} (đã thôi hoạt động)`, kind: 'DEPARTMENT' as const }];
  return (
    <article className="space-y-6">
      <nav aria-label="Đường dẫn" className="text-sm text-slate-600">
        <Link href="/admin/users" className="hover:underline">
          Người dùng
        </Link>{' '}
        / {u.displayName}
      </nav>
      {created ? (
        <p role="status" className="rounded-md bg-green-50 p-3 text-sm text-green-800">
          Đã tạo người dùng {u.username}.
        </p>
      ) : null}
      <header>
        <h1 className="text-xl font-bold sm:text-2xl">{u.displayName}</h1>
        <p className="text-sm text-slate-600">
          {u.username} · {ROLE_LABELS[u.role]} · {u.unit.name} ·{' '}
          {u.lastLoginAt ? `đăng nhập gần nhất ${formatDateTimeVn(u.lastLoginAt)}` : 'chưa đăng nhập'}
        </p>
        <p className="mt-1 text-sm">
          <span
            data-testid="user-status"
            className={`rounded px-2 py-0.5 font-medium ${u.active ? 'bg-green-100 text-green-900' : 'bg-slate-200'}`}
          >
            {u.active ? 'Đang hoạt động' : 'Đã khóa'}
          </span>
        </p>
      </header>
      <section aria-labelledby="profile-heading" className={card}>
        <h2 id="profile-heading" className="mb-3 font-semibold">
          Thông tin, vai trò, đơn vị
        </h2>
        <UserForm user={u} units={options} />
      </section>
      <section aria-labelledby="password-heading" className={card}>
        <h2 id="password-heading" className="mb-3 font-semibold">
          Đặt lại mật khẩu
        </h2>
        <PasswordResetForm userId={u.id} />
      </section>
      {u.id !== me.id ? (
        <section aria-labelledby="status-heading" className={`${card} space-y-2`}>
          <h2 id="status-heading" className="font-semibold">
            Tài khoản
          </h2>
          <p className="text-sm text-slate-600">
            {u.active
              ? 'Khóa tài khoản: người dùng không đăng nhập được nữa và mọi phiên đang mở kết thúc ngay.'
              : 'Tài khoản đã bị khóa. Mở khóa để người dùng đăng nhập lại (bằng mật khẩu hiện có).'}
          </p>
          {/* One element for both states, so its result message survives the change of state. */}
          <ActionButton
            action={userStatusAction}
            fields={{ userId: u.id, intent: u.active ? 'deactivate' : 'reactivate' }}
            label={u.active ? 'Khóa tài khoản' : 'Mở khóa tài khoản'}
            confirm={u.active ? `Khóa tài khoản ${u.username}?` : undefined}
            className={u.active ? dangerButton : undefined}
          />
        </section>
      ) : null}
    </article>
  );
}
