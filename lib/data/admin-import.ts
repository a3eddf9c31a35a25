import 'server-only';
import { getDb, type Prisma } from '../db';
import { AppError, FieldError } from '../errors';
import { parseDirective } from '../domain/directive/parse-directive';
import { withWorkingDayDeadlines } from '../domain/directive/working-day-deadline';
import { loadWorkCalendar } from './calendar';
import { planAssignments } from '../domain/fan-out';
import { toProposal } from '../domain/import-proposal';
import { toDbDate } from '../domain/time';
import { readUploadedDocument, type UploadedDocument } from '../documents';
import { cleanText } from '../validation/fields';
import { type ImportInput, type Proposal } from '../validation/programme';
import { PROGRAMME_LIMITS, utf8Length } from '../validation/programme-limits';
import { audit } from './audit';
import { requirePermission } from './guard';

/**
 * The directive import (issue 4): text or a file → the parser's proposal (nothing saved), then the
 * reviewed proposal → one programme in ONE transaction (programme, sections, tasks, assignments).
 */

/** Several field errors at once: the review grid shows each next to its cell. */
export class FieldErrors extends AppError {
  constructor(readonly fields: Record<string, string[]>) {
    super('Vui lòng kiểm tra các ô được đánh dấu trong bảng rà soát.', 'INVALID');
  }
}

const TOO_LONG = 'Văn bản quá dài: tối đa 1 MB. Hãy tách văn bản thành nhiều lần nhập.';
const EMPTY = 'Dán nội dung văn bản chỉ đạo vào ô trên, hoặc chọn tệp .txt, .docx hay .pdf.';

export type UploadedFile = UploadedDocument;

/**
 * The directive's text from a pasted text or an uploaded file (the file wins when both are given),
 * and the pages of a PDF that were scans read by OCR (their text is to be checked by a person).
 */
export async function readDirectiveSource({
  text,
  file,
}: {
  text: string;
  file: UploadedFile | null;
}): Promise<{ source: string; ocrPages: number[] }> {
  let source = text;
  let ocrPages: number[] = [];
  if (file) {
    if (file.bytes.length > PROGRAMME_LIMITS.fileBytes) throw new FieldError('file', 'Tệp quá lớn: tối đa 8 MB.');
    try {
      ({ text: source, ocrPages } = await readUploadedDocument(file));
    } catch (error) {
      if (error instanceof AppError && !(error instanceof FieldError)) throw new FieldError('file', error.message);
      throw error;
    }
  }
  // NFC, no NUL or other control characters (PostgreSQL refuses U+0000), line breaks as \n.
  source = cleanText(source, { multiline: true });
  if (utf8Length(source) > PROGRAMME_LIMITS.sourceBytes) throw new FieldError(file ? 'file' : 'text', TOO_LONG);
  if (source.trim() === '') throw new FieldError(file ? 'file' : 'text', file ? 'Tệp không có nội dung chữ.' : EMPTY);
  return { source, ocrPages };
}

/** Active units as the parser's registry; a unit's short name is its alias ("Phòng VH-TT"). */
async function registry() {
  const units = await getDb().unit.findMany({
    where: { active: true },
    orderBy: [{ kind: 'asc' }, { name: 'asc' }],
    select: { id: true, code: true, name: true, shortName: true, kind: true },
  });
  return units;
}

/** Analyses a directive and returns the proposal for the review grid. Writes nothing. */
export async function analyzeDirective(input: {
  text: string;
  file: UploadedFile | null;
}): Promise<Proposal & { units: { code: string; name: string; kind: string }[] }> {
  await requirePermission('programme:manage');
  const { source, ocrPages } = await readDirectiveSource(input);
  const units = await registry();
  // Deadlines in working days ("trong 10 ngày làm việc kể từ …") need the calendar (decision 015).
  const parsed = withWorkingDayDeadlines(
    parseDirective(
      source,
      units.map((u) => ({ code: u.code, name: u.name, kind: u.kind, aliases: u.shortName ? [u.shortName] : [] })),
    ),
    await loadWorkCalendar(),
  );
  const leadership = units.find((u) => u.kind === 'LEADERSHIP');
  const proposal = toProposal(parsed, {
    sourceText: source,
    registry: units,
    issuingBody: leadership?.name ?? '',
    ocrPages,
  });
  return { ...proposal, units: units.map((u) => ({ code: u.code, name: u.name, kind: u.kind })) };
}

/**
 * Saves a reviewed proposal: the programme, its sections, tasks and assignments (with fan-out),
 * all or nothing. Unit codes must name active units; every task must be given to someone.
 */
export async function importProgramme(
  input: ImportInput,
): Promise<{ programmeId: number; tasks: number; assignments: number }> {
  const user = await requirePermission('programme:manage');
  const db = getDb();
  return db.$transaction(
    async (tx) => {
      const units = await tx.unit.findMany({
        where: { active: true },
        select: { id: true, code: true, kind: true, active: true },
      });
      const byCode = new Map(units.map((u) => [u.code, u]));
      const errors: Record<string, string[]> = {};
      const plans = input.sections.map((section, i) =>
        section.tasks.map((task, j) => {
          const at = `sections.${i}.tasks.${j}`;
          const lead = task.lead ? byCode.get(task.lead) : undefined;
          if (task.lead && !lead)
            errors[`${at}.lead`] = ['Đơn vị chủ trì không có trong danh mục (hoặc đã ngừng hoạt động).'];
          const coordinators = task.coordinators.map((c) => byCode.get(c));
          if (coordinators.some((c) => !c))
            errors[`${at}.coordinators`] = ['Có đơn vị phối hợp không có trong danh mục (hoặc đã ngừng hoạt động).'];
          const plan = planAssignments(
            {
              lead: lead?.id ?? null,
              coordinators: coordinators.filter((c) => c !== undefined).map((c) => c.id),
              coordinatingGroup: task.coordinatingGroup,
              collective: task.collective,
            },
            units,
          );
          if (plan.size === 0 && !errors[`${at}.lead`])
            errors[`${at}.lead`] = ['Nhiệm vụ chưa giao cho đơn vị nào: chọn đơn vị chủ trì hoặc đối tượng thực hiện.'];
          return plan;
        }),
      );
      if (Object.keys(errors).length > 0) throw new FieldErrors(errors);

      const p = input.programme;
      const programme = await tx.programme.create({
        data: {
          title: p.title,
          documentNumber: p.documentNumber,
          issuingBody: p.issuingBody,
          issuedOn: p.issuedOn ? toDbDate(p.issuedOn) : null,
          summary: p.summary,
          periodStart: p.periodStart ? toDbDate(p.periodStart) : null,
          periodEnd: p.periodEnd ? toDbDate(p.periodEnd) : null,
          sourceText: input.sourceText.normalize('NFC'),
          createdById: user.id,
        },
        select: { id: true },
      });
      let taskCount = 0;
      let assignmentCount = 0;
      for (const [i, section] of input.sections.entries()) {
        const s = await tx.section.create({
          data: { programmeId: programme.id, numeral: section.numeral, title: section.title, order: i + 1 },
          select: { id: true },
        });
        const tasks = await tx.task.createManyAndReturn({
          data: section.tasks.map((t, j) => ({
            programmeId: programme.id,
            sectionId: s.id,
            number: t.number,
            order: j + 1,
            title: t.title,
            text: t.text,
            reformArea: t.reformArea,
            dueDate: t.dueDate ? toDbDate(t.dueDate) : null,
            recurrence: t.recurrence,
            evidenceRequired: t.evidenceRequired,
          })),
          select: { id: true, order: true, dueDate: true },
        });
        const rows: Prisma.AssignmentCreateManyInput[] = [];
        for (const task of tasks) {
          const plan = plans[i]?.[task.order - 1];
          for (const [unitId, role] of plan ?? [])
            rows.push({ taskId: task.id, unitId, role, dueDate: task.dueDate, originalDueDate: task.dueDate });
        }
        if (rows.length > 0) await tx.assignment.createMany({ data: rows });
        taskCount += tasks.length;
        assignmentCount += rows.length;
      }
      await audit(tx, {
        actorId: user.id,
        action: 'programme.imported',
        entityType: 'Programme',
        entityId: programme.id,
        data: { title: p.title, sections: input.sections.length, tasks: taskCount, assignments: assignmentCount },
      });
      return { programmeId: programme.id, tasks: taskCount, assignments: assignmentCount };
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}
