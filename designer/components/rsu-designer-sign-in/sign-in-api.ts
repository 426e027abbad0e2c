import type { Message, ProblemBody } from "../../../schemas/contracts/api";

export interface SignedInUser {
  id: string;
  username: string;
  displayName?: string;
  roles: string[];
}

/** Resolves the signed-in user; rejects with the server's reason (null when it could not be reached). */
export async function signIn(username: string, password: string): Promise<SignedInUser> {
  const response = await fetch("/api/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ username, password }),
  }).catch(() => {
    throw new SignInError(null);
  });
  if (response.ok) return (await response.json()) as SignedInUser;
  const body = (await response.json().catch(() => null)) as Partial<ProblemBody> | null;
  throw new SignInError(body?.error?.message ?? null);
}

export async function getCurrentUser(): Promise<SignedInUser | null> {
  const response = await fetch("/api/auth/me", { headers: { accept: "application/json" }, cache: "no-store" });
  return response.ok ? ((await response.json()) as SignedInUser) : null;
}

export async function signOut(): Promise<void> {
  await fetch("/api/auth/logout", { method: "POST" });
}

export class SignInError extends Error {
  constructor(readonly problem: Message | null) {
    super(problem?.en ?? "no answer");
  }
}
