import type { EntityManager } from "@mikro-orm/postgresql";
import { queryRows } from "../../db/plain-sql";
import { problems } from "../../problems";
import { lockNins } from "./locks";

/** The current individual a NIN names (at most one: the unique index individuals_nin_unique). */
export interface NinHolder {
  individualId: string;
  householdId: string;
  personId: string;
}

/** Where a roster meets NINs already given: lines whose NIN another household's member holds, lines repeating an earlier one's. */
export interface NinClash {
  held: { line: number; holder: NinHolder }[];
  repeated: { line: number; firstLine: number }[];
}

/** A roster's NIN-bearing fields. */
type Member = { lineNumber: number; nin: string | null };

/**
 * The holders of some NINs: read after lockNins, so that a writer that held one of them has committed
 * (READ COMMITTED: this statement sees it). Members of a batch's new households join with `hold`.
 */
export class NinHolders {
  private constructor(private readonly byNin: Map<string, NinHolder>) {}

  /**
   * Locks `nins` (lockNins, a no-op for those the transaction holds already) and reads their holders;
   * `lock` false only to learn which households to lock first (move-person.ts).
   */
  static async read(em: EntityManager, nins: (string | null)[], lock = true): Promise<NinHolders> {
    const wanted = [...new Set(nins.filter((n): n is string => !!n))];
    if (lock) await lockNins(em, wanted);
    const rows = wanted.length
      ? await queryRows<NinHolder & { nin: string }>(
          em,
          `select nin, id as "individualId", household_id as "householdId", person_id as "personId" from individuals
            where nin = any(array(select json_array_elements_text(?::json)))`,
          [JSON.stringify(wanted)],
        )
      : [];
    return new NinHolders(new Map(rows.map(({ nin, ...holder }) => [nin, holder])));
  }

  /** What stops `members` from being written as household `householdId` (its own members hold their NINs freely). */
  clash(members: Member[], householdId: string | null): NinClash {
    const first = new Map<string, number>();
    const clash: NinClash = { held: [], repeated: [] };
    for (const { lineNumber: line, nin } of members) {
      if (!nin) continue;
      const earlier = first.get(nin);
      if (earlier !== undefined) clash.repeated.push({ line, firstLine: earlier });
      else first.set(nin, line);
      const holder = this.byNin.get(nin);
      if (holder && holder.householdId !== householdId) clash.held.push({ line, holder });
    }
    return clash;
  }

  /** Members just written (not committed yet) hold their NINs for the rest of the transaction. */
  hold(individuals: { id: string; household: string; personId: string; nin: string | null }[]): void {
    for (const m of individuals) if (m.nin) this.byNin.set(m.nin, { individualId: m.id, householdId: m.household, personId: m.personId });
  }
}

export function clashes(clash: NinClash): boolean {
  return clash.held.length > 0 || clash.repeated.length > 0;
}

/** The problem a clash is, for the paths that refuse it (a decision) rather than hold it for review (integration). */
export function clashProblem(clash: NinClash) {
  return clash.repeated.length
    ? problems.ninRepeated(clash.repeated.flatMap((r) => [r.firstLine, r.line]))
    : problems.ninHeld(clash.held.map((h) => h.line));
}

/** Refuses to write `members` as household `householdId` when one of their NINs names someone else. */
export async function assertNinsFree(em: EntityManager, members: Member[], householdId: string | null): Promise<void> {
  const clash = (
    await NinHolders.read(
      em,
      members.map((m) => m.nin),
    )
  ).clash(members, householdId);
  if (clashes(clash)) throw clashProblem(clash);
}
