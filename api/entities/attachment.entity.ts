import { defineEntity, p } from "@mikro-orm/core";

/**
 * A file, photo or signature answered in a submission (issue #20), kept out of the submission's JSON: the
 * answer holds a reference to it (schemas/contracts/attachments.ts). Bytes in PostgreSQL, so that pg_dump's
 * backups and the restore keep them with the answers that name them.
 */
export const Attachment = defineEntity({
  name: "Attachment",
  tableName: "attachments",
  properties: {
    id: p.uuid().primary(),
    /** The submission it came with; read rights follow the household that submission is about. */
    submissionId: p.uuid().index(),
    /** The variable (question) whose answer it is: its sensitivity decides who may read it. */
    variable: p.string().length(100),
    name: p.text(),
    /** The type read from its bytes, never the one the browser declared. */
    type: p.string().length(100),
    size: p.integer(),
    sha256: p.string().length(64),
    content: p.blob().lazy(),
    createdAt: p.datetime(),
  },
});
