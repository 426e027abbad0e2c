/**
 * The benches' registry and submissions, written by COPY (bench/integrate.ts, bench/match-quality.ts and the
 * matching differential test): generated households split by the pipeline's own `householdFromSubmission`,
 * so that the matching keys are those the pipeline writes.
 */
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { DEMO_FORM } from "../../api/db/seeders/demo/catalogue";
import { contentHash } from "../../api/services/hash";
import { placeOf } from "../../api/services/accept-submission";
import { householdFromSubmission } from "../../schemas/registry/household-from-submission";
import type { Response } from "../../test/helpers/demo-responses";
import { generatedHousehold } from "./comorian-households";
import { copyIn, line } from "./copy-in";

const HOUSEHOLD_COLUMNS = [
  "id",
  "island",
  "prefecture",
  "commune",
  "village",
  "head_name",
  "search_name",
  "attributes",
  "source_submission_id",
  "created_at",
  "updated_at",
];
const INDIVIDUAL_COLUMNS = [
  "id",
  "household_id",
  "line_number",
  "first_name",
  "last_name",
  "sex",
  "birth_date",
  "nin",
  "relation_to_head",
  "attributes",
  "created_at",
  "name_key",
  "block_key",
  "birth_year",
  "island",
  "commune",
];

/**
 * The registry's rows of the given households as COPY lines, split by the pipeline's own function. The
 * generator draws NINs at random: one already `given` is left out, as the unique NIN index (issue #14)
 * would refuse it; `prefix` keeps a second copy of rows already in the tables (step 4) apart from them.
 */
function registryLines(seeds: number[], given: Set<string>, prefix: string): { households: string[]; individuals: string[] } {
  const now = new Date().toISOString();
  const lines = { households: [] as string[], individuals: [] as string[] };
  for (const seed of seeds) {
    const { household: h, members } = householdFromSubmission(generatedHousehold(seed));
    const id = householdIdOf(seed);
    lines.households.push(
      line([id, h.island, h.prefecture, h.commune, h.village, h.headName, h.searchName, h.attributes, randomUUID(), now, now]),
    );
    for (const m of members) {
      const nin = m.nin && !given.has(prefix + m.nin) ? prefix + m.nin : null;
      if (nin) given.add(nin);
      lines.individuals.push(
        line([
          randomUUID(),
          id,
          m.lineNumber,
          m.firstName,
          m.lastName,
          m.sex,
          m.birthDate,
          nin,
          m.relationToHead,
          m.attributes,
          now,
          m.nameKey,
          m.blockKey,
          m.birthYear,
          h.island,
          h.commune,
        ]),
      );
    }
  }
  return lines;
}

/** A generated household's id, made from its seed, so that an update (--updates) can name it. */
export function householdIdOf(seed: number): string {
  return `00000000-0000-4000-8000-${seed.toString(16).padStart(12, "0")}`;
}

/** Writes the registry of `seeds` by COPY, 5,000 households a statement; returns what it wrote. */
export async function copyRegistry(client: pg.Client, seeds: number[], prefix = ""): Promise<{ households: number; individuals: number }> {
  const given = new Set<string>();
  let households = 0;
  let individuals = 0;
  const BATCH = 5_000;
  for (let start = 0; start < seeds.length; start += BATCH) {
    const lines = registryLines(seeds.slice(start, start + BATCH), given, prefix);
    await copyIn(client, "households", HOUSEHOLD_COLUMNS, lines.households);
    await copyIn(client, "individuals", INDIVIDUAL_COLUMNS, lines.individuals);
    households += lines.households.length;
    individuals += lines.individuals.length;
  }
  return { households, individuals };
}

/** A submission to insert as received: its answers, and for an update the household and version it was built on. */
export interface Received {
  data: Response;
  target?: { householdId: string; baseVersion: number };
}

/**
 * Inserts submissions as the API accepts them (status `received`, the commune kept), received one
 * millisecond apart in the order given; returns their ids in that order.
 */
export async function insertReceived(client: pg.Client, incoming: Received[]): Promise<string[]> {
  const { rows } = await client.query(`select id from form_versions where form_id = $1 order by version desc limit 1`, [DEMO_FORM.id]);
  const formVersionId = rows[0].id;
  const start = Date.now();
  const ids: string[] = [];
  const lines = incoming.map(({ data, target }, i) => {
    const id = randomUUID();
    ids.push(id);
    const receivedAt = new Date(start + i).toISOString();
    const hash = contentHash({ formId: DEMO_FORM.id, version: 1, data, ...target });
    return line([
      id,
      formVersionId,
      data,
      hash,
      "received",
      receivedAt,
      placeOf(data).commune,
      target?.householdId ?? null,
      target?.baseVersion ?? null,
    ]);
  });
  await copyIn(
    client,
    "submissions",
    ["id", "form_version_id", "data", "content_hash", "status", "received_at", "commune", "household_id", "base_version"],
    lines,
  );
  return ids;
}
