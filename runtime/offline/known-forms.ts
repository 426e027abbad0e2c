import type { PublishedFormSummary } from "../../schemas/contracts/api";

/**
 * The list of published questionnaires as the server last gave it to this clerk on this device: shown at
 * once on the next visit while the server is asked again, so a slow link does not hold the list (#18).
 * Kept per clerk, so another clerk signed in on the same tablet never starts from it.
 */
const key = (userId: string) => `rsu.runtime.forms.${userId}`;

export function knownForms(userId: string): PublishedFormSummary[] | undefined {
  try {
    const value = JSON.parse(localStorage.getItem(key(userId)) ?? "null") as unknown;
    return Array.isArray(value) ? (value as PublishedFormSummary[]) : undefined;
  } catch {
    return undefined;
  }
}

export function rememberForms(userId: string, forms: PublishedFormSummary[]): void {
  try {
    localStorage.setItem(key(userId), JSON.stringify(forms));
  } catch {
    // Storage refused or full: the next visit waits for the server, as before.
  }
}
