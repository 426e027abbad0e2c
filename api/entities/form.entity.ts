import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import type { Message } from "../../schemas/contracts/api";

/** A questionnaire as administrators know it: a stable id and a title; its content lives in versions. */
export const Form = defineEntity({
  name: "Form",
  tableName: "forms",
  properties: {
    id: p.string().primary(),
    title: p.json<Message>(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type Form = InferEntity<typeof Form>;
