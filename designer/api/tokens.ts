import { request } from "../../kit/request";

/** A machine token as `GET /api/tokens` shows it: never its secret. */
export interface ApiTokenView {
  id: string;
  userId: string;
  name: string;
  role: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface NewToken {
  username: string;
  name: string;
  role?: string;
  expiresAt?: string;
}

export const listTokens = (signal?: AbortSignal) => request<ApiTokenView[]>("/api/tokens", { signal, cache: "no-store" });

/** The answer carries the secret, `token`, this once and never again. */
export const createToken = (token: NewToken) => request<ApiTokenView & { token: string }>("/api/tokens", { method: "POST", json: token });

export const revokeToken = (id: string) => request<ApiTokenView>(`/api/tokens/${encodeURIComponent(id)}/revoke`, { method: "POST" });
