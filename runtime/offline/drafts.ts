import { announceChange, type Draft, offlineDatabase, type OutboxItem } from "./db";

/** The signed-in clerk's drafts, last touched first. */
export async function listDrafts(userId: string): Promise<Draft[]> {
  const db = await offlineDatabase();
  const drafts = await db.getAllFromIndex("drafts", "by-user", userId);
  return drafts.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

export async function saveDraft(draft: Draft): Promise<void> {
  const db = await offlineDatabase();
  const tx = db.transaction("drafts", "readwrite");
  const put = tx.store.put(draft);
  // Committed at once rather than when the page next idles: written as the page goes away (pagehide).
  tx.commit();
  await Promise.all([put, tx.done]);
  announceChange();
}

export async function deleteDraft(userId: string, id: string): Promise<void> {
  const db = await offlineDatabase();
  const tx = db.transaction("drafts", "readwrite");
  const draft = await tx.store.get(id);
  if (draft?.userId === userId) await tx.store.delete(id);
  await tx.done;
  announceChange();
}

/**
 * « Envoyer »: the draft becomes an outbox item in one transaction, so a crash leaves it in exactly one of
 * the two lists, never in none and never in both.
 */
export async function moveDraftToOutbox(draft: Draft): Promise<OutboxItem> {
  const db = await offlineDatabase();
  const now = new Date().toISOString();
  const { pageNo: _page, updatedAt: _updated, ...content } = draft;
  const item: OutboxItem = { ...content, state: "pending", queuedAt: now, changedAt: now, attempts: 0 };
  const tx = db.transaction(["drafts", "outbox"], "readwrite");
  await tx.objectStore("drafts").delete(draft.id);
  await tx.objectStore("outbox").put(item);
  await tx.done;
  announceChange();
  return item;
}
