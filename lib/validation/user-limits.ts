/** Users' field lengths and roles: shared by the user and account forms (browser) and user.ts (server). No zod here. */
export const USER_LIMITS = {
  username: 50,
  displayName: 100,
  jobTitle: 200,
  email: 200,
  phone: 20,
  passwordMin: 12,
  passwordMax: 200,
} as const;
export const ROLES = ['ADMIN', 'CHAIRMAN', 'DEPARTMENT_HEAD', 'OFFICER'] as const;
