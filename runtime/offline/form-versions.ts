import { getFormVersion, listPublishedForms } from "../api-client";
import { whenControlled } from "./service-worker";

/**
 * Asks for the published forms and each one's version while the link is up, through the service worker,
 * which keeps them (vite.config.ts, runtimeCaching): the clerk can then open any of them offline.
 */
export async function keepFormsForOffline(): Promise<void> {
  await whenControlled();
  const forms = await listPublishedForms();
  await Promise.all(forms.map((form) => getFormVersion(form.id, form.version)));
}
