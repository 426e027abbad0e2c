import { randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import { Household, HouseholdVersion, Individual, ReviewItem } from "../../entities";
import { headNameOf, type HouseholdRecord, type IndividualRecord } from "../../../schemas/registry/household-from-submission";
import { mergeHousehold, type MergedHousehold } from "../../../schemas/registry/household-merge";
import { personKeys } from "../../../schemas/registry/person-keys";
import { readHouseholdState, stateOf, type HouseholdState } from "./household-state";
import { versionRow, type Provenance } from "./household-versions";
import { areaOf, fromSubmission, movedHere, placePerson, type Applied, type Decided, type SubmissionSource } from "./apply-household";
import { assertNinsFree } from "./nin-holders";
import { matchPeople, type MatchThresholds } from "../matching/match-person";
import { insertRows, queryRows, sqlArray, updateRows } from "../../db/plain-sql";
import { reviewItemRow, type ReviewItemRow } from "../review/review-item-rows";

/**
 * Applies a clerk's update, built on the household's current version (locked by the caller), as its next
 * version: the submission's values replace the household's, and its members are paired with the roster by
 * identity (household-merge.ts), never by line, so each keeps its row and person; a member the update no
 * longer lists is removed, one it adds is matched like a new member.
 */
export async function updateHousehold(
  em: EntityManager,
  submission: SubmissionSource,
  household: { id: string; version: number },
  record: { household: HouseholdRecord; members: IndividualRecord[] },
  thresholds: MatchThresholds,
  decided: Decided | null = null,
  moved: ReadonlyMap<number, string> = new Map(),
): Promise<Applied> {
  const before = await readHouseholdState(em, household.id);
  const incoming = { ...record.household, members: record.members };
  const merged = mergeHousehold({ base: before, current: before, incoming, incomingAt: null, changedAt: new Map() });
  const provenance = fromSubmission(submission, "update", decided);
  // A person moved here (a person_move decision) is named by the NIN that made the move.
  const movedByNin = new Map(record.members.flatMap((m) => (m.nin && moved.has(m.lineNumber) ? [[m.nin, moved.get(m.lineNumber)!]] : [])));
  return writeHousehold(em, household, before, merged, { provenance, submissionId: submission.id, thresholds, moved: movedByNin });
}

export interface WriteOptions {
  provenance: Provenance;
  /** The submission that brings new members (their review items name it); null when none can come (an undo). */
  submissionId: string | null;
  thresholds: MatchThresholds | null;
  /** Persons moved here from another household by a decision, by NIN: a new member with that NIN is that person. */
  moved?: ReadonlyMap<string, string>;
}

/**
 * Writes `merged` as the household's next version (`before` is its current state): members with an id keep
 * their row (or get it back, with their person, after an undo), the others are matched and inserted, those
 * no longer listed are removed. Plain statements, as a batch writes new households: through the unit of
 * work, each update loaded the household's entities and compared every entity the transaction held.
 */
export async function writeHousehold(
  em: EntityManager,
  household: { id: string; version: number },
  before: HouseholdState,
  merged: MergedHousehold,
  { provenance, submissionId, thresholds, moved = new Map() }: WriteOptions,
): Promise<Applied> {
  const place = areaOf(merged);
  const existing = new Map(before.members.map((m) => [m.id, m]));
  const lines = merged.members.map(({ id, personId, ...member }, n) => ({ id, personId, ...member, lineNumber: n + 1 }));
  // A NIN that names someone else is refused (issue #14), whoever writes: an update, a decision, an undo.
  await assertNinsFree(em, lines, household.id);
  const added = lines.filter((m) => !m.id);
  if (added.length && (!thresholds || !submissionId)) throw new Error("new members can only come from a submission");
  const matches = added.length ? await matchPeople(em, added, place, thresholds!, { excludeHouseholdId: household.id }) : [];
  const reviewItems: ReviewItemRow[] = [];
  const rows = lines.map(({ id, personId, ...member }) => {
    const columns = { ...member, ...personKeys(member) };
    if (id) return { ...columns, id, personId: existing.get(id)?.personId ?? personId! };
    const newId = randomUUID();
    const found = matches[added.findIndex((m) => m.lineNumber === member.lineNumber)]!;
    const match = movedHere(found, member.nin ? moved.get(member.nin) : undefined);
    const open = (item: Parameters<typeof reviewItemRow>[0]) => reviewItems.push(reviewItemRow(item));
    return { ...columns, id: newId, personId: placePerson(submissionId!, household.id, columns, newId, match, open) };
  });
  const kept = rows.filter((r) => existing.has(r.id));
  const inserted = rows.filter((r) => !existing.has(r.id)).map((r) => ({ ...r, ...place, household: household.id, createdAt: new Date() }));
  const gone = before.members.filter((m) => !rows.some((r) => r.id === m.id)).map((m) => m.id);
  const version = household.version + 1;
  const { island, prefecture, commune, village, attributes } = merged;
  const columns = { island, prefecture, commune, village, attributes, ...headNameOf(rows) };
  // A change of place reaches the members already there through a trigger (Migration20261129020000IndividualPlace).
  await updateRows(em, Household, [{ id: household.id, ...columns, version, updatedAt: new Date() }]);
  // Line numbers and NINs are unique, checked as each row is written: members leave, moved lines step aside
  // and NINs that change are let go, before any member takes one (two members can swap lines or NINs).
  if (gone.length) await queryRows(em, `delete from individuals where id = any(?::uuid[])`, [sqlArray(gone)]);
  if (kept.some((r) => existing.get(r.id)!.lineNumber !== r.lineNumber))
    await queryRows(em, `update individuals set line_number = -line_number where household_id = ?`, [household.id]);
  const ninChanged = kept.filter((r) => r.nin !== existing.get(r.id)!.nin).map((r) => r.id);
  if (ninChanged.length) await queryRows(em, `update individuals set nin = null where id = any(?::uuid[])`, [sqlArray(ninChanged)]);
  // A member's person is not the update's to change (a merge of persons is a decision of its own).
  await updateRows(
    em,
    Individual,
    kept.map(({ personId: _, ...row }) => row),
  );
  await insertRows(em, Individual, inserted);
  await insertRows(em, HouseholdVersion, [versionRow(household.id, version, before, provenance, stateOf(columns, rows))]);
  await insertRows(em, ReviewItem, reviewItems);
  return { householdId: household.id, version, reviews: reviewItems.length };
}
