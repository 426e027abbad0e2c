import { LockMode } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import { catalogueSnapshot } from "../../schemas/catalogue/snapshot";
import type { Catalogue } from "../../schemas/catalogue/types";
import { boundVariableCodes, compile, type JsonSchema } from "../../schemas/compile";
import { MEMBERS_ROSTER } from "../../schemas/contracts/registry";
import { recordAudit, type AuditActor } from "../audit/record-audit";
import { Form, FormVersion } from "../entities";
import { problems } from "../problems";
import { contentHash } from "./hash";

/**
 * Publishes a mask as the next version of a form (1, 2, 3…): compiles it against the catalogue and freezes
 * mask, schema and the snapshot of the variables it uses under one SHA-256 checksum (DESIGN.md rule 6).
 * Throws the compiler's CompileError when the mask does not fit the catalogue, and version_unchanged when
 * it would freeze exactly what the latest version holds.
 */
export async function publishFormVersion(
  em: EntityManager,
  by: AuditActor,
  formId: string,
  mask: Record<string, unknown>,
  catalogue: Catalogue,
  meta: { publishedBy?: string | null; reason?: string | null } = {},
): Promise<FormVersion> {
  const schema = compile(mask, catalogue);
  const snapshot = catalogueSnapshot(catalogue, [...boundVariables(schema), ...boundVariableCodes(mask)]);
  const checksum = contentHash({ mask, schema, snapshot });
  return em.transactional(async (tx) => {
    const form = await tx.findOneOrFail(Form, formId, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const latest = await tx.findOne(FormVersion, { form }, { orderBy: { version: "desc" } });
    // The same mask, schema and variables as the latest version would give clerks a second name for one
    // questionnaire (issue #21); a changed catalogue entry changes the snapshot, so that still publishes.
    if (latest?.checksum === checksum) throw problems.versionUnchanged(formId, latest.version);
    const published = tx.create(FormVersion, {
      form,
      version: (latest?.version ?? 0) + 1,
      mask,
      schema,
      snapshot,
      checksum,
      publishedBy: meta.publishedBy ?? null,
      reason: meta.reason ?? null,
    });
    await tx.flush();
    await recordAudit(tx, by, {
      action: "form.publish",
      entityType: "form_version",
      entityId: `${formId}@${published.version}`,
      details: { checksum: published.checksum, ...(meta.reason ? { reason: meta.reason } : {}) },
    });
    return published;
  });
}

/**
 * Variable codes a compiled schema holds: household answers at the top, individual ones in the roster. The
 * mask's own bindings are added to these: a unit's records and a composite question's parts are nested.
 */
function boundVariables(schema: JsonSchema): string[] {
  const top = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const roster = top[MEMBERS_ROSTER]?.items as JsonSchema | undefined;
  return [...Object.keys(top).filter((k) => k !== MEMBERS_ROSTER), ...Object.keys(roster?.properties ?? {})];
}
