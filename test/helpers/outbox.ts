import type { Page } from "playwright-core";
import type { OutboxItem } from "../../runtime/offline/db";

/** One questionnaire to put in the outbox: whose, which form version, its answers, when it was queued. */
export type QueuedItem = Pick<OutboxItem, "userId" | "form" | "data" | "queuedAt">;

/**
 * Puts items in the clerk's outbox in the page's IndexedDB as « Terminer » does: pending, each with a
 * submission id of its own, never tried. Faster than filling each questionnaire through the screens.
 */
export async function queueInOutbox(page: Page, items: QueuedItem[]): Promise<void> {
  await page.evaluate(async (items) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open("rsu-runtime");
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const tx = db.transaction("outbox", "readwrite");
    for (const item of items) {
      tx.objectStore("outbox").put({ ...item, id: crypto.randomUUID(), state: "pending", changedAt: item.queuedAt, attempts: 0 });
    }
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, items);
}
