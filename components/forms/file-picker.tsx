'use client';

import { useRef, useState } from 'react';

/**
 * A file input that speaks Vietnamese: the browser's own button ("Choose Files / No file chosen",
 * in the browser's language) is hidden but stays the focusable control with the page's label; a
 * "Chọn tệp" button that opens it and the chosen names are shown instead.
 */
export function FilePicker({
  showChosen = true,
  onChange,
  className = '',
  ...input
}: Omit<React.InputHTMLAttributes<HTMLInputElement>, 'type'> & { id: string; showChosen?: boolean }) {
  const [names, setNames] = useState<string[]>([]);
  const ref = useRef<HTMLInputElement>(null);
  return (
    <div className={`mt-1 flex flex-wrap items-center gap-3 ${className}`}>
      <input
        {...input}
        ref={ref}
        type="file"
        className="peer sr-only"
        onChange={(e) => {
          setNames(Array.from(e.currentTarget.files ?? [], (f) => f.name));
          onChange?.(e);
        }}
      />
      {/* The input (labelled by the page) is the control; this button only shows it in Vietnamese. */}
      <button
        type="button"
        aria-hidden
        tabIndex={-1}
        disabled={input.disabled}
        onClick={() => ref.current?.click()}
        className="cursor-pointer rounded-md bg-red-800 px-3 py-2 text-sm font-medium text-white peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-red-800 peer-disabled:cursor-not-allowed peer-disabled:opacity-60 hover:bg-red-900"
      >
        {input.multiple ? 'Chọn tệp…' : 'Chọn tệp'}
      </button>
      {showChosen ? (
        <span className="min-w-0 text-sm break-all text-slate-700" data-testid="chosen-files">
          {names.length === 0 ? 'Chưa chọn tệp nào' : names.join(', ')}
        </span>
      ) : null}
    </div>
  );
}
