import { type DBSchema, type IDBPDatabase, openDB } from "idb";
import type { FieldError, Message, PublishedFormSummary } from "../../schemas/contracts/api";

/**
 * A questionnaire being filled on this device, saved at each answer (#18). Its id is the submission id it
 * will be sent with, so a draft and its outbox item are one thing at two moments.
 */
export interface Draft {
  id: string;
  /** The clerk who filled it: another clerk signed in on the same tablet never sees it. */
  userId: string;
  form: PublishedFormSummary;
  data: Record<string, unknown>;
  householdId?: string;
  baseVersion?: number;
  /** Zero-based page the clerk was on, to reopen there. */
  pageNo: number;
  updatedAt: string;
}

/**
 * en attente (not yet accepted by the server), envoyé (accepted, not decided), intégré, à vérifier (a
 * supervisor decides), à corriger (refused answers), rejeté (a 4xx or the registry's refusal, with its reason).
 */
export type OutboxState = "pending" | "sent" | "integrated" | "in-review" | "to-correct" | "rejected";

export interface OutboxItem extends Omit<Draft, "pageNo" | "updatedAt"> {
  state: OutboxState;
  queuedAt: string;
  /** Set when the server last answered about it. */
  changedAt: string;
  /** Failed tries since the last success, for the back-off. */
  attempts: number;
  /** Why it stopped (a 4xx, the registry's rules), in both languages. */
  problem?: Message;
  fieldErrors?: FieldError[];
  householdResult?: string | null;
  /** In review because the household changed since the clerk opened it. */
  stale?: boolean;
}

interface OfflineSchema extends DBSchema {
  drafts: { key: string; value: Draft; indexes: { "by-user": string } };
  outbox: { key: string; value: OutboxItem; indexes: { "by-user": string } };
}

export type OfflineDatabase = IDBPDatabase<OfflineSchema>;

let opened: Promise<OfflineDatabase> | undefined;

/** The runtime's one IndexedDB database; opened once per page. */
export function offlineDatabase(): Promise<OfflineDatabase> {
  opened ??= openDB<OfflineSchema>("rsu-runtime", 1, {
    upgrade(db) {
      db.createObjectStore("drafts", { keyPath: "id" }).createIndex("by-user", "userId");
      db.createObjectStore("outbox", { keyPath: "id" }).createIndex("by-user", "userId");
    },
  });
  return opened;
}

const CHANNEL = "rsu-offline";
/** Same-page listeners; BroadcastChannel does not deliver to its own sender. */
const local = new EventTarget();
const channel = typeof BroadcastChannel === "function" ? new BroadcastChannel(CHANNEL) : undefined;
channel?.addEventListener("message", () => local.dispatchEvent(new Event("change")));

/** Tells every screen of every tab that drafts or the outbox changed. */
export function announceChange(): void {
  local.dispatchEvent(new Event("change"));
  channel?.postMessage("change");
}

/** Calls `listener` after each change; returns the unsubscribe. */
export function onOfflineChange(listener: () => void): () => void {
  local.addEventListener("change", listener);
  return () => local.removeEventListener("change", listener);
}
