/**
 * The confirmation shown after an action that moved the user on (a redirect with `?notice=…`): only
 * the fixed messages below, so nothing from the URL is ever echoed onto the page.
 */
export const NOTICES = {
  'extension-requested': 'Đã gửi đề nghị gia hạn. Bạn sẽ nhận thông báo khi có quyết định.',
  'extension-approved': 'Đã đồng ý gia hạn. Đơn vị đã được thông báo thời hạn mới.',
  'extension-rejected': 'Đã từ chối đề nghị gia hạn. Đơn vị đã được thông báo lý do.',
  'urging-letter-created':
    'Đã tạo công văn đôn đốc: các đơn vị có tên đã nhận thông báo kèm công văn, và lịch sử từng nhiệm vụ đã ghi lại.',
  'indicator-created':
    'Đã tạo chỉ tiêu: các đơn vị báo cáo đã thấy nhiệm vụ báo cáo chỉ tiêu của mình. Thêm đơn vị báo cáo ở trang nhiệm vụ.',
} as const;
export type NoticeKey = keyof typeof NOTICES;

export function Notice({ notice }: { notice: string | string[] | undefined }) {
  const key = typeof notice === 'string' && Object.hasOwn(NOTICES, notice) ? (notice as NoticeKey) : null;
  if (!key) return null;
  return (
    <p
      role="status"
      data-testid="notice"
      className="rounded-md border border-green-300 bg-green-50 px-4 py-3 text-sm font-medium text-green-900"
    >
      {NOTICES[key]}
    </p>
  );
}
