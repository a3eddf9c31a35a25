'use client';

import { useActionState, useState } from 'react';
import { Field, FormMessage, inputClass } from '@/components/forms/field';
import { INITIAL_STATE } from '@/lib/action-state';
import { issueApiTokenAction } from '@/lib/actions/admin-api-tokens';
import { API_TOKEN_SCOPE_LABELS } from '@/lib/domain/api-tokens';
import { primaryButton } from './styles';

/**
 * Issue an API token: who uses it, what it may read (everything, or one unit), until when. The
 * secret comes back once, shown in a read-only field to copy (decision 020).
 */
export function ApiTokenForm({ units }: { units: { id: number; name: string }[] }) {
  const [state, action, pending] = useActionState(issueApiTokenAction, INITIAL_STATE);
  const errors = state.fieldErrors ?? {};
  const value = (n: string, fallback = '') => state.fields?.[n] ?? fallback;
  const [scope, setScope] = useState(value('scope', 'UNIT'));
  const secret = state.ok ? state.result?.secret : undefined;
  return (
    <form action={action} className="space-y-4" noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          id="token-name"
          label="Tên hệ thống sử dụng"
          hint="Ví dụ: Hệ thống theo dõi nhiệm vụ của UBND tỉnh"
          errors={errors.name}
        >
          {(aria) => (
            <input {...aria} name="name" maxLength={120} defaultValue={value('name')} className={inputClass} />
          )}
        </Field>
        <Field id="token-expires" label="Ngày hết hạn" hint="dd/mm/yyyy; tối đa một năm" errors={errors.expiresOn}>
          {(aria) => (
            <input
              {...aria}
              name="expiresOn"
              inputMode="numeric"
              defaultValue={value('expiresOn')}
              className={inputClass}
            />
          )}
        </Field>
        <Field id="token-scope" label="Phạm vi đọc" errors={errors.scope}>
          {(aria) => (
            <select
              {...aria}
              name="scope"
              value={scope}
              onChange={(e) => setScope(e.target.value)}
              className={inputClass}
            >
              {Object.entries(API_TOKEN_SCOPE_LABELS).map(([code, label]) => (
                <option key={code} value={code}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
        {scope === 'UNIT' ? (
          <Field id="token-unit" label="Đơn vị" errors={errors.unitId}>
            {(aria) => (
              <select
                {...aria}
                key={value('unitId')}
                name="unitId"
                defaultValue={value('unitId')}
                className={inputClass}
              >
                <option value="">— Chọn đơn vị —</option>
                {units.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
      </div>
      <FormMessage ok={state.ok} message={state.message} />
      {typeof secret === 'string' ? (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3">
          <label htmlFor="token-secret" className="block text-sm font-semibold text-amber-900">
            Mã truy cập (chỉ hiển thị lần này)
          </label>
          <input
            id="token-secret"
            readOnly
            value={secret}
            onFocus={(e) => e.currentTarget.select()}
            className={`${inputClass} mt-1 font-mono`}
          />
        </div>
      ) : null}
      <button type="submit" disabled={pending} className={primaryButton}>
        {pending ? 'Đang cấp…' : 'Cấp mã truy cập'}
      </button>
    </form>
  );
}
