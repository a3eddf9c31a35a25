/** The urging ladder form's field names, shared by the form (browser) and urging.ts (server). No zod here. */
import { URGING_AUDIENCES, type UrgingAudience } from '../domain/urging';

const AUDIENCE_FIELDS: Record<UrgingAudience, string> = {
  OFFICERS: 'officers',
  LEADER: 'leader',
  STANDING_OFFICE: 'standing',
  CHAIRMAN: 'chairman',
};

/** The form's field names of row `i`. */
export function stepFieldNames(i: number) {
  return {
    when: `when_${i}`,
    days: `days_${i}`,
    audiences: Object.fromEntries(URGING_AUDIENCES.map((a) => [a, `${AUDIENCE_FIELDS[a]}_${i}`])) as Record<
      UrgingAudience,
      string
    >,
  };
}
