/** Button and table styles shared by the administration screens. */
export const primaryButton =
  'rounded-md bg-red-700 px-4 py-2 font-semibold text-white hover:bg-red-800 disabled:opacity-60';
export const secondaryButton =
  'rounded-md border border-slate-300 bg-white px-4 py-2 font-medium hover:bg-slate-50 disabled:opacity-60';
export const dangerButton =
  'rounded-md border border-red-300 bg-white px-4 py-2 font-medium text-red-800 hover:bg-red-50 disabled:opacity-60';
export const smallButton =
  'rounded border border-slate-300 bg-white px-2 py-1 text-sm hover:bg-slate-50 disabled:opacity-40';
export const card = 'rounded-lg border border-slate-200 bg-white p-4';
export const th = 'px-3 py-2 text-left text-sm font-semibold text-slate-700';
export const td = 'px-3 py-2 align-top text-sm';
