import type { EntityManager } from "@mikro-orm/postgresql";
import type { IndividualRecord } from "../../../schemas/registry/household-from-submission";
import { queryRows, sqlArray } from "../../db/plain-sql";
import { problems } from "../../problems";
import { readHouseholdState } from "./household-state";
import { recordVersion } from "./household-versions";
import { lockHouseholds } from "./locks";
import { clashProblem, NinHolders, type NinClash } from "./nin-holders";

/**
 * « Same person » on a person_move item (issue #14): the members of another household whom the roster
 * names by their NIN leave it, each household getting a version "move" that names the item and the
 * supervisor, so that the roster can take them in as the same people (a person is a current member of one
 * household). `joining` is the household they join when it exists (an update), locked with the others.
 * Returns the person id of each line that takes someone in.
 */
export async function moveHoldersOut(
  tx: EntityManager,
  members: Pick<IndividualRecord, "lineNumber" | "nin">[],
  joining: string | null,
  provenance: { by: string; reviewItemId: string },
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
    const [{ version }] = (await queryRows<{ version: number }>(
      tx,
      `update households set version = version + 1, updated_at = now() where id = ? returning version`,
      [householdId],
    )) as [{ version: number }];
    await recordVersion(tx, householdId, version, before, { action: "move", ...provenance });
  }
  return new Map(clash.held.map((h) => [h.line, h.holder.personId]));
}
