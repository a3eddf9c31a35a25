/** Units' field lengths and kinds: shared by the unit forms (browser) and unit.ts (server). No zod here. */
export const UNIT_LIMITS = { code: 30, name: 200, shortName: 100, note: 1_000, splitRows: 4 } as const;
export const UNIT_KINDS = ['LEADERSHIP', 'DEPARTMENT', 'WARD', 'COMMUNE'] as const;
