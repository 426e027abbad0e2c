import { createHash } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import { queryRows } from "../plain-sql";
import { FormVersion } from "../../entities";
import { insertOutboxRows, insertSubmissions } from "../../repositories/submission-batch.repository";
import { placeOf } from "../../services/accept-submission";
import { contentHash } from "../../services/hash";
import { DEMO_FORM } from "./demo/catalogue";
import { validHousehold, type Member } from "./demo/household-answers";

const BATCH = 250;

/** How many households `npm start` seeds, and one in how many is submitted again with the head's name misspelt. */
export const DEMO_REGISTRY = { households: 3_000, duplicateEvery: 100 };

/** A submission id from the seed, so that the demo registry is the same on every machine. */
function seededId(kind: string, seed: number): string {
  const hex = createHash("sha256").update(`rsu-demo-${kind}-${seed}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Seeds the demo registry (issue #17): generated households across the three islands written as submissions
 * with their outbox rows, a batch per transaction, as the bulk import writes them; the outbox relay and the
 * integration workers then take them through the real pipeline (validation, matching, registry), and the
 * few misspelt copies become probable duplicates for the review queue. Once: skipped when any submission exists.
 */
export async function seedDemoRegistry(
  em: EntityManager,
  { households, duplicateEvery } = DEMO_REGISTRY,
  log: (line: string) => void = () => {},
): Promise<void> {
  const [existing] = await queryRows<{ n: number }>(em, "select count(*)::int as n from submissions", []);
  if (existing!.n > 0) return;
  const version = await em.findOneOrFail(FormVersion, { form: DEMO_FORM.id, version: 1 });
  const row = (id: string, data: Record<string, unknown>) => ({
    id,
    formVersionId: version.id,
    data,
    contentHash: contentHash({ formId: DEMO_FORM.id, version: 1, data }),
    submittedBy: null,
    commune: placeOf(data).commune,
    householdId: null,
    baseVersion: null,
  });
  for (let start = 1; start <= households; start += BATCH) {
    const seeds = Array.from({ length: Math.min(BATCH, households - start + 1) }, (_, i) => start + i);
    const rows = seeds.map((seed) => row(seededId("household", seed), validHousehold(seed)));
    for (const seed of seeds.filter((s) => s % duplicateEvery === 0))
      rows.push(row(seededId("duplicate", seed), misspelt(validHousehold(seed))));
    await em.transactional(async (tx) => insertOutboxRows(tx, [...(await insertSubmissions(tx, rows))], new Date()));
    log(`  registre de démonstration / demo registry: ${start + seeds.length - 1}/${households} ménages soumis / households submitted`);
  }
  log("  Les workers les intègrent en arrière-plan / the workers integrate them in the background.");
}

/** The same household typed again by another clerk: the head's first name with one letter doubled. */
function misspelt(data: Record<string, unknown>): Record<string, unknown> {
  const [head, ...others] = data.members as Member[];
  const name = String(head!.first_name);
  return { ...data, members: [{ ...head, first_name: `${name.slice(0, 2)}${name.slice(1)}` }, ...others] };
}
