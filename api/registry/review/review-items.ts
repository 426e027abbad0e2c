import { attachmentsIn } from "../../../schemas/contracts/attachments";
import { LockMode } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import type {
  ReviewItemDetail,
  ReviewItemPage,
  ReviewItemSummary,
  ReviewKind,
  ReviewStatus,
  PersonView,
  MergeConflict,
} from "../../../schemas/contracts/review";
import { HOUSEHOLD_KEY_VARIABLES as KEYS } from "../../../schemas/contracts/registry";
import { householdFromSubmission } from "../../../schemas/registry/household-from-submission";
import { coversPlace, scopesFor, type Actor } from "../../auth/actor";
import { Household, Individual, Merge, ReviewItem, Submission } from "../../entities";
import { problems } from "../../problems";
import { placeOf } from "../../services/accept-submission";
import { userNames } from "../../services/user-names";
import { planSame } from "./household-merge-plan";
import { mayReadHeadName, type Redactor } from "../../services/redaction";

export interface ReviewFilter {
  status?: ReviewStatus;
  kind?: ReviewKind;
  limit: number;
  offset: number;
}

const SUMMARIES: Record<ReviewKind, ReviewItemSummary["summary"]> = {
  duplicate_person: { fr: "Personne probablement déjà inscrite", en: "Person probably already registered" },
  duplicate_household: { fr: "Ménage probablement déjà inscrit", en: "Household probably already registered" },
  person_move: {
    fr: "Une personne du registre inscrite dans un autre ménage",
    en: "A person of the registry registered in another household",
  },
  stale_update: { fr: "Mise à jour faite sur une version dépassée du ménage", en: "Update built on an outdated household version" },
  invalid_submission: { fr: "Soumission invalide", en: "Invalid submission" },
  rejected_submission: { fr: "Soumission refusée", en: "Rejected submission" },
};

/**
 * The review queue, oldest first. Supervisors see the items of their areas only (the household's place,
 * or the submission's answers when no household exists yet).
 */
export async function listReviewItems(em: EntityManager, filter: ReviewFilter, actor: Actor): Promise<ReviewItemPage> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.status) {
    where.push(`r.status = ?`);
    params.push(filter.status);
  }
  if (filter.kind) {
    where.push(`r.kind = ?`);
    params.push(filter.kind);
  }
  // Unbound when one of the actor's deciding roles is; else the areas of their area-bound deciding roles.
  const scopes = scopesFor(actor, "review:decide");
  if (!scopes.some((scope) => scope.areas === null)) {
    const bound = scopes.flatMap((scope) => scope.areas ?? []);
    const areas = bound.length ? bound : [""];
    const inAreas = (alias: string) => `(${alias}.island in (?) or ${alias}.prefecture in (?) or ${alias}.commune in (?))`;
    where.push(`(${inAreas("h")} or (h.id is null and ${submissionInAreas()}))`);
    params.push(areas, areas, areas, areas, areas, areas);
  }
  const from = `from review_items r left join households h on h.id = r.household_id left join submissions s on s.id = r.submission_id
    ${where.length ? `where ${where.join(" and ")}` : ""}`;
  const rows = await em
    .getConnection()
    .execute<{ id: string }[]>(`select r.id ${from} order by r.created_at, r.id limit ${filter.limit} offset ${filter.offset}`, params);
  const [count] = await em.getConnection().execute<{ n: string }[]>(`select count(*) as n ${from}`, params);
  const items = rows.length
    ? await em.find(ReviewItem, { id: { $in: rows.map((r) => r.id) } }, { orderBy: { createdAt: "asc", id: "asc" } })
    : [];
  return { items: items.map(summaryOf), total: Number(count?.n ?? 0) };
}

/** A submission's place is in its answers (codes of HOUSEHOLD_KEY_VARIABLES). */
function submissionInAreas() {
  const code = (name: string) => `s.data->>'${name}'`;
  const { island, prefecture, commune } = KEYS;
  return `(${code(island)} in (?) or ${code(prefecture)} in (?) or ${code(commune)} in (?))`;
}

export function summaryOf(item: ReviewItem): ReviewItemSummary {
  return {
    id: item.id,
    kind: item.kind,
    status: item.status,
    createdAt: item.createdAt.toISOString(),
    submissionId: item.submissionId ?? null,
    householdId: item.householdId ?? null,
    score: item.score?.total ?? null,
    summary: SUMMARIES[item.kind],
  };
}

/** Loads an item the actor may see, or the matching problem. */
export async function findReviewItem(em: EntityManager, id: string, actor: Actor, lock = false): Promise<ReviewItem> {
  const item = await em.findOne(ReviewItem, id, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
  if (!item) throw problems.reviewItemNotFound();
  const household = item.householdId ? await em.findOne(Household, item.householdId) : null;
  const submission = !household && item.submissionId ? await em.findOne(Submission, item.submissionId) : null;
  const place = household ?? (submission ? placeOf(submission.data) : {});
  if (!coversPlace(actor, "review:decide", place)) throw problems.outsideArea();
  return item;
}

/** Both sides of an item, their differences and the explained score. */
export async function reviewItemDetail(em: EntityManager, item: ReviewItem, redactor?: Redactor): Promise<ReviewItemDetail> {
  const submission = item.submissionId ? await em.findOne(Submission, item.submissionId, { populate: ["formVersion"] }) : null;
  const existing = item.existingIndividualId ? await personView(em, item.existingIndividualId, redactor) : null;
  let incoming = item.incomingIndividualId ? await personView(em, item.incomingIndividualId, redactor) : null;
  if (!incoming && submission && item.incomingLine != null) incoming = personFromSubmission(submission, item.incomingLine);
  const merge = item.mergeId ? await em.findOne(Merge, item.mergeId) : null;
  const mergesHousehold = item.kind === "duplicate_household" || item.kind === "stale_update";
  const preview = mergesHousehold && item.status !== "decided" && submission ? await planSame(em, item, submission) : null;
  const names = await userNames(em, [item.decidedBy]);
  return {
    ...summaryOf(item),
    incoming,
    existing,
    differences: incoming && existing ? COMPARED.filter((field) => (incoming as never)[field] !== (existing as never)[field]) : [],
    matchScore: item.score ?? null,
    errors: item.kind === "invalid_submission" ? (submission?.errors ?? null) : null,
    reasons: item.reasons,
    merge: preview ? { ...preview.preview, conflicts: preview.preview.conflicts.map((c) => redacted(c, redactor)) } : null,
    files: submission ? attachmentsIn(submission.data).filter(({ variable }) => !redactor || redactor.may(variable)) : [],
    decision: item.decision
      ? {
          decision: item.decision,
          by: item.decidedBy ?? "",
          byName: (item.decidedBy && names.get(item.decidedBy)) || null,
          at: item.decidedAt!.toISOString(),
          comment: item.comment ?? null,
          mergeId: merge?.id ?? null,
        }
      : null,
  };
}

/** A conflict's values are read like the household's own: by their variable's sensitivity. */
function redacted(conflict: MergeConflict, redactor: Redactor | undefined): MergeConflict {
  if (!redactor || conflict.variable === "members" || redactor.may(conflict.variable)) return conflict;
  return { ...conflict, household: null, submission: null };
}

const COMPARED = ["firstName", "lastName", "sex", "birthDate", "nin", "relationToHead", "commune", "village"] as const;

async function personView(em: EntityManager, individualId: string, redactor: Redactor | undefined): Promise<PersonView | null> {
  const person = await em.findOne(Individual, individualId, { populate: ["household"] });
  if (!person) return null;
  return {
    id: person.id,
    householdId: person.household.id,
    householdName: !redactor || mayReadHeadName(redactor) ? (person.household.headName ?? null) : null,
    lineNumber: person.lineNumber,
    firstName: person.firstName ?? null,
    lastName: person.lastName ?? null,
    sex: person.sex ?? null,
    birthDate: person.birthDate ?? null,
    nin: person.nin ?? null,
    relationToHead: person.relationToHead ?? null,
    commune: person.household.commune ?? null,
    village: person.household.village ?? null,
    attributes: person.attributes,
  };
}

/** The incoming person of a household that is not created yet, read from the submission's answers. */
function personFromSubmission(submission: Submission, line: number): PersonView | null {
  const { household, members } = householdFromSubmission(submission.data);
  const member = members.find((m) => m.lineNumber === line);
  if (!member) return null;
  return {
    id: `${submission.id}#${line}`,
    householdId: null,
    householdName: null,
    lineNumber: line,
    firstName: member.firstName,
    lastName: member.lastName,
    sex: member.sex,
    birthDate: member.birthDate,
    nin: member.nin,
    relationToHead: member.relationToHead,
    commune: household.commune,
    village: household.village,
    attributes: member.attributes,
  };
}
