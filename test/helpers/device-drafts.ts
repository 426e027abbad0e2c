import type { Page } from "playwright-core";

/** Where a draft is reopened: the questionnaire's answers and its 0-based page. */
export interface DraftContent {
  data: Record<string, unknown>;
  pageNo: number;
}

/**
 * Leaves on the signed-in clerk's device a draft of the newest published version of `formId`, as the
 * runtime keeps one (IndexedDB « rsu-runtime », store « drafts »): what a clerk would have typed over an
 * hour, for a test or bench to reopen from « Mes brouillons ».
 */
export async function leaveDraft(page: Page, formId: string, { data, pageNo }: DraftContent): Promise<void> {
  await page.evaluate(
    async ({ formId, data, pageNo }) => {
      const user = (JSON.parse(localStorage.getItem("rsu.runtime.user") ?? "{}") as { id: string }).id;
      const forms = (await (await fetch("/api/forms")).json()) as { id: string; version: number }[];
      const form = forms.filter((f) => f.id === formId).sort((a, b) => b.version - a.version)[0];
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open("rsu-runtime");
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const tx = db.transaction("drafts", "readwrite");
      tx.objectStore("drafts").put({ id: crypto.randomUUID(), userId: user, form, data, pageNo, updatedAt: new Date().toISOString() });
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { formId, data, pageNo },
  );
}
