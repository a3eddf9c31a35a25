import type { Recurrence, ReformArea } from '../../lib/generated/prisma/enums';

export type SeedTask = {
  number: string;
  title: string;
  text: string;
  /** Unit code of the lead unit ("… chủ trì"). */
  lead?: string;
  /** 'ALL_OTHERS': every department, ward and commune other than the lead. */
  coordinating?: 'ALL_OTHERS';
  /** Collective addressee: every department, ward and commune must do it and report. */
  collective?: 'ALL';
  dueDate?: string;
  recurrence: Recurrence;
  reformArea?: ReformArea;
};

export type SeedSection = { numeral: string; title: string; tasks: SeedTask[] };
