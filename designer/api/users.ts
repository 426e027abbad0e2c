import { request } from "../../kit/request";

/** An account as `GET /api/users` shows it (never a password or its hash). */
export interface UserAccount {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  areas: string[];
  grants: string[];
  active: boolean;
  createdAt: string;
  /** Set while sign-ins from some address wait after wrong passwords. */
  lockedUntil: string | null;
}

export interface NewUser {
  username: string;
  displayName?: string;
  password: string;
  roles: string[];
  areas?: string[];
  grants?: string[];
}

export type UserChanges = Partial<Pick<UserAccount, "displayName" | "roles" | "areas" | "grants" | "active">>;

/** The roles of DESIGN.md, in the order the screens list them. */
export const ROLES = ["admin", "designer", "supervisor", "clerk", "analyst"] as const;
/** Roles whose view of the registry is limited to their areas. */
export const AREA_BOUND_ROLES: readonly string[] = ["supervisor", "clerk"];
/** What analysts may be granted beyond public and internal variables. */
export const GRANTS = ["personal", "sensitive"] as const;

export const listUsers = (signal?: AbortSignal) => request<UserAccount[]>("/api/users", { signal, cache: "no-store" });

export const createUser = (user: NewUser) => request<UserAccount>("/api/users", { method: "POST", json: user });

export const updateUser = (id: string, changes: UserChanges) =>
  request<UserAccount>(`/api/users/${encodeURIComponent(id)}`, { method: "PATCH", json: changes });

/** Also ends the account's open sessions. */
export const resetPassword = (id: string, password: string) =>
  request<void>(`/api/users/${encodeURIComponent(id)}/password`, { method: "POST", json: { password } });

/** Lifts the waits that wrong passwords put on the account's sign-ins. */
export const unlockUser = (id: string) => request<void>(`/api/users/${encodeURIComponent(id)}/unlock`, { method: "POST" });
