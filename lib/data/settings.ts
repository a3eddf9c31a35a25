import 'server-only';
import { z } from 'zod';
import { getDb, type Prisma } from '../db';

/**
 * Settings an administrator may change, with their defaults. Stored in the Setting table.
 * - completionBasis: which moment counts as "completed" — the approval of the completing report
 *   (default, as the reporting issue asks) or its submission.
 * - extensionApprover: who decides deadline extensions — the chairman (default) or the head of the
 *   task's lead department.
 */
const SETTINGS = {
  completionBasis: z.enum(['APPROVAL', 'SUBMISSION']).catch('APPROVAL'),
  extensionApprover: z.enum(['CHAIRMAN', 'LEAD_HEAD']).catch('CHAIRMAN'),
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.infer<(typeof SETTINGS)[K]>;

export async function readSetting<K extends SettingKey>(
  key: K,
  tx: Prisma.TransactionClient = getDb(),
): Promise<SettingValue<K>> {
  const row = await tx.setting.findUnique({ where: { key }, select: { value: true } });
  return SETTINGS[key].parse(row?.value ?? undefined) as SettingValue<K>;
}
