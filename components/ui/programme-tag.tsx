import { programmeShortName, type ProgrammeName } from '@/lib/domain/programme-name';

/**
 * The programme a task belongs to, in short (its Số/ký hiệu), with the full title on hover: shown
 * where tasks of several programmes are listed together (`fromSeveralProgrammes`).
 */
export function ProgrammeTag({ programme }: { programme: ProgrammeName }) {
  return (
    <span
      className="mr-1 inline-block rounded border border-slate-300 px-1 text-xs font-normal text-slate-700"
      title={programme.title}
      data-testid="programme-tag"
    >
      {programmeShortName(programme)}
    </span>
  );
}
