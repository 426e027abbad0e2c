import type { EntityManager, FilterQuery } from "@mikro-orm/postgresql";
import {
  HEAD_OF_HOUSEHOLD,
  HOUSEHOLD_KEY_VARIABLES,
  INDIVIDUAL_KEY_VARIABLES as KEY,
  MEMBERS_ROSTER,
} from "../../schemas/contracts/registry";
import type { SubmissionListItem, SubmissionPage, SubmissionStage } from "../../schemas/contracts/submissions";
import { Submission } from "../entities";
import { submissionBody } from "../repositories/submissions.repository";
import { mayReadHeadName, type Redactor } from "./redaction";

export interface SubmissionListQuery {
  /** Only what this user sent (clerks always; others with `mine=1`). */
  submittedBy?: string;
  /** Island, prefecture or commune codes the caller is limited to; undefined for no limit. */
  areas?: string[];
  stage?: SubmissionStage;
  limit: number;
  offset: number;
}

/**
 * « Mes envois » and the supervisor's view of the submissions of their areas (issue #6): newest first,
 * each with its stage, its reasons and errors, and the household it names.
 */
export async function listSubmissions(em: EntityManager, query: SubmissionListQuery, redactor: Redactor): Promise<SubmissionPage> {
  const where: FilterQuery<Submission>[] = [];
  if (query.submittedBy) where.push({ submittedBy: query.submittedBy });
  if (query.stage) where.push(stageFilter(query.stage));
  if (query.areas) {
    // The same place a submission is checked against when one reads it (accept-submission.ts placeOf).
    const areas = query.areas;
    const { island, prefecture, commune } = HOUSEHOLD_KEY_VARIABLES;
    where.push({ $or: [island, prefecture, commune].map((code) => ({ data: { [code]: { $in: areas } } })) } as FilterQuery<Submission>);
  }
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
  return { items: rows.map((s) => listItem(s, redactor)), total };
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
      headName: mayReadHeadName(redactor) ? headName(s.data) : null,
      village: typeof village === "string" ? redactor.value(HOUSEHOLD_KEY_VARIABLES.village, village) : null,
    },
  };
}

/** The head as the clerk entered them: the member related to the head as "01", else the first line. */
function headName(data: Record<string, unknown>): string | null {
  const roster = Array.isArray(data[MEMBERS_ROSTER]) ? (data[MEMBERS_ROSTER] as Record<string, unknown>[]) : [];
  const head = roster.find((m) => m?.[KEY.relationToHead] === HEAD_OF_HOUSEHOLD) ?? roster[0];
  if (!head || typeof head !== "object") return null;
  const name = [head[KEY.firstName], head[KEY.lastName]].filter((part) => typeof part === "string" && part).join(" ");
  return name || null;
}
