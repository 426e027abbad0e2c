import type { Role } from "./roles";

/**
 * Who may do what: the one table of the access rules. Every route names one of these permissions
 * (api/middleware/authorize.ts); a route that names none is refused at run time and fails the
 * authorization-matrix test. Area limits and "own submissions only" are applied inside the routes.
 */
export const PERMISSIONS = {
  /** Anyone, signed in or not. */
  public: "anyone",
  /** Any signed-in user or token. */
  authenticated: "signed-in",
  "forms:read": ["admin", "designer", "supervisor", "clerk", "analyst"],
  /** Open the mask designer: its configuration (Creator licence key). */
  "forms:design": ["admin", "designer"],
  /** Publish a draft as a new immutable version, retire a version (issue #5). */
  "forms:publish": ["admin"],
  "submissions:create": ["admin", "supervisor", "clerk"],
  "submissions:read": ["admin", "supervisor", "clerk"],
  "households:read": ["admin", "supervisor", "clerk", "analyst"],
  /** Registry exports (issue #17): a file of many households, read as the same role reads them on screen. */
  "registry:export": ["admin", "supervisor", "analyst"],
  /** Dashboards (issue #17): counts for the areas the role reaches; an indicator only on variables the role may read. */
  "dashboards:read": ["admin", "supervisor", "analyst"],
  /** Review queue (issue #6): supervisors decide within their areas; return submissions to clerks. */
  "review:decide": ["admin", "supervisor"],
  /** Jobs that failed for good, in every queue: see, retry and discard them. */
  "jobs:manage": ["admin"],
  /** The « Exploitation » page (issue #23): how the system is doing, incidents, the monthly report. */
  "operations:manage": ["admin"],
  "users:manage": ["admin"],
  "tokens:manage": ["admin"],
  "audit:read": ["admin"],
  "catalogue:read": ["admin", "designer", "supervisor", "clerk", "analyst"],
  "catalogue:write": ["admin", "designer"],
  /**
   * Bulk import of partner databases (issue #19): administrators only. An import spans the whole source,
   * whatever areas it covers; a supervisor's area limit would refuse rows one by one after the upload.
   */
  "imports:manage": ["admin"],
} as const satisfies Record<string, readonly Role[] | "anyone" | "signed-in">;

export type Permission = keyof typeof PERMISSIONS;

export function roleMay(roles: readonly string[], permission: Permission): boolean {
  const rule = PERMISSIONS[permission];
  if (rule === "anyone" || rule === "signed-in") return true;
  return roles.some((role) => (rule as readonly string[]).includes(role));
}
