'use client';

import { FilePicker } from '@/components/forms/file-picker';
import { useId, useRef, useState } from 'react';
import { EVIDENCE_ACCEPT, EVIDENCE_LIMITS, EVIDENCE_MESSAGES, precheckEvidenceFile } from '@/lib/validation/evidence';
import { formatBytes } from '@/lib/format';

type EvidenceFile = { id: number; fileName: string; sizeBytes: number; mimeType: string };
type Uploaded = { evidence: EvidenceFile; reportId: number; version: number };
type Upload = { key: number; name: string; size: number; progress: number; error: string | null };
type SendResult = { ok: true; data: Uploaded } | { ok: false; error: string };

const NETWORK_ERROR = 'Mất kết nối khi tải lên. Kiểm tra mạng và thử lại.';
const SESSION_ENDED = 'Phiên đăng nhập đã hết. Vui lòng đăng nhập lại rồi tải lên lần nữa.';
const GENERIC_ERROR = 'Chưa tải lên được tệp này. Vui lòng thử lại.';

/** The server's message when it sent one; otherwise a message for what most likely happened. */
function errorOf(xhr: XMLHttpRequest): string {
  const body: unknown = xhr.response;
  if (body && typeof body === 'object' && 'error' in body && typeof body.error === 'string') return body.error;
  // The proxy sends a signed-out user to the login page, which XHR follows silently.
  if (xhr.status === 401 || xhr.responseURL.includes('/login')) return SESSION_ENDED;
  if (xhr.status === 413) return EVIDENCE_MESSAGES.tooLarge;
  return GENERIC_ERROR;
}

/** XMLHttpRequest rather than fetch: only it reports upload progress in every browser. */
function send(
  fields: { assignmentId: number; periodKey: string },
  file: File,
  onProgress: (percent: number) => void,
): Promise<SendResult> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/evidence');
    xhr.responseType = 'json';
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.min(99, Math.round((event.loaded / event.total) * 100)));
    };
    xhr.onload = () => {
      const body: unknown = xhr.response;
      if (xhr.status === 201 && body && typeof body === 'object' && 'evidence' in body)
        resolve({ ok: true, data: body as Uploaded });
      else resolve({ ok: false, error: errorOf(xhr) });
    };
    xhr.onerror = () => resolve({ ok: false, error: NETWORK_ERROR });
    xhr.onabort = () => resolve({ ok: false, error: NETWORK_ERROR });
    const form = new FormData();
    form.append('assignmentId', String(fields.assignmentId));
    form.append('periodKey', fields.periodKey);
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/**
 * Tài liệu kiểm chứng of a report: pick files (phones can take a photo), each uploaded with its
 * own progress bar and error, then listed with a download link and, while the report is editable,
 * a remove button. Sits inside the report form: no nested form, every button is type="button",
 * and the file input has no name, so saving the report never resends the files.
 */
export function EvidenceUploader({
  assignmentId,
  periodKey,
  initialFiles,
  editable,
  onUploaded,
}: {
  assignmentId: number;
  periodKey: string;
  initialFiles: EvidenceFile[];
  editable: boolean;
  onUploaded?: (r: { reportId: number; version: number }) => void;
}) {
  const id = useId();
  const inputId = `${id}-input`;
  const hintId = `${id}-hint`;
  const nextKey = useRef(0);
  // Kept as changes on top of the server's list, so a refresh of initialFiles (router.refresh)
  // and this component's own uploads and removals never fight.
  const [added, setAdded] = useState<EvidenceFile[]>([]);
  const [removedIds, setRemovedIds] = useState<number[]>([]);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [busy, setBusy] = useState(false);
  const [removing, setRemoving] = useState<number | null>(null);
  const [fileErrors, setFileErrors] = useState<Record<number, string>>({});

  const files = [...initialFiles, ...added.filter((a) => !initialFiles.some((f) => f.id === a.id))].filter(
    (f) => !removedIds.includes(f.id),
  );

  const update = (key: number, change: Partial<Upload>) =>
    setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...change } : u)));

  async function onChoose(event: React.ChangeEvent<HTMLInputElement>) {
    const chosen = Array.from(event.target.files ?? []);
    // Cleared at once: the same file can be picked again after an error.
    event.target.value = '';
    if (chosen.length === 0) return;
    let room = EVIDENCE_LIMITS.maxFilesPerReport - files.length;
    const batch = chosen.map((file) => {
      const key = nextKey.current++;
      const error = precheckEvidenceFile(file) ?? (room-- > 0 ? null : EVIDENCE_MESSAGES.tooMany);
      return { file, upload: { key, name: file.name, size: file.size, progress: 0, error } };
    });
    // A new choice clears the refusals of the previous one.
    setUploads((list) => [...list.filter((u) => u.error === null), ...batch.map((b) => b.upload)]);
    setBusy(true);
    // One after the other: a phone's upload bandwidth is better spent finishing one file at a time.
    for (const { file, upload } of batch) {
      if (upload.error) continue;
      const result = await send({ assignmentId, periodKey }, file, (progress) => update(upload.key, { progress }));
      if (result.ok) {
        setUploads((list) => list.filter((u) => u.key !== upload.key));
        setAdded((list) => [...list, result.data.evidence]);
        onUploaded?.({ reportId: result.data.reportId, version: result.data.version });
      } else {
        update(upload.key, { error: result.error });
      }
    }
    setBusy(false);
  }

  async function onRemove(file: EvidenceFile) {
    if (!window.confirm(`Xóa tệp “${file.fileName}” khỏi báo cáo?`)) return;
    setRemoving(file.id);
    setFileErrors((errors) => {
      const rest = { ...errors };
      delete rest[file.id];
      return rest;
    });
    try {
      const response = await fetch(`/api/evidence/${file.id}`, { method: 'DELETE' });
      const body: unknown = await response.json().catch(() => null);
      if (response.ok) {
        setRemovedIds((ids) => [...ids, file.id]);
      } else {
        const message =
          body && typeof body === 'object' && 'error' in body && typeof body.error === 'string'
            ? body.error
            : GENERIC_ERROR;
        setFileErrors((errors) => ({ ...errors, [file.id]: message }));
      }
    } catch {
      setFileErrors((errors) => ({ ...errors, [file.id]: NETWORK_ERROR }));
    } finally {
      setRemoving(null);
    }
  }

  return (
    <div className="space-y-3">
      {editable ? (
        <div>
          <label htmlFor={inputId} className="block text-sm font-medium">
            Tài liệu kiểm chứng
          </label>
          <p id={hintId} className="text-xs text-slate-600">
            PDF, Word, Excel, OpenDocument, ảnh JPG/PNG hoặc ZIP; mỗi tệp tối đa 20 MB, mỗi báo cáo tối đa{' '}
            {EVIDENCE_LIMITS.maxFilesPerReport} tệp. Trên điện thoại có thể chụp ảnh trực tiếp.
          </p>
          <FilePicker
            id={inputId}
            multiple
            accept={EVIDENCE_ACCEPT}
            disabled={busy}
            aria-describedby={hintId}
            onChange={onChoose}
            showChosen={false}
          />
        </div>
      ) : (
        <p className="text-sm font-medium">Tài liệu kiểm chứng</p>
      )}

      {/* Always in the page (visually collapsed when empty): a live region must exist before it changes. */}
      <div aria-live="polite" className="empty:sr-only">
        {uploads.length > 0 ? (
          <ul aria-label="Tệp đang tải lên" className="space-y-2">
            {uploads.map((u) => (
              <li key={u.key} className="rounded-md border border-slate-200 bg-white p-3 text-sm">
                <div className="flex items-start justify-between gap-2">
                  <span className="min-w-0 break-all">{u.name}</span>
                  <span className="shrink-0 text-slate-600">{formatBytes(u.size)}</span>
                </div>
                {u.error ? (
                  <div className="mt-1 flex items-start justify-between gap-2">
                    <p className="text-red-700">{u.error}</p>
                    <button
                      type="button"
                      onClick={() => setUploads((list) => list.filter((x) => x.key !== u.key))}
                      className="shrink-0 rounded px-2 py-1 text-slate-600 underline hover:text-slate-900"
                    >
                      Bỏ qua
                    </button>
                  </div>
                ) : (
                  <div
                    role="progressbar"
                    aria-label={`Đang tải lên ${u.name}`}
                    aria-valuemin={0}
                    aria-valuemax={100}
                    aria-valuenow={u.progress}
                    aria-valuetext={`${u.progress}%`}
                    className="mt-2 h-2 overflow-hidden rounded-full bg-slate-200"
                  >
                    <div className="h-full bg-red-700 transition-[width]" style={{ width: `${u.progress}%` }} />
                  </div>
                )}
              </li>
            ))}
          </ul>
        ) : null}
      </div>

      {files.length === 0 ? (
        <p className="text-sm text-slate-600">Chưa có tài liệu kiểm chứng.</p>
      ) : (
        <ul
          aria-label="Tài liệu đã đính kèm"
          className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white"
        >
          {files.map((f) => (
            <li key={f.id} className="p-3 text-sm">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <a
                  href={`/api/evidence/${f.id}`}
                  download={f.fileName}
                  className="min-w-0 break-all text-red-800 underline hover:text-red-900"
                >
                  {f.fileName}
                </a>
                <span className="flex shrink-0 items-center gap-2">
                  <span className="text-slate-600">{formatBytes(f.sizeBytes)}</span>
                  {editable ? (
                    <button
                      type="button"
                      onClick={() => onRemove(f)}
                      disabled={removing === f.id}
                      aria-label={`Xóa ${f.fileName}`}
                      className="min-h-9 rounded-md border border-slate-300 px-3 py-1 font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60"
                    >
                      {removing === f.id ? 'Đang xóa…' : 'Xóa'}
                    </button>
                  ) : null}
                </span>
              </div>
              <p aria-live="polite" className="text-red-700 empty:sr-only">
                {fileErrors[f.id] ?? ''}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
