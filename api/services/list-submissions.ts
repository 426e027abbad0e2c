import type { EntityManager, FilterQuery } from "@mikro-orm/postgresql";
import { HOUSEHOLD_KEY_VARIABLES, headNameInAnswers } from "../../schemas/contracts/registry";
import type { SubmissionListItem, SubmissionPage, SubmissionStage } from "../../schemas/contracts/submissions";
import { Submission } from "../entities";
import { placeOf } from "./accept-submission";
import { submissionBody } from "../repositories/submissions.repository";
import { scopeCovers, type RoleScope } from "../auth/actor";
import { mayReadHeadName, type Redactor, type RedactorOf } from "./redaction";

export interface SubmissionListQuery {
  /** The caller. */
  userId: string;
  /** Only what the caller sent (`mine=1`). */
  mine: boolean;
  /** The caller's roles that may read submissions: a row is listed when one of them reaches it. */
  scopes: readonly RoleScope[];
  stage?: SubmissionStage;
  limit: number;
  offset: number;
}

/**
 * « Mes envois » and the supervisor's view of the submissions of their areas (issue #6): newest first,
 * each with its stage, its reasons and errors, and the household it names.
 */
export async function listSubmissions(em: EntityManager, query: SubmissionListQuery, redactorOf: RedactorOf): Promise<SubmissionPage> {
  if (!query.scopes.length) return { items: [], total: 0 };
  const reach = query.scopes.map((scope) => scopeWhere(scope, query.userId));
  // A role reaching every row needs no condition (MikroORM drops an empty branch of an $or rather than matching all).
  const where: FilterQuery<Submission>[] = reach.some((branch) => branch === null) ? [] : [{ $or: reach as FilterQuery<Submission>[] }];
  if (query.mine) where.push({ submittedBy: query.userId });
  if (query.stage) where.push(stageFilter(query.stage));
  const [rows, total] = await em.findAndCount(
    Submission,
    { $and: where },
    {
      populate: ["formVersion.form"],
      orderBy: { receivedAt: "desc", id: "asc" },
      limit: query.limit,
      offset: query.offset,
    },
  );
  const reaching = (s: Submission) => query.scopes.filter((scope) => submissionInScope(scope, s, query.userId));
  return { items: rows.map((s) => listItem(s, redactorOf(reaching(s)))), total };
}

/** The submissions one role reaches: those of its areas, and only the caller's own for a clerk; null for all. */
function scopeWhere(scope: RoleScope, userId: string): FilterQuery<Submission> | null {
  const where: FilterQuery<Submission>[] = [];
  if (scope.ownSubmissionsOnly) where.push({ submittedBy: userId });
  if (scope.areas) {
    // The same place a submission is checked against when one reads it (accept-submission.ts placeOf).
    const areas = [...scope.areas];
    const { island, prefecture, commune } = HOUSEHOLD_KEY_VARIABLES;
    where.push({ $or: [island, prefecture, commune].map((code) => ({ data: { [code]: { $in: areas } } })) } as FilterQuery<Submission>);
  }
  return where.length ? { $and: where } : null;
}

/** Whether one role reaches this submission (GET /api/submissions/:id and the list alike). */
export function submissionInScope(scope: RoleScope, submission: Submission, userId: string): boolean {
  return (!scope.ownSubmissionsOnly || submission.submittedBy === userId) && scopeCovers(scope, placeOf(submission.data));
}

/** A submission sent back is "returned" whatever its status: the stage a clerk filters on is the one shown. */
function stageFilter(stage: SubmissionStage): FilterQuery<Submission> {
  return stage === "returned" ? { returnedAt: { $ne: null } } : { status: stage, returnedAt: null };
}

function listItem(s: Submission, redactor: Redactor): SubmissionListItem {
  const village = s.data[HOUSEHOLD_KEY_VARIABLES.village];
  return {
    ...submissionBody(s),
    stage: s.returnedAt ? "returned" : s.status,
    household: {
      headName: mayReadHeadName(redactor) ? headNameInAnswers(s.data) : null,
      village: typeof village === "string" ? redactor.value(HOUSEHOLD_KEY_VARIABLES.village, village) : null,
    },
  };
}
