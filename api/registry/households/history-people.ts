import type { FieldChange } from "../../../schemas/contracts/review";
import { mayReadHeadName, type Redactor } from "../../services/redaction";
import type { HouseholdState } from "./household-state";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every id string inside a change's values (a leaf, or a whole member added or removed). */
function idsIn(value: unknown, into: Set<string>): Set<string> {
  if (typeof value === "string" && UUID.test(value)) into.add(value);
  else if (Array.isArray(value)) for (const item of value) idsIn(item, into);
  else if (value && typeof value === "object") for (const item of Object.values(value)) idsIn(item, into);
  return into;
}

/**
 * The names of the people a version's changes name by id, read from the states before and after it (a member
 * who left is only in the state before). Names the reader may not read are null: the id alone is shown.
 */
export function peopleNamed(
  changes: readonly FieldChange[],
  states: readonly (HouseholdState | undefined)[],
  redactor: Redactor,
): Record<string, string | null> {
  const ids = new Set<string>();
  // A member's change names them in its path too: /members/<personId>/firstName.
  for (const change of changes) idsIn([change.before, change.after, ...change.path.split("/")], ids);
  if (!ids.size) return {};
  const mayRead = mayReadHeadName(redactor);
  const people: Record<string, string | null> = {};
  for (const member of states.flatMap((state) => state?.members ?? [])) {
    const name = mayRead ? [member.firstName, member.lastName].filter(Boolean).join(" ") || null : null;
    for (const id of [member.id, member.personId]) if (ids.has(id) && !(id in people)) people[id] = name;
  }
  return people;
}
