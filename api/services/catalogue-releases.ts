import { UniqueConstraintViolationException } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import { diffCatalogues, type CatalogueDiff } from "../../schemas/catalogue/diff";
import type { Catalogue } from "../../schemas/catalogue/types";
import { recordAudit, type AuditActor } from "../audit/record-audit";
import { CatalogueRelease } from "../entities";
import { problems } from "../problems";
import { loadCatalogue } from "./catalogue-store";
import { contentHash } from "./hash";

/** Named, frozen copies of the whole catalogue (issue 4): the database refuses to change them later. */
export interface NewRelease {
  name: string;
  notes?: string;
}

export const releaseSchema = {
  type: "object",
  required: ["name"],
  additionalProperties: false,
  properties: { name: { type: "string", minLength: 1, maxLength: 200 }, notes: { type: "string", maxLength: 20000 } },
} as const;

export async function createRelease(em: EntityManager, by: AuditActor, input: NewRelease) {
  try {
    return await em.transactional(async (tx) => {
      const catalogue = await loadCatalogue(tx);
      const release = tx.create(CatalogueRelease, {
        name: input.name,
        notes: input.notes ?? null,
        catalogue,
        checksum: contentHash(catalogue),
        createdBy: by.id,
        createdByName: by.name,
      });
      await tx.flush();
      await recordAudit(tx, by, {
        action: "catalogue.release",
        entityType: "catalogue_release",
        entityId: String(release.id),
        details: { name: release.name, checksum: release.checksum },
      });
      return releaseView(release, true);
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw problems.releaseNameTaken(input.name);
    throw error;
  }
}

export async function listReleases(em: EntityManager) {
  const releases = await em.find(CatalogueRelease, {}, { orderBy: { id: "desc" }, exclude: ["catalogue"] });
  return releases.map((r) => releaseView(r, false));
}

export async function findRelease(em: EntityManager, id: number): Promise<CatalogueRelease> {
  const release = await em.findOne(CatalogueRelease, id);
  if (!release) throw problems.releaseNotFound();
  return release;
}

/** Changes from the release `against` (or the working catalogue) to release `id`. */
export async function releaseDiff(em: EntityManager, id: number, against: number | "current"): Promise<CatalogueDiff> {
  const release = await findRelease(em, id);
  const base: Catalogue = against === "current" ? await loadCatalogue(em) : (await findRelease(em, against)).catalogue;
  return diffCatalogues(base, release.catalogue);
}

type ReleaseRow = Omit<CatalogueRelease, "catalogue"> & { catalogue?: Catalogue };

export function releaseView(r: ReleaseRow, withCatalogue: boolean) {
  return {
    id: r.id,
    name: r.name,
    notes: r.notes ?? null,
    checksum: r.checksum,
    createdBy: r.createdByName,
    createdAt: r.createdAt.toISOString(),
    ...(withCatalogue ? { catalogue: r.catalogue } : {}),
  };
}
