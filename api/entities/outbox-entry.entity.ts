import { defineEntity, p, type InferEntity } from "@mikro-orm/core";

/**
 * Work not yet done for an accepted submission. Written in the same transaction as the submission
 * (DESIGN.md rule 1) and deleted in the same transaction as its integration, so a row here means
 * "this submission still needs a job"; the relay re-enqueues rows whose `nextAttemptAt` has passed.
 */
export const OutboxEntry = defineEntity({
  name: "OutboxEntry",
  tableName: "outbox",
  properties: {
    submissionId: p.uuid().primary(),
    createdAt: p.datetime().onCreate(() => new Date()),
    nextAttemptAt: p.datetime().index(),
    attempts: p.integer().default(0),
    lastError: p.text().nullable(),
  },
});
export type OutboxEntry = InferEntity<typeof OutboxEntry>;
