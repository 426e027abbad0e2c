import type { EntityManager } from "@mikro-orm/postgresql";
import type { SubmissionStatus } from "../../schemas/contracts/api";
import type { SubmissionPage } from "../../schemas/contracts/submissions";
import { Submission } from "../entities";
import { submissionBody } from "../repositories/submissions.repository";

/** « Mes envois »: what one user has sent, newest first, with each submission's stage and reasons. */
export async function listOwnSubmissions(
  em: EntityManager,
  userId: string,
  query: { status?: SubmissionStatus; limit: number; offset: number },
): Promise<SubmissionPage> {
  const where = { submittedBy: userId, ...(query.status ? { status: query.status } : {}) };
  const [items, total] = await em.findAndCount(Submission, where, {
    populate: ["formVersion.form"],
    orderBy: { receivedAt: "desc", id: "asc" },
    limit: query.limit,
    offset: query.offset,
  });
  return { items: items.map(submissionBody), total };
}
