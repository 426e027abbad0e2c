/**
 * What the integration decided for each member of a planted corpus (planted-duplicates.ts), read back from
 * the database, and how that compares with the truth: bench/match-quality.ts reports it, the matching
 * differential test compares two runs with it.
 */
import type pg from "pg";
import { householdIdOf } from "../integrate/registry-rows";
import type { IncomingHousehold, Truth } from "./planted-duplicates";

/** "link": the matcher named the person (a member of another household, so a move for a supervisor to confirm: issue #14). */
export type MemberDecision = "link" | "review" | "new";

export interface MemberOutcome {
  household: number;
  line: number;
  truth: Truth | null;
  decision: MemberDecision;
  /** For a link: the registry person it joined ("seed:line", also through an incoming record of theirs), or "incoming". */
  linkedTo: string | null;
  /** The submission's stage: integrated, needs_review (a person or the household to check), invalid… */
  status: string;
}

/** Per member of `corpus` (integrated as `submissionIds`, in order), the decision taken. */
export async function memberOutcomes(client: pg.Client, corpus: IncomingHousehold[], submissionIds: string[]): Promise<MemberOutcome[]> {
  const submissions = await client.query<{ id: string; status: string; household_id: string | null }>(
    `select id, status, household_id from submissions where id = any($1::uuid[])`,
    [submissionIds],
  );
  const byId = new Map(submissions.rows.map((s) => [s.id, s]));
  // An incoming record linked to another incoming record is judged by that record's truth.
  const incomingHousehold = new Map(
    submissionIds.flatMap((id, h) => (byId.get(id)?.household_id ? [[byId.get(id)!.household_id!, h]] : [])),
  );
  const members = await client.query<{ household_id: string; line_number: number; id: string; person_id: string }>(
    `select household_id, line_number, id, person_id from individuals where household_id = any($1::uuid[])`,
    [submissions.rows.flatMap((s) => (s.household_id ? [s.household_id] : []))],
  );
  const reviewed = await client.query<{
    incoming_individual_id: string | null;
    existing_individual_id: string | null;
    submission_id: string;
    kind: string;
  }>(`select incoming_individual_id, existing_individual_id, submission_id, kind from review_items where submission_id = any($1::uuid[])`, [
    submissionIds,
  ]);
  const heldHouseholds = new Set(reviewed.rows.filter((r) => r.kind === "duplicate_household").map((r) => r.submission_id));
  // A link to a member of another household is a move the supervisor confirms (issue #14): the matcher's
  // decision is still a link, to the person the item names.
  const moves = new Map(
    reviewed.rows.flatMap((r) =>
      r.kind === "person_move" && r.incoming_individual_id ? [[r.incoming_individual_id, r.existing_individual_id!]] : [],
    ),
  );
  const reviewedPeople = new Set(
    reviewed.rows.flatMap((r) => (r.incoming_individual_id && r.kind !== "person_move" ? [r.incoming_individual_id] : [])),
  );
  // Every record of the linked people: registry records name their seed and line through their household id.
  const personIds = [...new Set(members.rows.map((m) => m.person_id))];
  const records = await client.query<{ person_id: string; household_id: string; line_number: number; id: string }>(
    `select person_id, household_id, line_number, id from individuals where person_id = any($1::uuid[]) or id = any($2::uuid[])`,
    [personIds, [...moves.values()]],
  );
  const recordById = new Map(records.rows.map((r) => [r.id, r]));
  const recordsOf = new Map<string, typeof records.rows>();
  for (const r of records.rows) recordsOf.set(r.person_id, [...(recordsOf.get(r.person_id) ?? []), r]);
  const byMember = new Map(members.rows.map((m) => [`${m.household_id}:${m.line_number}`, m]));

  return corpus.flatMap(({ truth }, h) =>
    truth.map((t, i): MemberOutcome => {
      const submission = byId.get(submissionIds[h]!)!;
      const base = { household: h, line: i + 1, truth: t, status: submission.status };
      if (heldHouseholds.has(submission.id)) return { ...base, decision: "review", linkedTo: null };
      const member = submission.household_id ? byMember.get(`${submission.household_id}:${i + 1}`) : undefined;
      if (!member) return { ...base, decision: "new", linkedTo: null };
      if (reviewedPeople.has(member.id)) return { ...base, decision: "review", linkedTo: null };
      const moving = moves.has(member.id) ? recordById.get(moves.get(member.id)!) : undefined;
      if (moving) return { ...base, decision: "link", linkedTo: registryRecordOf([moving]) ?? incomingTruthOf([moving]) };
      const others = (recordsOf.get(member.person_id) ?? []).filter((r) => r.id !== member.id);
      if (!others.length) return { ...base, decision: "new", linkedTo: null };
      return { ...base, decision: "link", linkedTo: registryRecordOf(others) ?? incomingTruthOf(others) };
    }),
  );

  /** Who the first incoming record among `records` truly is ("seed:line" of its registry person), else "incoming". */
  function incomingTruthOf(records: { household_id: string; line_number: number }[]): string {
    for (const r of records) {
      const h = incomingHousehold.get(r.household_id);
      const t = h === undefined ? null : corpus[h]!.truth[r.line_number - 1];
      if (t && t.seed >= 0) return `${t.seed}:${t.line}`;
    }
    return "incoming";
  }
}

/** "seed:line" of the first registry record among `records` (registry households have ids made from their seed). */
function registryRecordOf(records: { household_id: string; line_number: number }[]): string | null {
  for (const r of records) {
    const seed = seedOf(r.household_id);
    if (seed !== null && householdIdOf(seed) === r.household_id) return `${seed}:${r.line_number}`;
  }
  return null;
}

function seedOf(householdId: string): number | null {
  if (!householdId.startsWith("00000000-0000-4000-8000-")) return null;
  return Number.parseInt(householdId.slice(24), 16);
}

/** Precision and recall per decision, and how many review items each true duplicate costs. */
export function qualityOf(outcomes: MemberOutcome[], reviewItems: number) {
  const judged = outcomes.filter((o) => o.status !== "invalid");
  const duplicate = (o: MemberOutcome) => o.truth !== null;
  const correctLink = (o: MemberOutcome) => o.decision === "link" && o.truth !== null && o.linkedTo === `${o.truth.seed}:${o.truth.line}`;
  const duplicates = judged.filter(duplicate).length;
  const fresh = judged.length - duplicates;
  const count = (d: MemberDecision) => judged.filter((o) => o.decision === d).length;
  const ratio = (a: number, b: number) => (b ? a / b : null);
  const links = count("link");
  const reviews = count("review");
  const news = count("new");
  const correctLinks = judged.filter(correctLink).length;
  const reviewedDuplicates = judged.filter((o) => o.decision === "review" && duplicate(o)).length;
  const correctNew = judged.filter((o) => o.decision === "new" && !duplicate(o)).length;
  return {
    members: judged.length,
    invalid: outcomes.length - judged.length,
    duplicates,
    newPeople: fresh,
    link: { count: links, precision: ratio(correctLinks, links), recall: ratio(correctLinks, duplicates) },
    review: { count: reviews, precision: ratio(reviewedDuplicates, reviews), recall: ratio(reviewedDuplicates, duplicates) },
    new: { count: news, precision: ratio(correctNew, news), recall: ratio(correctNew, fresh) },
    /** Planted duplicates linked to the right person or sent to a supervisor. */
    caught: ratio(correctLinks + reviewedDuplicates, duplicates),
    reviewItems,
    reviewItemsPerDuplicate: ratio(reviewItems, duplicates),
    wrongLinks: judged.filter((o) => o.decision === "link" && !correctLink(o)).length,
  };
}

/** The share of planted duplicates caught (linked right or reviewed), per perturbation and per NIN case. */
export function caughtBy(outcomes: MemberOutcome[]) {
  const groups = new Map<string, { duplicates: number; linked: number; reviewed: number }>();
  for (const o of outcomes) {
    if (!o.truth || o.status === "invalid") continue;
    for (const key of [o.truth.perturbation, `nin ${o.truth.nin}`]) {
      const g = groups.get(key) ?? { duplicates: 0, linked: 0, reviewed: 0 };
      g.duplicates++;
      if (o.decision === "link" && o.linkedTo === `${o.truth.seed}:${o.truth.line}`) g.linked++;
      if (o.decision === "review") g.reviewed++;
      groups.set(key, g);
    }
  }
  return Object.fromEntries(groups);
}
