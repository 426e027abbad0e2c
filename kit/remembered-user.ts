import type { SignedInUser } from "./session";

const KEY = "rsu.runtime.user";

/**
 * Who signed in last on this device and has not signed out: offline, the server cannot say, and the clerk
 * must still reach their drafts (#18). Holds no secret; the session cookie stays httpOnly and the server
 * checks it again at the first request once the link is back.
 */
export function rememberUser(user: SignedInUser): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(user));
  } catch {
    // Storage refused (private browsing): the app then needs the network to open.
  }
}

export function rememberedUser(): SignedInUser | null {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) ?? "null") as SignedInUser | null;
    return value && typeof value.id === "string" && Array.isArray(value.roles) ? value : null;
  } catch {
    return null;
  }
}

export function forgetUser(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // Nothing was stored.
  }
}
