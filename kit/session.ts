import { request } from "./request";

/** Who is signed in: `GET /api/auth/me`, or the answer to sign-in (which adds `displayName`). */
export interface SignedInUser {
  id: string;
  username: string;
  displayName?: string;
  roles: string[];
  areas: string[];
}

/** The API sets an httpOnly session cookie: the page never holds the secret. */
export const signIn = (username: string, password: string) =>
  request<SignedInUser>("/api/auth/login", { method: "POST", json: { username, password } });

export const signOut = () => request<void>("/api/auth/logout", { method: "POST" });

export const getCurrentUser = (signal?: AbortSignal) => request<SignedInUser>("/api/auth/me", { signal, cache: "no-store" });
