import 'server-only';
import { getDb } from '../db';
import { FieldError } from '../errors';
import type { DocumentSigner } from '../exports/decree30';
import { findSigner } from './exports';
import { requirePermission } from './guard';

/**
 * Who may sign a Công văn đôn đốc for the committee (decision 023): the chairman (TM. ỦY BAN NHÂN
 * DÂN / CHỦ TỊCH) or a vice-chairman (KT. CHỦ TỊCH / PHÓ CHỦ TỊCH) — the active leadership accounts
 * whose job title says which. The default is the chairman of `findSigner` (lib/data/exports.ts).
 */

export type Signer = { id: number; name: string; title: 'CHỦ TỊCH' | 'PHÓ CHỦ TỊCH' };

/** "Chủ tịch UBND …" → CHỦ TỊCH, "Phó Chủ tịch …" → PHÓ CHỦ TỊCH, anything else cannot sign. */
export function signerTitle(jobTitle: string | null): 'CHỦ TỊCH' | 'PHÓ CHỦ TỊCH' | null {
  const t = (jobTitle ?? '').normalize('NFC').trim().toLocaleLowerCase('vi');
  if (t.startsWith('phó chủ tịch')) return 'PHÓ CHỦ TỊCH';
  if (t.startsWith('chủ tịch')) return 'CHỦ TỊCH';
  return null;
}

async function leaders(): Promise<Signer[]> {
  const rows = await getDb().user.findMany({
    where: { role: 'CHAIRMAN', active: true },
    orderBy: { id: 'asc' },
    select: { id: true, displayName: true, jobTitle: true },
  });
  return rows
    .flatMap((u): Signer[] => {
      const title = signerTitle(u.jobTitle);
      return title ? [{ id: u.id, name: u.displayName, title }] : [];
    })
    .sort((a, b) => (a.title === b.title ? 0 : a.title === 'CHỦ TỊCH' ? -1 : 1));
}

/** The signers offered on /urging: the chairman first, then the vice-chairmen. */
export async function listSigners(): Promise<Signer[]> {
  await requirePermission('urging:manage');
  return leaders();
}

/** The signer chosen on the form, or the chairman when none was chosen; the caller authorizes. */
export async function resolveSigner(signerId: number | null): Promise<DocumentSigner> {
  if (signerId === null) return findSigner();
  const signer = (await leaders()).find((s) => s.id === signerId);
  if (!signer)
    throw new FieldError('signerId', 'Người ký phải là Chủ tịch hoặc một Phó Chủ tịch đang làm việc: chọn lại.');
  return { title: signer.title, name: signer.name };
}
