'use client';

import { useId, useRef, useState } from 'react';

type Props = Omit<React.InputHTMLAttributes<HTMLInputElement>, 'type'> & { id: string; showChosen?: boolean };

/** Does `file` match the input's `accept` list (".docx", "image/*", "application/pdf")? Empty: anything. */
export function acceptsFile(accept: string | undefined, file: { name: string; type: string }): boolean {
  const tokens = (accept ?? '')
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);
  if (tokens.length === 0) return true;
  const name = file.name.toLowerCase();
  const type = file.type.toLowerCase();
  return tokens.some((t) =>
    t.startsWith('.') ? name.endsWith(t) : t.endsWith('/*') ? type.startsWith(t.slice(0, -1)) : type === t,
  );
}

/**
 * A file input that speaks Vietnamese: the browser's own button ("Choose Files / No file chosen",
 * in the browser's language) is hidden but stays the focusable control with the page's label; a
 * "Chọn tệp" button that opens it and the chosen files are shown instead. Files can also be dropped
 * onto it: they are put into the input itself (a DataTransfer), so the form sends them and the
 * caller's onChange runs as for a choice in the dialog. With `showChosen` the chosen files are
 * listed, each with a button that takes it out again (keyboard: Tab to it, Enter).
 */
export function FilePicker({ showChosen = true, onChange, className = '', ...input }: Props) {
  const [files, setFiles] = useState<File[]>([]);
  const [dragging, setDragging] = useState(false);
  const [refused, setRefused] = useState<string[]>([]);
  const ref = useRef<HTMLInputElement>(null);
  const statusId = useId();

  /** Puts `list` into the input and lets everyone (React's onChange, the form) see the change. */
  function putFiles(list: File[]) {
    const el = ref.current;
    if (!el) return;
    const transfer = new DataTransfer();
    for (const f of list) transfer.items.add(f);
    el.files = transfer.files;
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }

  function onDrop(e: React.DragEvent) {
    e.preventDefault();
    setDragging(false);
    if (input.disabled) return;
    const dropped = Array.from(e.dataTransfer.files);
    if (dropped.length === 0) return;
    const fitting = dropped.filter((f) => acceptsFile(input.accept, f));
    setRefused(dropped.filter((f) => !fitting.includes(f)).map((f) => f.name));
    if (fitting.length === 0) return;
    if (!input.multiple) putFiles(fitting.slice(0, 1));
    // Listed here: added to those already chosen (the same name and size once). Otherwise the caller
    // takes the files at once (uploads them), so only the dropped ones are handed over.
    else if (showChosen)
      putFiles([...files, ...fitting.filter((f) => !files.some((g) => g.name === f.name && g.size === f.size))]);
    else putFiles(fitting);
  }

  return (
    <div
      className={`mt-1 rounded-md border-2 border-dashed p-3 ${dragging ? 'border-red-800 bg-red-50' : 'border-slate-300'} ${className}`}
      data-testid="file-drop-zone"
      onDragEnter={(e) => {
        e.preventDefault();
        if (!input.disabled) setDragging(true);
      }}
      onDragOver={(e) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = input.disabled ? 'none' : 'copy';
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <div className="flex flex-wrap items-center gap-3">
        <input
          {...input}
          ref={ref}
          type="file"
          className="peer sr-only"
          onChange={(e) => {
            setFiles(Array.from(e.currentTarget.files ?? []));
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
        <span className="text-sm text-slate-600">hoặc kéo thả tệp vào đây</span>
      </div>
      <div id={statusId} aria-live="polite" className="empty:hidden">
        {refused.length > 0 ? (
          <p className="mt-2 text-sm text-red-800">
            Không nhận {refused.join(', ')}: loại tệp này không được tải lên ở đây.
          </p>
        ) : null}
      </div>
      {showChosen ? (
        files.length === 0 ? (
          <p className="mt-2 text-sm text-slate-700" data-testid="chosen-files">
            Chưa chọn tệp nào
          </p>
        ) : (
          <ul className="mt-2 space-y-1 text-sm text-slate-700" aria-label="Tệp đã chọn" data-testid="chosen-files">
            {files.map((f, i) => (
              <li key={`${f.name}-${f.size}-${i}`} className="flex items-center justify-between gap-2">
                <span className="min-w-0 break-all">{f.name}</span>
                <button
                  type="button"
                  disabled={input.disabled}
                  onClick={() => {
                    putFiles(files.filter((_, j) => j !== i));
                    ref.current?.focus();
                  }}
                  aria-label={`Bỏ tệp ${f.name}`}
                  className="shrink-0 rounded px-2 py-1 text-sm font-medium text-red-800 underline hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-red-800"
                >
                  Bỏ
                </button>
              </li>
            ))}
          </ul>
        )
      ) : null}
    </div>
  );
}
