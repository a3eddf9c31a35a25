import 'server-only';
import { Readable } from 'node:stream';
import { getDb, Prisma } from '../db';
import { ConflictError, FieldError, NotFoundError } from '../errors';
import { getStorage, newStorageKey } from '../storage';
import { EVIDENCE_LIMITS, EVIDENCE_MESSAGES, inspectEvidence, precheckEvidenceFile } from '../validation/evidence';
import { EvidenceSniffer } from './evidence-stream';
import { audit } from './audit';
import { requirePermission } from './guard';
import { editable, ensureEditableReport, type Tx } from './reports';
import { assignmentScope } from './scope';
import { log } from '../log';

/**
 * Tài liệu kiểm chứng: files attached to a report. The bytes live in lib/storage under random
 * keys; the rows here say whose they are. Adding or removing follows the report's own rules (the
 * user's unit, an editable report); reading follows who may see the report.
 */

export type EvidenceFile = { id: number; fileName: string; sizeBytes: number; mimeType: string };

const LOCKED = 'Báo cáo đã gửi hoặc đã được duyệt hoàn thành: không thêm, bớt tài liệu được nữa.';

/**
 * Locks the report row until the transaction ends and reads it fresh. Two uploads to one report
 * then count its files one after the other (so an 11th never slips in), and a submission that
 * lands in between is seen here rather than missed.
 */
async function lockReport(tx: Tx, reportId: number) {
  await tx.$queryRaw`SELECT id FROM "Report" WHERE id = ${reportId} FOR UPDATE`;
  const report = await tx.report.findUniqueOrThrow({
    where: { id: reportId },
    select: {
      status: true,
      progress: true,
      version: true,
      assignment: { select: { task: { select: { recurrence: true } } } },
      _count: { select: { evidence: { where: { deletedAt: null } } } },
    },
  });
  if (!editable(report, report.assignment.task.recurrence)) throw new ConflictError(LOCKED);
  return { version: report.version, fileCount: report._count.evidence };
}

/** Two first uploads to a report that does not exist yet both try to create it; the loser retries once and finds it. */
async function retryOnUniqueRace<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return work();
    throw error;
  }
}

/**
 * Attaches one file to the signed-in user's unit's report of (assignment, period), creating an
 * empty draft report first if there is none. The bytes are stored before the transaction (so no
 * database lock waits on disk or network) and deleted again if the transaction fails. Adding a
 * file does not change the report's version: an open report form stays current.
 */
export async function addEvidence(
  input: { assignmentId: number; periodKey: string; fileName: string; bytes: Buffer | Readable },
  { now = new Date() }: { now?: Date } = {},
): Promise<{ evidence: EvidenceFile; reportId: number; version: number }> {
  const user = await requirePermission('report:write');
  // The name alone first (an extension never accepted), before a byte is stored.
  const byName = precheckEvidenceFile({ name: input.fileName, size: 1 });
  if (byName) {
    if (!Buffer.isBuffer(input.bytes)) input.bytes.resume(); // drained, not stored
    throw new FieldError('file', byName);
  }

  // Streamed to the store through the sniffer: size, hash, type from the first bytes; never whole in memory.
  const storage = getStorage();
  const storageKey = newStorageKey();
  const sniffer = new EvidenceSniffer();
  const source = Buffer.isBuffer(input.bytes) ? Readable.from([input.bytes]) : input.bytes;
  source.once('error', (error) => sniffer.destroy(error));
  source.pipe(sniffer);
  try {
    await storage.put(storageKey, sniffer);
  } catch (error) {
    source.destroy();
    await storage.delete(storageKey).catch(() => {});
    throw sniffer.refusal ?? error;
  }
  const file = await inspectEvidence({ fileName: input.fileName, sample: sniffer.sample() });
  if (!file.ok) {
    await storage.delete(storageKey).catch(() => {});
    throw new FieldError('file', file.error);
  }
  const sha256 = sniffer.sha256();
  const sizeBytes = sniffer.sample().size;
  try {
    return await retryOnUniqueRace(() =>
      getDb().$transaction(async (tx) => {
        const { reportId } = await ensureEditableReport(tx, {
          assignmentId: input.assignmentId,
          periodKey: input.periodKey,
          now,
        });
        const report = await lockReport(tx, reportId);
        if (report.fileCount >= EVIDENCE_LIMITS.maxFilesPerReport)
          throw new FieldError('file', EVIDENCE_MESSAGES.tooMany);
        const evidence = await tx.evidence.create({
          data: {
            reportId,
            fileName: file.fileName,
            mimeType: file.mimeType,
            sizeBytes,
            sha256,
            storageKey,
            uploadedById: user.id,
            createdAt: now,
          },
          select: { id: true, fileName: true, sizeBytes: true, mimeType: true },
        });
        await audit(tx, {
          actorId: user.id,
          action: 'evidence.added',
          entityType: 'Evidence',
          entityId: evidence.id,
          reportId,
          data: { fileName: evidence.fileName, sizeBytes: evidence.sizeBytes, sha256 },
        });
        return { evidence, reportId, version: report.version };
      }),
    );
  } catch (error) {
    // Nothing half-done may remain: no row means no bytes.
    await storage.delete(storageKey).catch((cleanupError: unknown) => {
      log().error({ err: cleanupError, storageKey }, 'evidence upload failed and its stored file could not be removed');
    });
    throw error;
  }
}

/**
 * Takes a file off a report (soft delete: the row stays, with deletedAt, for the audit trail; the
 * bytes stay in storage). Same rules as adding: the user's unit's report, still editable.
 */
export async function removeEvidence(
  evidenceId: number,
  { now = new Date() }: { now?: Date } = {},
): Promise<{ reportId: number; version: number }> {
  const user = await requirePermission('report:write');
  return getDb().$transaction(async (tx) => {
    const found = await tx.evidence.findFirst({
      where: {
        id: evidenceId,
        deletedAt: null,
        report: { assignment: { unitId: user.unitId, task: { archivedAt: null } } },
      },
      select: { id: true, fileName: true, reportId: true },
    });
    if (!found) throw new NotFoundError();
    const report = await lockReport(tx, found.reportId);
    const removed = await tx.evidence.updateMany({
      where: { id: found.id, deletedAt: null },
      data: { deletedAt: now },
    });
    // Removed by someone else while we waited for the lock: for this user it is gone.
    if (removed.count !== 1) throw new NotFoundError();
    await audit(tx, {
      actorId: user.id,
      action: 'evidence.removed',
      entityType: 'Evidence',
      entityId: found.id,
      reportId: found.reportId,
      data: { fileName: found.fileName },
    });
    return { reportId: found.reportId, version: report.version };
  });
}

/**
 * One file to download, for users who may see its report. The MIME type is the one decided from
 * the content at upload, never what the uploader's browser claimed. Removed files are not found.
 */
export async function openEvidenceForDownload(
  evidenceId: number,
): Promise<{ fileName: string; mimeType: string; sizeBytes: number; stream: Readable }> {
  const user = await requirePermission('work:read-own');
  const row = await getDb().evidence.findFirst({
    where: { id: evidenceId, deletedAt: null, report: { assignment: assignmentScope(user) } },
    select: { fileName: true, mimeType: true, sizeBytes: true, storageKey: true },
  });
  if (!row) throw new NotFoundError();
  const stream = await getStorage().get(row.storageKey);
  return { fileName: row.fileName, mimeType: row.mimeType, sizeBytes: row.sizeBytes, stream };
}
