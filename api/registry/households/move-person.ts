import { randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import { Merge } from "../../entities";
import type { IndividualRecord } from "../../../schemas/registry/household-from-submission";
import { queryRows, sqlArray } from "../../db/plain-sql";
import { problems } from "../../problems";
import type { Decided } from "./apply-household";
import { readHouseholdState, type HouseholdState } from "./household-state";
import { recordVersion } from "./household-versions";
import { lockHouseholds } from "./locks";
import { clashProblem, NinHolders, type NinClash } from "./nin-holders";

/**
 * « Same person » on a person_move item held for a NIN (issue #14): the members of another household whom
 * the roster names by their NIN leave it, each household getting a version "move" that names the item and
 * the supervisor, so that the roster can take them in as the same people (a person is a current member of
 * one household). `joining` is the household they join when it exists (an update), locked with the others.
 * Returns the person id of each line that takes someone in.
 */
export async function moveHoldersOut(
  tx: EntityManager,
  members: Pick<IndividualRecord, "lineNumber" | "nin">[],
  joining: string | null,
  decided: Decided,
): Promise<Map<number, string>> {
  const nins = members.map((m) => m.nin);
  // Households before NINs, the order of every writer's locks: the holders are read once to know which.
  const seen = (await NinHolders.read(tx, nins, false)).clash(members, joining);
  const households = [...new Set([...seen.held.map((h) => h.holder.householdId), ...(joining ? [joining] : [])])].sort();
  await lockHouseholds(tx, households);
  const clash: NinClash = (await NinHolders.read(tx, nins)).clash(members, joining);
  if (clash.repeated.length) throw clashProblem(clash);
  // Someone moved them meanwhile: the supervisor looks again.
  if (clash.held.some((h) => !households.includes(h.holder.householdId))) throw problems.conflict();
  for (const householdId of [...new Set(clash.held.map((h) => h.holder.householdId))]) {
    const leaving = clash.held.filter((h) => h.holder.householdId === householdId).map((h) => h.holder.individualId);
    const before = await readHouseholdState(tx, householdId);
    await queryRows(tx, `delete from individuals where id = any(?::uuid[])`, [sqlArray(leaving)]);
    await nextVersion(tx, householdId, before, decided);
  }
  return new Map(clash.held.map((h) => [h.line, h.holder.personId]));
}

interface Member {
  id: string;
  householdId: string;
  personId: string;
  nin: string | null;
}

/**
 * « Same person » on a member written as a person of their own while matching a member of another household
 * (person_move, or duplicate_person in the grey zone; issue #14): the incoming member becomes the registered
 * person, who leaves the household they were a member of, since a person is a current member of one
 * household: their row goes, and the old household's version before the move keeps them in its history.
 * The NIN the registry knew them by comes with them when the roster gave none (never lost). Both households
 * get a version "move" in the supervisor's name. The Merge returned lets undoMerge put everything back.
 */
export async function movePerson(tx: EntityManager, incomingId: string, existingId: string, decided: Decided): Promise<Merge> {
  const read = () =>
    queryRows<Member>(
      tx,
      `select id, household_id as "householdId", person_id as "personId", nin from individuals where id = any(?::uuid[])`,
      [sqlArray([incomingId, existingId])],
    );
  const households = [...new Set((await read()).map((m) => m.householdId))].sort();
  await lockHouseholds(tx, households);
  const members = await read();
  const incoming = members.find((m) => m.id === incomingId);
  const existing = members.find((m) => m.id === existingId);
  // Either left their household meanwhile (an update, another decision): the supervisor looks again.
  if (!incoming || !existing || incoming.householdId === existing.householdId || members.some((m) => !households.includes(m.householdId)))
    throw problems.conflict();
  const before = [await readHouseholdState(tx, existing.householdId), await readHouseholdState(tx, incoming.householdId)] as const;
  await queryRows(tx, `delete from individuals where id = ?`, [existing.id]);
  await queryRows(tx, `update individuals set person_id = ?, nin = coalesce(nin, ?) where id = ?`, [
    existing.personId,
    existing.nin,
    incoming.id,
  ]);
  const left = await nextVersion(tx, existing.householdId, before[0], decided);
  await nextVersion(tx, incoming.householdId, before[1], decided);
  return tx.create(Merge, {
    id: randomUUID(),
    reviewItemId: decided.reviewItemId,
    kind: "person",
    keptIndividualId: existing.id,
    mergedIndividualId: incoming.id,
    householdId: existing.householdId,
    householdVersion: left,
    before: [{ individualId: incoming.id, personId: incoming.personId, nin: incoming.nin }],
    by: decided.by,
  });
}

/** Records a household's state after a move (the household locked) as its next version, and returns that version. */
async function nextVersion(tx: EntityManager, householdId: string, before: HouseholdState, decided: Decided): Promise<number> {
  const [{ version }] = (await queryRows<{ version: number }>(
    tx,
    `update households set version = version + 1, updated_at = now() where id = ? returning version`,
    [householdId],
  )) as [{ version: number }];
  await recordVersion(tx, householdId, version, before, { action: "move", ...decided });
  return version;
}
