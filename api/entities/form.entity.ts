import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import type { Message } from "../../schemas/contracts/api";

/**
 * A questionnaire as administrators know it: a stable id and a title; its content lives in versions.
 * It holds one editable draft (issue #5): a single mask per form, saved even with binding errors,
 * so the draft lives on the form rather than in a table of its own.
 */
export const Form = defineEntity({
  name: "Form",
  tableName: "forms",
  properties: {
    id: p.string().primary(),
    title: p.json<Message>(),
    createdAt: p.datetime().onCreate(() => new Date()),
    draftMask: p.json<Record<string, unknown>>().nullable(),
    draftUpdatedAt: p.datetime().nullable(),
    draftUpdatedBy: p.uuid().nullable(),
  },
});
export type Form = InferEntity<typeof Form>;
