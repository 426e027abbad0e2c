import type { FieldChange } from "../../../schemas/contracts/review";
import { diffStates, type HouseholdState, type MemberState } from "./household-state";

/**
 * Members by the person they are: `personId`, stable across versions, or the member's own id for a second
 * member of the same person (never seen, but a key must not hide one of them).
 */
function byPerson(members: readonly MemberState[]): Map<string, MemberState> {
  const keyed = new Map<string, MemberState>();
  for (const member of members) keyed.set(keyed.has(member.personId) ? member.id : member.personId, member);
  return keyed;
}

/**
 * What changed from one version of a household to the next, members compared person by person (#21): a
 * member who leaves the roster is one removed member (`/members/<personId>`), not a shift of every member
 * after them; a member's field is `/members/<personId>/firstName`. Other fields as `diffStates` finds them.
 */
export function diffHouseholdStates(before: HouseholdState, after: HouseholdState): FieldChange[] {
  const { members: membersBefore, ...restBefore } = before;
  const { members: membersAfter, ...restAfter } = after;
  const was = byPerson(membersBefore ?? []);
  const is = byPerson(membersAfter ?? []);
  // The roster's order of now, then who left in their former order.
  const people = [...is.keys(), ...[...was.keys()].filter((person) => !is.has(person))];
  return [
    ...diffStates(restBefore, restAfter),
    ...people.flatMap((person) => diffStates(was.get(person), is.get(person), `/members/${person}`)),
  ];
}
