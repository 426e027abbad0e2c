import type { EntityManager } from "@mikro-orm/postgresql";
import type { RegistryMember } from "../../../schemas/contracts/api";
import type { FieldChange } from "../../../schemas/contracts/review";

/** A household as one version records it: its columns and its members in roster order. */
export interface HouseholdState {
  island: string | null;
  prefecture: string | null;
  commune: string | null;
  village: string | null;
  headName: string | null;
  attributes: Record<string, unknown>;
  members: MemberState[];
}

/** A member as the registry shows it, plus the person it is (shared by linked or merged individuals). */
export interface MemberState extends RegistryMember {
  personId: string;
}

/**
 * Reads a household's current state from its rows, on `em`'s transaction (after a flush, so the change
 * being written is included). Same shape as the backfill of Migration20261128050000History.
 */
export async function readHouseholdState(em: EntityManager, householdId: string): Promise<HouseholdState> {
  const [state] = await em.getConnection().execute<{ state: HouseholdState }[]>(
    `select jsonb_build_object('island', h.island, 'prefecture', h.prefecture, 'commune', h.commune, 'village', h.village,
        'headName', h.head_name, 'attributes', h.attributes,
        'members', coalesce((select jsonb_agg(jsonb_build_object('id', i.id, 'personId', i.person_id, 'lineNumber', i.line_number,
            'firstName', i.first_name, 'lastName', i.last_name, 'sex', i.sex, 'birthDate', to_char(i.birth_date, 'YYYY-MM-DD'),
            'nin', i.nin, 'relationToHead', i.relation_to_head, 'attributes', i.attributes) order by i.line_number)
          from individuals i where i.household_id = h.id), '[]'::jsonb)) as state
      from households h where h.id = ?`,
    [householdId],
    "all",
    em.getTransactionContext(),
  );
  if (!state) throw new Error(`household ${householdId} vanished inside its own transaction`);
  return state.state;
}

/**
 * The state of a household just created from its rows' values, as readHouseholdState would read it back
 * (members in roster order): saves reading back what was just written.
 */
export function stateOf(
  household: Pick<HouseholdState, "island" | "prefecture" | "commune" | "village" | "headName" | "attributes">,
  members: (Omit<MemberState, "attributes"> & { attributes: Record<string, unknown> })[],
): HouseholdState {
  const { island, prefecture, commune, village, headName, attributes } = household;
  return {
    island,
    prefecture,
    commune,
    village,
    headName,
    attributes,
    members: [...members]
      .sort((a, b) => a.lineNumber - b.lineNumber)
      .map(({ id, personId, lineNumber, firstName, lastName, sex, birthDate, nin, relationToHead, attributes }) => ({
        id,
        personId,
        lineNumber,
        firstName,
        lastName,
        sex,
        birthDate,
        nin,
        relationToHead,
        attributes,
      })),
  };
}

/** Every leaf that differs between two states, as JSON pointers (arrays by index, objects by key). */
export function diffStates(before: unknown, after: unknown, path = ""): FieldChange[] {
  if (isContainer(before) && isContainer(after) && Array.isArray(before) === Array.isArray(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...keys].flatMap((key) =>
      diffStates(
        (before as Record<string, unknown>)[key],
        (after as Record<string, unknown>)[key],
        `${path}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`,
      ),
    );
  }
  return JSON.stringify(before ?? null) === JSON.stringify(after ?? null)
    ? []
    : [{ path: path || "/", before: before ?? null, after: after ?? null }];
}

function isContainer(value: unknown): value is object {
  return typeof value === "object" && value !== null;
}
