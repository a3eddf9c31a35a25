/**
 * Roles and permissions are data: this one map decides what every role may do. `can` hides
 * buttons in the UI; `requirePermission` (lib/data/guard.ts) enforces the same map on the server.
 * Which *rows* a user may touch (their unit, the tasks their department leads) is decided in the
 * data layer's `where` clauses — see lib/data/scope.ts.
 */
import type { Role, UnitKind } from './generated/prisma/enums';

export const PERMISSIONS = {
  /** See the assignments and reports of one's own unit. */
  'work:read-own': ['ADMIN', 'CHAIRMAN', 'DEPARTMENT_HEAD', 'OFFICER'],
  /** Write, save and submit reports for one's own unit. */
  'report:write': ['DEPARTMENT_HEAD', 'OFFICER'],
  /** Approve or return reports routed to oneself (lib/domain/review-routing.ts). */
  'report:review': ['DEPARTMENT_HEAD', 'CHAIRMAN'],
  /** Read every unit's work (chairman, administrator). */
  'work:read-all': ['ADMIN', 'CHAIRMAN'],
  'extension:request': ['DEPARTMENT_HEAD', 'OFFICER'],
  'extension:decide': ['CHAIRMAN', 'DEPARTMENT_HEAD'],
  'dashboard:city': ['ADMIN', 'CHAIRMAN'],
  'dashboard:department': ['DEPARTMENT_HEAD'],
  'programme:manage': ['ADMIN'],
  'unit:manage': ['ADMIN'],
  'user:manage': ['ADMIN'],
  /** Enter the yearly official day swaps and bridges of the working-day calendar (decision 015). */
  'calendar:manage': ['ADMIN'],
  /**
   * See the overdue units of a programme and issue the Công văn đôn đốc (decision 018): the
   * administrator, and the standing office's head and officers (see `can`).
   */
  'urging:manage': ['ADMIN'],
  /** Read the audit trail (sign-ins, changes, decisions). */
  'audit:read': ['ADMIN'],
  /** Issue and revoke the tokens other systems read the API with (decision 020). */
  'api-token:manage': ['ADMIN'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** What the app knows about the signed-in user on every request (read fresh from the database). */
export type SessionUser = {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  unitId: number;
  unitName: string;
  unitKind: UnitKind;
  isStandingOffice: boolean;
  /** Set by an administrator's reset: nothing but the change-password page until a new one is chosen. */
  mustChangePassword: boolean;
};

/**
 * The head of the standing office (Phòng Nội vụ) also manages programmes: the standing office sets
 * up directives on behalf of the city (issue 4); its head and officers draft the urging letters.
 */
export function can(
  user: Pick<SessionUser, 'role' | 'isStandingOffice'> | null | undefined,
  permission: Permission,
): boolean {
  if (!user) return false;
  if (permission === 'programme:manage' && user.role === 'DEPARTMENT_HEAD' && user.isStandingOffice) return true;
  // The standing office drafts the urging letters the chairman signs (its officers as well as its head).
  if (
    permission === 'urging:manage' &&
    (user.role === 'DEPARTMENT_HEAD' || user.role === 'OFFICER') &&
    user.isStandingOffice
  )
    return true;
  return (PERMISSIONS[permission] as readonly Role[]).includes(user.role);
}

export const ROLE_LABELS: Record<Role, string> = {
  ADMIN: 'Quản trị hệ thống',
  CHAIRMAN: 'Lãnh đạo UBND thành phố',
  DEPARTMENT_HEAD: 'Lãnh đạo phòng',
  OFFICER: 'Công chức',
};
