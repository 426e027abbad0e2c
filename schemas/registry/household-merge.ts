import { HOUSEHOLD_KEY_VARIABLES, INDIVIDUAL_KEY_VARIABLES } from "../contracts/registry";
import type { RegistryMember } from "../contracts/api";
import type { MergeConflict } from "../contracts/review";
import { scoreOf } from "./match-score";

/** A household as a merge compares it: a version's state, its current rows, or a submission's record. */
export interface MergeSide {
  island: string | null;
  prefecture: string | null;
  commune: string | null;
  village: string | null;
  attributes: Record<string, unknown>;
  members: MergeMember[];
}

/** A member; `id` (and `personId`) name an existing individual, absent for one a submission brings. */
export interface MergeMember extends Omit<RegistryMember, "id" | "lineNumber"> {
  id?: string;
  personId?: string;
}

/** What the household becomes: members in roster order, each existing one under its own id. */
export interface MergedHousehold extends MergeSide {
  conflicts: MergeConflict[];
}

type Field = keyof typeof INDIVIDUAL_KEY_VARIABLES;
const FIELDS = Object.keys(INDIVIDUAL_KEY_VARIABLES) as Field[];
const PLACE = Object.keys(HOUSEHOLD_KEY_VARIABLES) as (keyof typeof HOUSEHOLD_KEY_VARIABLES)[];

/**
 * Evidence (in bits, the registry-wide prior left out) from which two roster entries are the same member.
 * Within one household the candidates are a handful of relatives: the same names and sex (+5.9) pair even
 * when the birth date was corrected; siblings and twins, whose names differ, never pair (see similarity).
 */
const SAME_MEMBER = 1;

/**
 * Pairs each member without an id with one of `candidates` by identity (NIN, names, sex, birth date),
 * best pairs first, never by roster position; `also` gives a candidate's other known state (an older
 * version), whichever matches better counts. Returns the candidate's index per member, or -1.
 */
export function pairMembers(
  members: MergeMember[],
  candidates: MergeMember[],
  also: (candidate: MergeMember) => MergeMember | undefined = () => undefined,
): number[] {
  const paired = members.map((member) => (member.id ? candidates.findIndex((c) => c.id === member.id) : -1));
  const taken = new Set(paired.filter((c) => c >= 0));
  // Most members of an update are unchanged: the same identity pairs at once, only the rest are scored.
  const byIdentity = new Map<string, number[]>();
  candidates.forEach((candidate, c) => {
    if (taken.has(c)) return;
    for (const side of [candidate, also(candidate)])
      if (side) byIdentity.set(identity(side), [...(byIdentity.get(identity(side)) ?? []), c]);
  });
  members.forEach((member, m) => {
    if (member.id) return;
    const c = byIdentity.get(identity(member))?.find((n) => !taken.has(n));
    if (c === undefined) return;
    paired[m] = c;
    taken.add(c);
  });
  const pairs: [score: number, member: number, candidate: number][] = [];
  members.forEach((member, m) => {
    if (paired[m]! >= 0 || member.id) return;
    candidates.forEach((candidate, c) => {
      if (taken.has(c)) return;
      const older = also(candidate);
      const score = Math.max(similarity(member, candidate), older ? similarity(member, older) : 0);
      if (score >= SAME_MEMBER) pairs.push([score, m, c]);
    });
  });
  pairs.sort((a, b) => b[0] - a[0] || a[1] - b[1] || a[2] - b[2]);
  for (const [, m, c] of pairs) {
    if (paired[m]! >= 0 || taken.has(c)) continue;
    paired[m] = c;
    taken.add(c);
  }
  return paired;
}

function identity(m: MergeMember): string {
  return JSON.stringify([m.firstName, m.lastName, m.sex, m.birthDate, m.nin]);
}

/**
 * The match weight without the prior: the registry-wide prior (one person among thousands) does not hold
 * among a household's few members. Names must agree: a shared birth date is what twins have in common.
 */
function similarity(a: MergeMember, b: MergeMember): number {
  const place = { island: null, commune: null };
  const { weight, weights } = scoreOf({ ...a, ...place }, { ...b, ...place });
  return weights.name > 0 ? weight - weights.prior : Number.NEGATIVE_INFINITY;
}

/** When each value (by its path) last changed across `versions`, oldest first. */
export function lastChanges(versions: { state: MergeSide; at: Date }[]): Map<string, Date> {
  const changed = new Map<string, Date>();
  versions.forEach(({ state, at }, i) => {
    if (i === 0) return;
    const before = flatten(versions[i - 1]!.state);
    const after = flatten(state);
    for (const path of new Set([...before.keys(), ...after.keys()])) if (before.get(path) !== after.get(path)) changed.set(path, at);
  });
  return changed;
}

/**
 * The version a submission that names none was most likely filled from: the one it differs from on the
 * fewest values (the latest of equals). A copy of older data then merges as what it is, not as a change
 * of everything the household became since.
 */
export function closestVersion<T extends { state: MergeSide }>(versions: T[], incoming: MergeSide): T | undefined {
  let best: { version: T; distance: number } | undefined;
  for (const version of versions) {
    const ids = withIds(incoming, version.state, version.state);
    const a = flatten(version.state);
    const b = flatten(ids);
    const distance = [...new Set([...a.keys(), ...b.keys()])].filter((path) => a.get(path) !== b.get(path)).length;
    if (!best || distance <= best.distance) best = { version, distance };
  }
  return best?.version;
}

export interface MergeInput {
  /** What the submission was built on (the household as it was when it was filled). */
  base: MergeSide;
  current: MergeSide;
  incoming: MergeSide;
  /** When the submission was received; null when it must never win a conflict (an undo). */
  incomingAt: Date | null;
  /** When the household last changed each value since `base` (lastChanges). */
  changedAt: ReadonlyMap<string, Date>;
  /**
   * The submission was filled afresh, not from the household's answers (a probable duplicate household):
   * a question it leaves unanswered, or a member it does not list, says nothing, and never removes what the
   * household has (DESIGN.md rule 10). An update, filled from the household, removes what its clerk removed.
   */
  fresh?: boolean;
}

/**
 * A three-way merge, value by value: a value only one side changed since `base` takes that side's; a
 * value both changed differently is a conflict, won by the newest (the household's change against the
 * submission's receipt) and listed, so that a conflict on a key variable can be shown and confirmed.
 * Members are paired by identity, so a member the household removed is not brought back by a submission
 * that did not touch them, one it added is kept, and no row ever takes another person's values.
 */
export function mergeHousehold({ base, current, incoming, incomingAt, changedAt, fresh = false }: MergeInput): MergedHousehold {
  const inc = withIds(incoming, current, base);
  // Built on the current version (a clerk's update), only the submission changed anything: its values stand.
  if (base === current) return { ...taken(inc), conflicts: [] };
  const [b, c, i] = [flatten(base), flatten(current), flatten(inc)];
  const conflicts: MergeConflict[] = [];
  const lineOf = new Map(current.members.map((m, n) => [m.id!, n + 1]));
  const householdWins = (prefix: string) => {
    if (!incomingAt) return true;
    const times = [...changedAt].filter(([path]) => path === prefix || path.startsWith(`${prefix}/`)).map(([, at]) => at.getTime());
    return Math.max(0, ...times) >= incomingAt.getTime();
  };
  /** Records a conflict and says which side's value stays: the newest. */
  const conflict = (path: string, variable: string, key: boolean, member: string | null, cv: unknown, iv: unknown) => {
    const kept = householdWins(path) ? ("household" as const) : ("submission" as const);
    const lineNumber = member ? (lineOf.get(member) ?? null) : null;
    conflicts.push({ path, variable, key, lineNumber, household: cv ?? null, submission: iv ?? null, kept });
    return kept;
  };
  const resolve = (path: string, variable: string, key: boolean, member: string | null): string | undefined => {
    const [bv, cv, iv] = [b.get(path), c.get(path), i.get(path)];
    if (cv === iv || iv === bv || (fresh && iv === undefined)) return cv;
    if (cv === bv) return iv;
    return conflict(path, variable, key, member, parse(cv), parse(iv)) === "household" ? cv : iv;
  };

  const merged: Record<string, string | undefined> = {};
  for (const field of PLACE) merged[field] = resolve(`/${field}`, HOUSEHOLD_KEY_VARIABLES[field], true, null);
  const attributes = mergeAttributes("", [base, current, inc], (path, code) => resolve(path, code, false, null));

  const sides = [base, current, inc].map((side) => new Map(side.members.map((m) => [m.id!, m])));
  const byId = new Map([...sides[0]!, ...sides[1]!, ...sides[2]!]);
  const members: MergeMember[] = [];
  for (const id of rosterOrder(inc, current)) {
    const at = `/members/${id}`;
    const presence = memberPresence(id);
    if (!presence) continue;
    const side = presence === "both" ? null : presence === "current" ? c : i;
    const value = (path: string, variable: string, key: boolean) => (side ? side.get(path) : resolve(path, variable, key, id));
    const member = byId.get(id)!;
    const fields = Object.fromEntries(FIELDS.map((f) => [f, parse(value(`${at}/${f}`, INDIVIDUAL_KEY_VARIABLES[f], true)) ?? null]));
    const own = presence === "both" ? sides : [presence === "current" ? sides[1]! : sides[2]!];
    const memberAttributes = mergeAttributes(
      at,
      own.map((m) => m.get(id)),
      (path, code) => value(path, code, false),
    );
    members.push({
      ...(id.startsWith("new:") ? {} : { id, personId: member.personId }),
      ...(fields as Pick<MergeMember, Field>),
      attributes: memberAttributes,
    });
  }
  return {
    ...(Object.fromEntries(PLACE.map((f) => [f, parse(merged[f]) ?? null])) as Pick<MergeSide, (typeof PLACE)[number]>),
    attributes,
    members,
    conflicts,
  };

  /**
   * Whether member `id` stays, and whose values it keeps: "both" (merged value by value), or the one
   * side that has it. Removing a member the other side did not touch is a change like any other; removing
   * one the other side changed is a conflict, won by the newest.
   */
  function memberPresence(id: string): "both" | "current" | "incoming" | null {
    const at = `/members/${id}`;
    const [inB, inC, inI] = [b.has(at), c.has(at), i.has(at)];
    if (inC && inI) return "both";
    if (!inC && !inI) return null;
    if (!inB || (fresh && inC)) return inC ? "current" : "incoming";
    const kept = inC ? c : i;
    const touched = [...kept.keys()].some((path) => path.startsWith(`${at}/`) && kept.get(path) !== b.get(path));
    if (!touched) return null;
    const winner = conflict(at, "members", true, id, inC, inI);
    return (winner === "household") === inC ? (inC ? "current" : "incoming") : null;
  }
}

/** A side as the merge's result: no null answers, no provisional ids. */
function taken(side: MergeSide): MergeSide {
  const answered = (values: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null && v !== undefined));
  const { island, prefecture, commune, village } = side;
  return {
    island,
    prefecture,
    commune,
    village,
    attributes: answered(side.attributes),
    members: side.members.map(({ id, personId, attributes, ...member }) => ({
      ...(id?.startsWith("new:") ? {} : { id, personId }),
      ...(Object.fromEntries(FIELDS.map((f) => [f, member[f] ?? null])) as Pick<MergeMember, Field>),
      attributes: answered(attributes),
    })),
  };
}

/** Gives each incoming member without an id the id of the current (or base) member it is. */
function withIds(incoming: MergeSide, current: MergeSide, base: MergeSide): MergeSide {
  const baseById = new Map(base.members.map((m) => [m.id!, m]));
  const currentIds = new Set(current.members.map((m) => m.id));
  const candidates = [...current.members, ...base.members.filter((m) => !currentIds.has(m.id))];
  const paired = pairMembers(incoming.members, candidates, (candidate) => baseById.get(candidate.id!));
  return {
    ...incoming,
    members: incoming.members.map((member, n) => {
      const candidate = candidates[paired[n]!];
      return candidate ? { ...member, id: candidate.id, personId: candidate.personId } : { ...member, id: member.id ?? `new:${n}` };
    }),
  };
}

/** The incoming roster's order, then the current members it does not list, in their order. */
function rosterOrder(incoming: MergeSide, current: MergeSide): string[] {
  return [...new Set([...incoming.members.map((m) => m.id!), ...current.members.map((m) => m.id!)])];
}

/** Every attribute code of `owners` (the sides that have them), each resolved under `prefix`. */
function mergeAttributes(
  prefix: string,
  owners: ({ attributes: Record<string, unknown> } | undefined)[],
  resolve: (path: string, code: string) => string | undefined,
) {
  const codes = new Set(owners.flatMap((owner) => Object.keys(owner?.attributes ?? {})));
  const attributes: Record<string, unknown> = {};
  for (const code of [...codes].sort()) {
    const value = resolve(`${prefix}/attributes/${code}`, code);
    if (value !== undefined) attributes[code] = parse(value);
  }
  return attributes;
}

type Flat = Map<string, string>;

/** Every value by its path, as JSON; absent and null are alike (never answered). */
function flatten(side: MergeSide): Flat {
  const flat: Flat = new Map();
  const put = (path: string, value: unknown) => {
    if (value !== undefined && value !== null) flat.set(path, JSON.stringify(value));
  };
  for (const field of PLACE) put(`/${field}`, side[field]);
  for (const [code, value] of Object.entries(side.attributes)) put(`/attributes/${code}`, value);
  for (const member of side.members) {
    const at = `/members/${member.id}`;
    put(at, true);
    for (const field of FIELDS) put(`${at}/${field}`, member[field]);
    for (const [code, value] of Object.entries(member.attributes)) put(`${at}/attributes/${code}`, value);
  }
  return flat;
}

function parse(value: string | undefined): unknown {
  return value === undefined ? undefined : JSON.parse(value);
}
