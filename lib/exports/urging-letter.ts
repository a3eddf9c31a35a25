/**
 * The Công văn đôn đốc (decision 018): the official letter in which the committee urges the units
 * with overdue tasks, in the layout of Decree 30/2020/NĐ-CP (lib/exports/decree30.ts): the head with
 * "Số:        /UBND-NV" and the summary "V/v đôn đốc thực hiện …" under it, "Kính gửi:" the overdue
 * units, the body listing each unit's overdue tasks with their deadline and how many working days
 * they are overdue, Nơi nhận, and the chairman's (or a vice-chairman's, "KT.") signature block.
 */
import { Paragraph, Table } from 'docx';
import { formatDateVn, type IsoDate } from '../domain/time';
import { closingBlock, decreeDocument, headerBlock, para, type DocumentSigner } from './decree30';
import { placeOf } from './text';

export type LetterUnit = {
  name: string;
  kind: 'LEADERSHIP' | 'DEPARTMENT' | 'WARD' | 'COMMUNE';
  tasks: { code: string; title: string; due: IsoDate; daysOverdue: number }[];
};

export type UrgingLetterData = {
  issuingBody: string;
  programme: { title: string; documentNumber: string | null };
  /** The day the letter is dated (and the overdue days are counted to). */
  date: IsoDate;
  /** The day the units must report back by. */
  replyBy: IsoDate;
  units: LetterUnit[];
  signer: DocumentSigner;
};

/** "V/v đôn đốc thực hiện Kế hoạch …" — the summary under the number. */
export function letterSubject(programmeTitle: string): string {
  return `V/v đôn đốc thực hiện ${programmeTitle}`;
}

/** How a unit is addressed: a ward's or commune's People's Committee, a department by its name. */
export function addressOf(unit: Pick<LetterUnit, 'name' | 'kind'>): string {
  return unit.kind === 'WARD' || unit.kind === 'COMMUNE' ? `UBND ${unit.name}` : unit.name;
}

export async function buildUrgingLetter(data: UrgingLetterData): Promise<Buffer> {
  const subject = letterSubject(data.programme.title);
  const source = `${data.programme.title}${data.programme.documentNumber ? ` (số ${data.programme.documentNumber})` : ''}`;
  const taskCount = data.units.reduce((n, u) => n + u.tasks.length, 0);
  const addressees = data.units.map(addressOf);
  const body: (Paragraph | Table)[] = [
    headerBlock({
      issuingBody: data.issuingBody,
      place: placeOf(data.issuingBody),
      date: data.date,
      number: 'Số:        /UBND-NV',
      below: subject,
    }),
    addressees.length === 1
      ? para(`Kính gửi: ${addressees[0]}.`, { align: 'CENTER', spacing: { before: 360, after: 240 } })
      : para('Kính gửi:', { align: 'CENTER', spacing: { before: 360, after: 60 } }),
    ...(addressees.length === 1
      ? []
      : addressees.map((a, i) =>
          para(`- ${a}${i === addressees.length - 1 ? '.' : ';'}`, {
            align: 'LEFT',
            spacing: { before: 0, after: i === addressees.length - 1 ? 240 : 0, line: 300 },
          }),
        )),
    para(
      `Thực hiện ${source}, Ủy ban nhân dân thành phố đã giao nhiệm vụ cụ thể cho các phòng, ban, đơn vị và UBND các phường, xã. ` +
        `Theo dõi đến ngày ${formatDateVn(data.date)}, còn ${taskCount} nhiệm vụ của ${data.units.length} đơn vị đã quá hạn nhưng chưa hoàn thành, cụ thể như sau:`,
      { indent: true },
    ),
  ];
  data.units.forEach((unit, i) => {
    body.push(
      para(
        { text: `${i + 1}. ${unit.name} (${unit.tasks.length} nhiệm vụ)`, bold: true },
        { indent: true, keepNext: true },
      ),
    );
    for (const t of unit.tasks) {
      body.push(
        para(
          `- Nhiệm vụ ${t.code}: ${t.title} — thời hạn ${formatDateVn(t.due)}, đã quá hạn ${t.daysOverdue} ngày làm việc.`,
          { indent: true },
        ),
      );
    }
  });
  body.push(
    para(
      'Để bảo đảm tiến độ thực hiện, Chủ tịch Ủy ban nhân dân thành phố yêu cầu Thủ trưởng các phòng, ban, đơn vị và Chủ tịch UBND ' +
        'các phường, xã nêu trên khẩn trương chỉ đạo hoàn thành các nhiệm vụ quá hạn; báo cáo kết quả thực hiện kèm tài liệu kiểm chứng ' +
        `trên hệ thống Đôn đốc về Ủy ban nhân dân thành phố (qua Phòng Nội vụ) trước ngày ${formatDateVn(data.replyBy)}; ` +
        'trường hợp không hoàn thành phải nêu rõ lý do, trách nhiệm của tập thể, cá nhân có liên quan.',
      { indent: true },
    ),
    para('Giao Phòng Nội vụ theo dõi, đôn đốc, tổng hợp, báo cáo Chủ tịch Ủy ban nhân dân thành phố./.', {
      indent: true,
      spacing: { before: 0, after: 240, line: 300 },
    }),
    closingBlock({
      recipients: ['- Như trên;', '- Chủ tịch, các Phó Chủ tịch UBND thành phố;', '- Phòng Nội vụ;', '- Lưu: VT, NV.'],
      signer: data.signer,
    }),
  );
  return decreeDocument({ title: subject, children: body });
}
