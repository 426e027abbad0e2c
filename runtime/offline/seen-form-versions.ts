import type { PublishedFormSummary } from "../../schemas/contracts/api";

/**
 * The version of each questionnaire last opened on this device: one published since is announced in the
 * list (#18). A draft keeps the version it was started on; only a new questionnaire takes the new one.
 */
const KEY = "rsu-runtime-seen-form-versions";

function read(): Record<string, number> {
  try {
    return (JSON.parse(localStorage.getItem(KEY) ?? "{}") as Record<string, number>) ?? {};
  } catch {
    return {};
  }
}

/** True when this device opened an older version of the form and not yet this one. */
export function isNewVersion(form: PublishedFormSummary): boolean {
  const seen = read()[form.id];
  return seen !== undefined && seen < form.version;
}

export function markVersionSeen(form: PublishedFormSummary): void {
  try {
    localStorage.setItem(KEY, JSON.stringify({ ...read(), [form.id]: form.version }));
  } catch {
    // Storage refused (private mode, full): the announcement is lost, nothing else.
  }
}
