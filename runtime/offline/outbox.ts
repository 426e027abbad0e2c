import { announceChange, offlineDatabase, type OutboxItem, type OutboxState } from "./db";

/** States after which nothing more will happen to the item by itself. */
export const SETTLED: ReadonlySet<OutboxState> = new Set(["integrated", "in-review", "to-correct", "rejected"]);

/** The signed-in clerk's outbox, newest first. */
export async function listOutbox(userId: string): Promise<OutboxItem[]> {
  const db = await offlineDatabase();
  const items = await db.getAllFromIndex("outbox", "by-user", userId);
  return items.sort((a, b) => b.queuedAt.localeCompare(a.queuedAt));
}

export async function getOutboxItem(id: string): Promise<OutboxItem | undefined> {
  return (await offlineDatabase()).get("outbox", id);
}

/** Changes an item read afresh in the same transaction, so two tabs never undo each other's news. */
export async function updateOutboxItem(id: string, change: (item: OutboxItem) => Partial<OutboxItem>): Promise<void> {
  const db = await offlineDatabase();
  const tx = db.transaction("outbox", "readwrite");
  const item = await tx.store.get(id);
  if (item) await tx.store.put({ ...item, ...change(item), changedAt: new Date().toISOString() });
  await tx.done;
  announceChange();
}

/** Takes a settled item off the list (the clerk has read its outcome); unsent work is never removed here. */
export async function removeSettled(userId: string, id: string): Promise<void> {
  const db = await offlineDatabase();
  const tx = db.transaction("outbox", "readwrite");
  const item = await tx.store.get(id);
  if (item?.userId === userId && SETTLED.has(item.state)) await tx.store.delete(id);
  await tx.done;
  announceChange();
}

/** What signing out would leave unsent on this device. */
export async function countUnsent(userId: string): Promise<{ drafts: number; outbox: number }> {
  const db = await offlineDatabase();
  const [drafts, items] = await Promise.all([
    db.countFromIndex("drafts", "by-user", userId),
    db.getAllFromIndex("outbox", "by-user", userId),
  ]);
  return { drafts, outbox: items.filter((i) => i.state === "pending").length };
}
