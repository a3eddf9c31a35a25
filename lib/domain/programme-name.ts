/**
 * How a list names a programme in a few characters, where tasks of several programmes are listed
 * together (two plans can both have a task "2.3 Số hóa hồ sơ…"): its document number (Số/ký hiệu,
 * "125/KH-UBND"), else the start of its title cut at a word ("Triển khai Nghị quyết 76/NQ-CP…").
 * The full title goes beside it as a tooltip.
 */
export const PROGRAMME_SHORT_MAX = 32;

export type ProgrammeName = { title: string; documentNumber: string | null };

export function programmeShortName({ title, documentNumber }: ProgrammeName): string {
  const number = documentNumber?.trim();
  if (number) return number;
  const text = title.trim();
  if (text.length <= PROGRAMME_SHORT_MAX) return text;
  const cut = text.slice(0, PROGRAMME_SHORT_MAX + 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > PROGRAMME_SHORT_MAX / 2 ? cut.slice(0, space) : cut.slice(0, PROGRAMME_SHORT_MAX)).replace(/[\s,;:–-]+$/, '')}…`;
}

/** True when the rows come from more than one programme: only then does a list name the programme. */
export function fromSeveralProgrammes(rows: readonly { programmeTitle: string }[]): boolean {
  return new Set(rows.map((r) => r.programmeTitle)).size > 1;
}
