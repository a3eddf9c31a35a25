'use client';

import { useState } from 'react';

/**
 * A file input that speaks Vietnamese: the browser's own button ("Choose Files / No file chosen",
 * in the browser's language) is hidden but stays the focusable, labelled control; a "Chọn tệp"
 * button (its label) and the chosen names are shown instead. Works without JavaScript.
 */
export function FilePicker({
  showChosen = true,
  onChange,
  className = '',
  ...input
}: Omit<React.InputHTMLAttributes<HTMLInputElement>, 'type'> & { id: string; showChosen?: boolean }) {
  const [names, setNames] = useState<string[]>([]);
  return (
    <div className={`mt-1 flex flex-wrap items-center gap-3 ${className}`}>
      <input
        {...input}
        type="file"
        className="peer sr-only"
        onChange={(e) => {
          setNames(Array.from(e.currentTarget.files ?? [], (f) => f.name));
          onChange?.(e);
        }}
      />
      <label
        htmlFor={input.id}
        className="cursor-pointer rounded-md bg-red-800 px-3 py-2 text-sm font-medium text-white peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-red-800 peer-disabled:cursor-not-allowed peer-disabled:opacity-60 hover:bg-red-900"
      >
        {input.multiple ? 'Chọn tệp…' : 'Chọn tệp'}
      </label>
      {showChosen ? (
        <span className="min-w-0 text-sm break-all text-slate-700" data-testid="chosen-files">
          {names.length === 0 ? 'Chưa chọn tệp nào' : names.join(', ')}
        </span>
      ) : null}
    </div>
  );
}
