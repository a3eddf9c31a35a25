/** Up and down buttons: each is a tiny form posting to a move action (works without JavaScript). */
export function MoveButtons({
  action,
  id,
  label,
  first,
  last,
}: {
  action: (formData: FormData) => Promise<void>;
  id: number;
  /** What is moved, for screen readers ("mục I", "nhiệm vụ I.2"). */
  label: string;
  first: boolean;
  last: boolean;
}) {
  const button =
    'rounded border border-slate-300 bg-white px-2 py-0.5 text-sm leading-5 hover:bg-slate-50 disabled:opacity-30';
  return (
    <span className="inline-flex gap-1">
      <form action={action}>
        <input type="hidden" name="id" value={id} />
        <input type="hidden" name="direction" value="up" />
        <button type="submit" disabled={first} className={button} aria-label={`Đưa ${label} lên trên`} title="Lên trên">
          ↑
        </button>
      </form>
      <form action={action}>
        <input type="hidden" name="id" value={id} />
        <input type="hidden" name="direction" value="down" />
        <button
          type="submit"
          disabled={last}
          className={button}
          aria-label={`Đưa ${label} xuống dưới`}
          title="Xuống dưới"
        >
          ↓
        </button>
      </form>
    </span>
  );
}
